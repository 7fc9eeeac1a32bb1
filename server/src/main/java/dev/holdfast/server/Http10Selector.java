package dev.holdfast.server;

import io.helidon.common.buffers.BufferData;
import io.helidon.webserver.ConnectionContext;
import io.helidon.webserver.spi.ServerConnection;
import io.helidon.webserver.spi.ServerConnectionSelector;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/** Claims the connections whose first line is an HTTP/1.0 request, for {@link Http10Connection}. */
final class Http10Selector implements ServerConnectionSelector {
    private static final byte[] VERSION = " HTTP/1.0\r".getBytes(StandardCharsets.US_ASCII);

    private final ProxyHandler handler;
    private final HeaderDeadline deadline;

    Http10Selector(ProxyHandler handler, HeaderDeadline deadline) {
        this.handler = handler;
        this.deadline = deadline;
    }

    @Override
    public int bytesToIdentifyConnection() {
        return 0;
    }

    @Override
    public Support supports(BufferData request) {
        int lf = request.indexOf((byte) '\n');
        if (lf < 0) {
            return request.available() < Http10Connection.MAX_HEAD_BYTES ? Support.UNKNOWN : Support.UNSUPPORTED;
        }
        String line = request.readString(lf);
        return line.endsWith(new String(VERSION, StandardCharsets.US_ASCII)) ? Support.SUPPORTED : Support.UNSUPPORTED;
    }

    @Override
    public Set<String> supportedApplicationProtocols() {
        return Set.of();
    }

    @Override
    public ServerConnection connection(ConnectionContext ctx) {
        return new Http10Connection(ctx, handler, deadline);
    }
}
