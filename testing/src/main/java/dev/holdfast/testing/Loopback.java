package dev.holdfast.testing;

import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/** Binds the lab's listeners to 127.0.0.1, again on the same port after a stop. */
final class Loopback {
    private static final int ATTEMPTS = 40;
    private static final long PAUSE_MILLIS = 50;

    /** 127.0.0.1 itself: {@code getLoopbackAddress()} may answer {@code ::1} when IPv6 is preferred. */
    static final InetAddress ADDRESS = ipv4Loopback();

    private Loopback() {}

    private static InetAddress ipv4Loopback() {
        try {
            return InetAddress.getByAddress("127.0.0.1", new byte[] {127, 0, 0, 1});
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError("a 4-byte address is always valid", e);
        }
    }

    /** Opens a listener; the one-method shape of {@code HttpServer.create} and a server socket factory. */
    interface Binder<T> {
        T bind(InetSocketAddress address) throws IOException;
    }

    /**
     * Returns a listener on {@code port} of 127.0.0.1 (0 picks an ephemeral port). A fixed port is retried
     * for about two seconds: for a moment after a close, the kernel may still hold it.
     */
    static <T> T bind(int port, Binder<T> binder) throws IOException {
        InetSocketAddress address = new InetSocketAddress(ADDRESS, port);
        for (int attempt = 1; ; attempt++) {
            try {
                return binder.bind(address);
            } catch (BindException e) {
                if (port == 0 || attempt == ATTEMPTS) {
                    throw e;
                }
                pause();
            }
        }
    }

    private static void pause() throws IOException {
        try {
            Thread.sleep(PAUSE_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting to bind", e);
        }
    }
}
