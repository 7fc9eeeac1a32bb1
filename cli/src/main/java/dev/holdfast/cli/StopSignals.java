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
     * Returns once the process gets SIGTERM or SIGINT, or the calling thread is interrupted (which is
     * cleared, so that the caller's graceful stop is not cut short). Meanwhile a second signal halts
     * the process at once, as a user pressing Ctrl-C twice expects. The previous handlers are restored
     * before it returns.
     */
    static void await() {
        CountDownLatch stop = new CountDownLatch(1);
        AtomicInteger received = new AtomicInteger();
        SignalHandler handler = signal -> {
            if (received.incrementAndGet() > 1) {
                Runtime.getRuntime().halt(128 + signal.getNumber());
            }
            stop.countDown();
        };
        Map<Signal, SignalHandler> previous = new HashMap<>();
        for (String name : List.of("TERM", "INT")) {
            Signal signal = new Signal(name);
            try {
                previous.put(signal, Signal.handle(signal, handler));
            } catch (IllegalArgumentException e) {
                // reserved (java -Xrs): the JVM's own handling stays, without the graceful stop
            }
        }
        try {
            stop.await();
        } catch (InterruptedException e) {
            // asked to stop in-process; the interrupt is consumed here
        } finally {
            previous.forEach(Signal::handle);
        }
    }
}
