package dev.holdfast.conformance.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.testing.ConformanceReport;
import dev.holdfast.testing.LocalOrigin;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Raw-socket tests of the HTTP framing {@code holdfast serve} accepts (issue 12): requests that smuggle
 * a second request behind an ambiguous length are answered 400 and their connection closed; {@code
 * Connection: close} and HTTP/1.0 are honoured; a client that trickles its headers, or goes quiet on a
 * kept-alive connection, is cut off; and {@code /status} answers the admin credentials only.
 */
@Timeout(120)
class ServeFramingTest {
    private static LocalOrigin origin;
    private static ServeProcess serve;
    private static int cases;
    private static int passed;

    @BeforeAll
    static void start(@TempDir Path dir) throws IOException {
        origin = Modules.addTo(LocalOrigin.open());
        Path admins =
                Files.writeString(dir.resolve("admins"), "# the status page's readers\nmonitoring-token-0123456789\n");
        serve = ServeProcess.start(
                dir.resolve("serve"),
                "--upstream",
                origin.url(),
                "--cache",
                dir.resolve("cache").toString(),
                "--admin-auth",
                admins.toString(),
                "--quiet");
    }

    @AfterAll
    static void stop() {
        serve.close();
        origin.close();
        ConformanceReport.record("server", "raw-socket framing, connection and admin cases", cases, passed);
    }

    /** What came back on a connection: the bytes, and whether the server closed it (else it timed out). */
    private record Exchange(String text, boolean closed, Duration took) {
        int answers() {
            return text.split("HTTP/1\\.[01] ", -1).length - 1;
        }
    }

    private static Exchange send(String request, Duration wait, String trickle)
            throws IOException, InterruptedException {
        cases++;
        long start = System.nanoTime();
        try (Socket s = new Socket("127.0.0.1", serve.port())) {
            s.setSoTimeout((int) wait.toMillis());
            s.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            for (char c : trickle.toCharArray()) {
                Thread.sleep(1000);
                s.getOutputStream().write(c);
            }
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            InputStream in = s.getInputStream();
            boolean closed;
            try {
                in.transferTo(got);
                closed = true;
            } catch (SocketTimeoutException e) {
                closed = false;
            } catch (IOException e) {
                closed = true; // reset
            }
            return new Exchange(
                    got.toString(StandardCharsets.ISO_8859_1), closed, Duration.ofNanos(System.nanoTime() - start));
        } catch (IOException e) {
            return new Exchange("", true, Duration.ofNanos(System.nanoTime() - start)); // closed while writing
        }
    }

    private static Exchange send(String request) throws IOException, InterruptedException {
        return send(request, Duration.ofSeconds(3), "");
    }

    private static void passed(boolean ok) {
        passed += ok ? 1 : 0;
    }

    @Test
    void duplicateContentLength_400AndTheSmuggledRequestIsNeverRead() throws Exception {
        Exchange x = send("GET /healthz HTTP/1.1\r\nHost: h\r\nContent-Length: 0\r\nContent-Length: 33\r\n\r\n"
                + "GET /readyz HTTP/1.1\r\nHost: h\r\n\r\n");

        passed(x.text().startsWith("HTTP/1.1 400 ") && x.answers() == 1 && x.closed());
        assertThat(x.text()).startsWith("HTTP/1.1 400 ").contains("more than one Content-Length");
        assertThat(x.answers()).isEqualTo(1);
        assertThat(x.closed()).isTrue();
    }

