package dev.holdfast.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Each fault the relay injects, as a client sees it; bounds on time are loose for a loaded machine. */
@Timeout(10)
class FaultRelayTest {
    private static final String M = "example.com/m";
    private static final String ZIP = "/example.com/m/@v/v1.0.0.zip";
    private static final int ZIP_BYTES = 40_000;

    private LocalOrigin origin;
    private FaultRelay relay;
    private byte[] zip;

    @BeforeEach
    void open() throws IOException {
        zip = TestModules.filler(ZIP_BYTES);
        origin = LocalOrigin.open().add(M, "v1.0.0", Instant.EPOCH, TestModules.mod(M), zip);
        relay = FaultRelay.open(origin.address(), 42);
    }

    @AfterEach
    void close() {
        relay.close();
        origin.close();
    }

    private HttpResponse<byte[]> get(String path) throws IOException, InterruptedException {
        return LabHttp.get(relay.url() + path);
    }

    @Test
    void noFaults_passesResponsesThroughOnOneConnectionEach() throws Exception {
        HttpResponse<byte[]> first = get(ZIP);
        HttpResponse<byte[]> second = get(ZIP);

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.body()).isEqualTo(zip);
        assertThat(second.body()).isEqualTo(zip);
        assertThat(first.headers().firstValue("connection")).hasValue("close");
        assertThat(origin.requests()).allSatisfy(r -> assertThat(r.headers()).containsEntry("connection", "close"));
        assertThat(relay.connections()).isEqualTo(2);
        assertThat(relay.faultCounts().values()).containsOnly(0L);
    }

    @Test
    void noFaults_relaysRangeRequests() throws Exception {
        HttpResponse<byte[]> r = LabHttp.get(relay.url() + ZIP, "Range", "bytes=39990-");

        assertThat(r.statusCode()).isEqualTo(206);
        assertThat(r.body()).hasSize(10);
    }

    @Test
    void resetBeforeResponse_failsTheRequestWithoutAskingTheOrigin() throws Exception {
        relay.faults(Faults.NONE.withResets(1.0));

        assertThatThrownBy(() -> LabHttp.raw(relay.port(), ZIP)).isInstanceOf(SocketException.class);
        assertThat(relay.faultCount(FaultKind.RESET)).isEqualTo(1);
        // The JDK's client retries a GET once when the connection dies before the answer.
        assertThatThrownBy(() -> get(ZIP)).isInstanceOf(IOException.class);
        assertThat(relay.faultCount(FaultKind.RESET)).isEqualTo(3);
        assertThat(origin.requestCount(ZIP)).isZero();
    }

    @Test
    void resetMidBody_breaksTheDownloadAfterTheOriginAnswered() throws Exception {
        relay.faults(Faults.NONE.withResets(1.0, 10_000));

        assertThatThrownBy(() -> get(ZIP)).isInstanceOf(IOException.class);
        assertThat(relay.faultCount(FaultKind.RESET)).isEqualTo(1);
        assertThat(origin.requestCount(ZIP)).isEqualTo(1);
    }

    @Test
    void resetMidBody_spareBodiesShorterThanTheOffset() throws Exception {
        relay.faults(Faults.NONE.withResets(1.0, 10_000));

        assertThat(get("/example.com/m/@v/list").statusCode()).isEqualTo(200);
        assertThat(relay.faultCount(FaultKind.RESET)).isZero();
    }

    @Test
    void blackHole_neverAnswers() throws Exception {
        relay.faults(Scenario.OUTAGE.faults());

        assertThatThrownBy(() -> LabHttp.get(relay.url() + ZIP, Duration.ofMillis(300)))
                .isInstanceOf(HttpTimeoutException.class);
        assertThat(relay.faultCount(FaultKind.BLACK_HOLE)).isEqualTo(1);
        assertThat(origin.requestCount(ZIP)).isZero();
    }

    @Test
    void truncate_sendsAShortBodyAndClosesCleanly() throws Exception {
        relay.faults(Faults.NONE.withTruncation(1.0, 0.25));

        LabHttp.Raw raw = LabHttp.raw(relay.port(), ZIP); // reads to a clean end of stream: no reset

        assertThat(raw.headers()).containsEntry("content-length", Integer.toString(ZIP_BYTES));
        assertThat(raw.body()).hasSize(ZIP_BYTES / 4);
        assertThat(raw.body()).isEqualTo(java.util.Arrays.copyOf(zip, ZIP_BYTES / 4));
        assertThatThrownBy(() -> get(ZIP)).isInstanceOf(IOException.class);
        assertThat(relay.faultCount(FaultKind.TRUNCATE)).isEqualTo(2);
    }

    @Test
    void corrupt_flipsBytesButKeepsTheLength() throws Exception {
        relay.faults(Faults.NONE.withCorruption(1.0));

        byte[] body = get(ZIP).body();

        assertThat(body).hasSize(ZIP_BYTES).isNotEqualTo(zip);
        int flipped = 0;
        for (int i = 0; i < body.length; i++) {
            if (body[i] != zip[i]) {
                assertThat((byte) (body[i] ^ 0xFF)).isEqualTo(zip[i]);
                flipped++;
            }
        }
        assertThat(flipped).isBetween(ZIP_BYTES / FaultRelay.CHUNK_BYTES, ZIP_BYTES);
        assertThat(relay.faultCount(FaultKind.CORRUPT)).isEqualTo(1);
    }

    @Test
    void status_answersWithoutTheOrigin() throws Exception {
        relay.faults(Faults.NONE.withStatus(1.0, 503));
        HttpResponse<byte[]> unavailable = get(ZIP);
        relay.faults(Faults.NONE.withStatus(1.0, 429, Duration.ofSeconds(7)));
        HttpResponse<byte[]> tooMany = get(ZIP);
        relay.faults(Faults.NONE.withStatus(1.0, 500));
        HttpResponse<byte[]> internal = get(ZIP);

        assertThat(unavailable.statusCode()).isEqualTo(503);
        assertThat(unavailable.headers().firstValue("content-type")).hasValue("text/plain; charset=utf-8");
        assertThat(tooMany.statusCode()).isEqualTo(429);
        assertThat(tooMany.headers().firstValue("retry-after")).hasValue("7");
        assertThat(internal.statusCode()).isEqualTo(500);
        assertThat(internal.headers().firstValue("retry-after")).isEmpty();
        assertThat(relay.faultCount(FaultKind.STATUS)).isEqualTo(3);
        assertThat(origin.requestCount(ZIP)).isZero();
    }

    @Test
    void stop_refusesConnectionsUntilStartedOnTheSamePort() throws Exception {
        int port = relay.port();

        relay.stop();
        assertThatThrownBy(() -> get(ZIP)).isInstanceOf(ConnectException.class);
        relay.start();

        assertThat(relay.port()).isEqualTo(port);
        assertThat(get(ZIP).body()).isEqualTo(zip);
        assertThat(relay.faultCount(FaultKind.REFUSE)).isEqualTo(1);
    }

    @Test
    void latency_delaysEachAnswer() throws Exception {
        relay.faults(Faults.NONE.withLatency(Duration.ofMillis(300), Duration.ZERO));

        long start = System.nanoTime();
        get("/example.com/m/@v/list");
        get("/example.com/m/@v/list");

        assertThat(Duration.ofNanos(System.nanoTime() - start))
                .isBetween(Duration.ofMillis(600), Duration.ofSeconds(5));
        assertThat(relay.faultCount(FaultKind.LATENCY)).isEqualTo(2);
    }

    @Test
    void chunkLatency_delaysEachChunkOfTheBody() throws Exception {
        relay.faults(Faults.NONE.withLatency(Duration.ZERO, Duration.ofMillis(60)));

        long start = System.nanoTime();
        assertThat(get(ZIP).body()).isEqualTo(zip);

        int chunks = (ZIP_BYTES + FaultRelay.CHUNK_BYTES - 1) / FaultRelay.CHUNK_BYTES; // at least
        assertThat(Duration.ofNanos(System.nanoTime() - start))
                .isBetween(Duration.ofMillis(60L * chunks), Duration.ofSeconds(8));
    }

    @Test
    void bandwidth_paceTheBody() throws Exception {
        relay.faults(Faults.NONE.withBandwidth(50_000));

        long start = System.nanoTime();
        assertThat(get(ZIP).body()).isEqualTo(zip);

        // 40,000 bytes at 50,000 bytes/s: at least 0.8 s
        assertThat(Duration.ofNanos(System.nanoTime() - start))
                .isBetween(Duration.ofMillis(750), Duration.ofSeconds(6));
        assertThat(relay.faultCount(FaultKind.BANDWIDTH)).isEqualTo(1);
    }

    @Test
    void trickle_sendsSlowlyThenStallsWithTheConnectionOpen() throws Exception {
        relay.faults(Faults.NONE.withTrickle(1.0, 4_000, 2_000));
        java.io.ByteArrayOutputStream got = new java.io.ByteArrayOutputStream();
        long start = System.nanoTime();

        try (java.net.Socket s = new java.net.Socket(Loopback.ADDRESS, relay.port())) {
            s.getOutputStream()
                    .write(("GET " + ZIP + " HTTP/1.1\r\nHost: x\r\n\r\n")
                            .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            s.setSoTimeout(1_500);
            byte[] buffer = new byte[4096];
            assertThatThrownBy(() -> {
                        for (int n; (n = s.getInputStream().read(buffer)) >= 0; ) {
                            got.write(buffer, 0, n);
                        }
                    })
                    .isInstanceOf(java.net.SocketTimeoutException.class); // open, but nothing more comes
        }

        String text = got.toString(java.nio.charset.StandardCharsets.ISO_8859_1);
        int body = text.indexOf("\r\n\r\n") + 4;
        assertThat(text).startsWith("HTTP/1.1 200 ");
        assertThat(got.size() - body).isEqualTo(2_000);
        // 2,000 bytes at 4,000 bytes/s take about half a second, then the 1.5 s read timeout
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThan(Duration.ofMillis(1_900));
        assertThat(relay.faultCount(FaultKind.TRICKLE)).isEqualTo(1);
    }

    @Test
    void upstreamDown_resetsTheClient() throws Exception {
        origin.stop();

        assertThatThrownBy(() -> LabHttp.raw(relay.port(), ZIP)).isInstanceOf(SocketException.class);
        assertThatThrownBy(() -> get(ZIP)).isInstanceOf(IOException.class);
        assertThat(relay.connections()).isEqualTo(3); // the JDK client's retry included
    }

    @Test
    void close_refusesConnections() throws Exception {
        relay.close();

        assertThatThrownBy(() -> get(ZIP)).isInstanceOf(ConnectException.class);
    }
}
