package dev.holdfast.cli;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Waits for the signals that ask a long-running command to stop, SIGTERM and SIGINT, so that it can
 * stop gracefully and exit 0. The JVM's own handling would run shutdown hooks and exit with 128 plus
 * the signal number, whatever the hooks did; a service manager would log a graceful stop as a
 * failure. {@code sun.misc.Signal} (module jdk.unsupported) is the JDK's one way to take a signal
 * over, kept for exactly this use by JEP 260; only this class names it.
 */
final class StopSignals {
    private StopSignals() {}

    /**
     * Takes SIGTERM and SIGINT over from now on, so that one that comes before {@link Stop#await} (say,
     * while a server is still starting, or right after it said it listens) is not lost to the JVM's own
     * handling. A second signal halts the process at once, as a user pressing Ctrl-C twice expects.
     */
    static Stop install() {
        return new Stop();
    }

    /** The signals taken over; {@link #close} gives them back to their previous handlers. */
    static final class Stop implements AutoCloseable {
        private final CountDownLatch stop = new CountDownLatch(1);
        private final Map<Signal, SignalHandler> previous = new HashMap<>();

        private Stop() {
            AtomicInteger received = new AtomicInteger();
            SignalHandler handler = signal -> {
                if (received.incrementAndGet() > 1) {
                    Runtime.getRuntime().halt(128 + signal.getNumber());
                }
                stop.countDown();
            };
            for (String name : List.of("TERM", "INT")) {
                Signal signal = new Signal(name);
                try {
                    previous.put(signal, Signal.handle(signal, handler));
                } catch (IllegalArgumentException e) {
                    // reserved (java -Xrs): the JVM's own handling stays, without the graceful stop
                }
            }
        }

        /**
         * Returns once the process got SIGTERM or SIGINT since {@link #install}, or the calling thread is
         * interrupted (which is cleared, so that the caller's graceful stop is not cut short).
         */
        void await() {
            try {
                stop.await();
            } catch (InterruptedException e) {
                // asked to stop in-process; the interrupt is consumed here
            }
        }

        @Override
        public void close() {
            previous.forEach(Signal::handle);
        }
    }
}