    @Test
    void contentLengthWithTransferEncoding_400AndClosed() throws Exception {
        Exchange x = send("GET /healthz HTTP/1.1\r\nHost: h\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "0\r\n\r\nGET /readyz HTTP/1.1\r\nHost: h\r\n\r\n");

        passed(x.text().startsWith("HTTP/1.1 400 ") && x.answers() == 1 && x.closed());
        assertThat(x.text()).startsWith("HTTP/1.1 400 ").contains("both Content-Length and Transfer-Encoding");
        assertThat(x.answers()).isEqualTo(1);
        assertThat(x.closed()).isTrue();
    }

    @Test
    void unknownTransferCoding_400AndClosed() throws Exception {
        Exchange x = send("GET /healthz HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: gzip\r\n\r\n");

        passed(x.text().startsWith("HTTP/1.1 400 ") && x.closed());
        assertThat(x.text()).startsWith("HTTP/1.1 400 ").contains("Transfer-Encoding other than chunked");
        assertThat(x.closed()).isTrue();
    }

    @Test
    void connectionClose_answeredThenClosedAtOnce() throws Exception {
        Exchange x = send("GET /healthz HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n");

        passed(x.text().startsWith("HTTP/1.1 200 ") && x.closed() && x.took().toMillis() < 2000);
        assertThat(x.text()).startsWith("HTTP/1.1 200 ").contains("Connection: close");
        assertThat(x.closed()).isTrue();
        assertThat(x.took()).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void http10_servedAndClosed() throws Exception {
        Exchange health = send("GET /healthz HTTP/1.0\r\n\r\n");
        Exchange mod = send("GET /example.com/greet/@v/v1.0.0.mod HTTP/1.0\r\nUser-Agent: nginx\r\n\r\n");

        passed(health.text().startsWith("HTTP/1.0 200 ")
                && mod.text().endsWith("module example.com/greet\n\ngo 1.21\n"));
        assertThat(health.text()).startsWith("HTTP/1.0 200 ").endsWith("\r\n\r\nok\n");
        assertThat(health.closed()).isTrue();
        assertThat(mod.text()).startsWith("HTTP/1.0 200 ").endsWith("\r\n\r\nmodule example.com/greet\n\ngo 1.21\n");
    }

    @Test
    void headersTrickled_connectionClosedWithinTheHeaderDeadline() throws Exception {
        Exchange x = send("GET /healthz HTTP/1.1\r\nHost: h\r\n", Duration.ofSeconds(30), "X-Slow: 0123456789\r\n\r\n");

        passed(x.closed() && x.answers() == 0 && x.took().toSeconds() < 12);
        assertThat(x.closed()).as("closed, not left open").isTrue();
        assertThat(x.answers()).isZero();
        assertThat(x.took()).isLessThan(Duration.ofSeconds(12));
    }

    @Test
    void idleKeptAliveConnection_closedAfterTheIdleTimeout() throws Exception {
        Exchange x = send("GET /healthz HTTP/1.1\r\nHost: h\r\n\r\n", Duration.ofSeconds(30), "");

        passed(x.answers() == 1 && x.closed() && x.took().toSeconds() < 20);
        assertThat(x.answers()).isEqualTo(1);
        assertThat(x.closed()).isTrue();
        assertThat(x.took()).isBetween(Duration.ofSeconds(8), Duration.ofSeconds(20));
    }

    @Test
    void status_needsTheAdminCredentials() throws Exception {
        Exchange anonymous = send("GET /status HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n");
        Exchange admin = send("GET /status HTTP/1.1\r\nHost: h\r\nAuthorization: Bearer monitoring-token-0123456789\r\n"
                + "Connection: close\r\n\r\n");
        Exchange wrong = send("GET /metrics HTTP/1.1\r\nHost: h\r\nAuthorization: Basic "
                + Base64.getEncoder().encodeToString("x:y".getBytes(StandardCharsets.UTF_8))
                + "\r\nConnection: close\r\n\r\n");
        Exchange module = send("GET /example.com/greet/@v/list HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n");

        passed(anonymous.text().startsWith("HTTP/1.1 401 ")
                && admin.text().startsWith("HTTP/1.1 200 ")
                && wrong.text().startsWith("HTTP/1.1 401 ")
                && module.text().startsWith("HTTP/1.1 200 "));
        assertThat(anonymous.text()).startsWith("HTTP/1.1 401 ").contains("WWW-Authenticate: Bearer");
        assertThat(admin.text()).startsWith("HTTP/1.1 200 ").contains("\"upstreams\"");
        assertThat(wrong.text()).startsWith("HTTP/1.1 401 ");
        assertThat(module.text())
                .as("module requests need no admin credentials")
                .startsWith("HTTP/1.1 200 ");
    }
}
