package dev.holdfast.testing;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * One client connection through a {@link FaultRelay}: reads the request head, carries out the
 * connection's {@link ConnectionPlan}, and relays the one response with its faults.
 */
final class RelayConnection {
    private static final int CONNECT_TIMEOUT_MILLIS = 5_000;
    private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(2);

    private final FaultRelay relay;
    private final Socket client;
    private final ConnectionPlan plan;
    private final Faults faults;
    private Socket upstream;

    RelayConnection(FaultRelay relay, Socket client, ConnectionPlan plan) {
        this.relay = relay;
        this.client = client;
        this.plan = plan;
        this.faults = plan.faults();
    }

    /** Serves the connection to its end; any failure resets the client, as a broken path would. */
    void run() {
        try {
            serve();
        } catch (IOException e) {
            reset(client); // the upstream or the client broke off, or the relay was closed
        } catch (InterruptedException e) {
            reset(client);
            Thread.currentThread().interrupt();
        } finally {
            relay.forget(client);
            close(client);
            if (upstream != null) {
                relay.forget(upstream);
                close(upstream);
            }
        }
    }

    private void serve() throws IOException, InterruptedException {
        client.setTcpNoDelay(true);
        InputStream in = new BufferedInputStream(client.getInputStream());
        if (plan.blackHole()) {
            relay.count(FaultKind.BLACK_HOLE);
            in.transferTo(OutputStream.nullOutputStream()); // until the client gives up or the relay closes
            return;
        }
        HttpHead request = HttpHead.read(in);
        if (request == null) {
            return;
        }
        if (plan.resetBeforeResponse()) {
            relay.count(FaultKind.RESET);
            reset(client);
            return;
        }
        delay();
        if (plan.status()) {
            relay.count(FaultKind.STATUS);
            Thread drain = pump(in, OutputStream.nullOutputStream());
            send(statusResponse());
            finish(drain);
            return;
        }
        upstream = connectUpstream();
        upstream.getOutputStream().write(request.withConnectionClose().bytes());
        Thread requestBody = pump(in, upstream.getOutputStream());
        InputStream upIn = new BufferedInputStream(upstream.getInputStream());
        HttpHead response = HttpHead.read(upIn);
        if (response == null) {
            throw new IOException("upstream closed without answering");
        }
        send(response.withConnectionClose().bytes());
        if (relayBody(upIn, response.contentLength(), requestBody)) {
            finish(requestBody);
        }
    }

    private void delay() throws InterruptedException {
        if (faults.latency().isPositive() || faults.chunkLatency().isPositive()) {
            relay.count(FaultKind.LATENCY);
        }
        if (faults.bytesPerSecond() > 0) {
            relay.count(FaultKind.BANDWIDTH);
        }
        Thread.sleep(faults.latency());
    }

    private Socket connectUpstream() throws IOException {
        Socket s = new Socket();
        relay.remember(s);
        s.setTcpNoDelay(true);
        InetSocketAddress address = relay.upstream();
        s.connect(address, CONNECT_TIMEOUT_MILLIS);
        return s;
    }

