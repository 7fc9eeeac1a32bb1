package dev.holdfast.cli;

/**
 * Sizes the pool of platform threads that run {@code serve}'s virtual threads (one per connection). The
 * JDK's default is one carrier per CPU; on a 2-CPU machine serving 1 MiB zips to 64 connections that left
 * about one request in a hundred waiting 0.2 to 1.2 s for a carrier (p99 of 220 to 840 ms against nginx's
 * 40 to 55 ms), while twice as many carriers as CPUs gave a p99 of 71 to 76 ms at the same throughput and
 * more {@code .info} answers a second (docs/benchmarks.md, "Tail latency"). The kernel then shares the
 * CPUs among the carriers, so a burst of runnable connections no longer queues behind two threads.
 *
 * <p>It must run before the first virtual thread is created, which reads the setting once; a value
 * given with {@code -Djdk.virtualThreadScheduler.parallelism} is left as it is.
 */
final class CarrierThreads {
    static final String PARALLELISM = "jdk.virtualThreadScheduler.parallelism";

    private CarrierThreads() {}

    /** Sets twice as many carrier threads as CPUs unless the setting was given. */
    static void widenForServing() {
        if (System.getProperty(PARALLELISM) == null) {
            System.setProperty(
                    PARALLELISM, String.valueOf(2 * Runtime.getRuntime().availableProcessors()));
        }
    }
}
