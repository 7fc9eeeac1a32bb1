package dev.holdfast.server;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.UnresolvedAddressException;
import java.util.Locale;

/**
 * Binds the server's address once before the web server does, so that a port in use, a host name that
 * does not resolve or an address that is not this machine's is refused in one line. Helidon itself logs
 * a stack trace for these and returns a server that does not listen.
 */
final class ListenCheck {
    private ListenCheck() {}

    /**
     * Binds {@code host:port} as the server will (address reuse on) and lets it go again.
     *
     * @throws IllegalArgumentException naming the address and the reason when it cannot be bound
     */
    static void check(String host, int port) {
        try (ServerSocketChannel channel = ServerSocketChannel.open()) {
            channel.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            channel.bind(new InetSocketAddress(host, port));
        } catch (UnresolvedAddressException e) {
            throw refused(host, port, "no such host", e);
        } catch (IOException e) {
            throw refused(host, port, reason(e), e);
        }
    }

    /** Returns the error for a server that cannot listen on {@code host:port}. */
    static IllegalArgumentException refused(String host, int port, String reason, Exception cause) {
        String address = host.contains(":") ? "[" + host + "]:" + port : host + ":" + port;
        return new IllegalArgumentException("cannot listen on " + address + ": " + reason, cause);
    }

    /** The JDK's reason in the go command's lower case, like "address already in use". */
    private static String reason(IOException e) {
        String message = e.getMessage();
        if (message == null || message.isEmpty()) {
            return e.getClass().getSimpleName();
        }
        return message.substring(0, 1).toLowerCase(Locale.ROOT) + message.substring(1);
    }
}