    /**
     * Relays the response body with the planned truncation, corruption, trickle or reset; returns false if
     * the connection was reset or abandoned by the client (nothing more to do), true if it should now be
     * closed cleanly. A stalled trickle waits for {@code requestSide}, which ends when the client closes.
     */
    private boolean relayBody(InputStream body, long contentLength, Thread requestSide)
            throws IOException, InterruptedException {
        boolean cut = plan.truncate() && contentLength > 0;
        long keep = cut ? (long) (contentLength * faults.truncateKeep()) : Long.MAX_VALUE;
        boolean keepUnknown = plan.truncate() && contentLength < 0; // decided on the first chunk instead
        boolean corrupted = false;
        long resetAt = plan.reset() ? faults.resetAfterBodyBytes() : Long.MAX_VALUE;
        Random flips = new Random(plan.seed());
        long rate = plan.trickle() ? faults.trickleBytesPerSecond() : faults.bytesPerSecond();
        byte[] buffer = new byte[chunkBytes(rate)];
        if (plan.trickle()) {
            relay.count(FaultKind.TRICKLE);
        }
        LinkPacer trickle = new LinkPacer();
        for (long sent = 0; ; ) {
            if (plan.trickle() && sent >= faults.trickleStallAfter()) {
                client.getOutputStream().flush();
                requestSide.join(); // stalled for good: until the client gives up or the relay closes
                return false;
            }
            if (sent >= resetAt) {
                relay.count(FaultKind.RESET);
                reset(client);
                return false;
            }
            if (sent >= keep) {
                relay.count(FaultKind.TRUNCATE);
                return true;
            }
            long room = Math.min(resetAt - sent, keep - sent);
            if (plan.trickle()) {
                room = Math.min(room, Math.max(1, faults.trickleStallAfter() - sent));
            }
            int n = body.read(buffer, 0, (int) Math.min(buffer.length, room));
            if (n < 0) {
                return true;
            }
            if (keepUnknown) {
                keep = (long) (n * faults.truncateKeep());
                n = (int) keep;
                keepUnknown = false;
            }
            if (plan.corrupt() && n > 0) {
                if (!corrupted) {
                    relay.count(FaultKind.CORRUPT);
                    corrupted = true;
                }
                buffer[flips.nextInt(n)] ^= (byte) 0xFF;
            }
            Thread.sleep(faults.chunkLatency());
            relay.pacer().pace(n, faults.bytesPerSecond());
            if (plan.trickle()) {
                trickle.pace(n, rate);
            }
            client.getOutputStream().write(buffer, 0, n);
            sent += n;
        }
    }

    private void send(byte[] bytes) throws IOException, InterruptedException {
        relay.pacer().pace(bytes.length, faults.bytesPerSecond());
        client.getOutputStream().write(bytes);
    }

    private byte[] statusResponse() {
        int status = faults.status();
        byte[] body = ("fault relay: injected " + status + "\n").getBytes(StandardCharsets.UTF_8);
        List<String> headers = new ArrayList<>(List.of(
                "Content-Type: text/plain; charset=utf-8", "Content-Length: " + body.length, "Connection: close"));
        if ((status == 429 || status == 503) && faults.retryAfter().toSeconds() > 0) {
            headers.add("Retry-After: " + faults.retryAfter().toSeconds());
        }
        byte[] head = new HttpHead("HTTP/1.1 " + status + " " + reason(status), headers).bytes();
        byte[] all = new byte[head.length + body.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(body, 0, all, head.length, body.length);
        return all;
    }

    private static String reason(int status) {
        return switch (status) {
            case 429 -> "Too Many Requests";
            case 500 -> "Internal Server Error";
            case 502 -> "Bad Gateway";
            case 503 -> "Service Unavailable";
            case 504 -> "Gateway Timeout";
            default -> "Injected Fault";
        };
    }

    /** Copies what else the client sends (a request body, or nothing until it closes) in the background. */
    private Thread pump(InputStream from, OutputStream to) {
        return Thread.ofVirtual().name("relay-request").start(() -> {
            try {
                from.transferTo(to);
            } catch (IOException e) {
                // one side closed: the response side decides how the connection ends
            }
        });
    }

    /**
     * Ends the response with a FIN and lets the client close its side first: closing a socket with unread
     * input would send an RST, and the client would see a reset instead of the answer.
     */
    private void finish(Thread requestSide) throws IOException, InterruptedException {
        client.shutdownOutput();
        requestSide.join(DRAIN_TIMEOUT);
    }

    /** Returns the chunk size for a link of {@code rate} bytes/s: smaller on a slow link, so pacing is smooth. */
    static int chunkBytes(long rate) {
        return rate <= 0 ? FaultRelay.CHUNK_BYTES : Math.clamp(rate / 20, 1, FaultRelay.CHUNK_BYTES);
    }

    /** Closes {@code socket} with an RST (linger 0) instead of a FIN. */
    static void reset(Socket socket) {
        try {
            socket.setSoLinger(true, 0);
            socket.close();
        } catch (IOException e) {
            // already closed
        }
    }

    private static void close(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // already closed
        }
    }
}
