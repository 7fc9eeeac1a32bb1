package dev.holdfast.conformance.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.testing.ConformanceReport;
import dev.holdfast.testing.ForwardProxy;
import dev.holdfast.testing.GoToolchain;
import dev.holdfast.testing.LocalOrigin;
import dev.holdfast.testing.TestCerts;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A company's forward proxy with a user and password, and an HTTPS GOPROXY reached through it with
 * CONNECT, as the go command uses them: GOPROXY names a host that does not resolve ({@code
 * modules.holdfast.invalid}), which only the proxy on loopback reaches; the HTTPS origin is a {@code
 * holdfast serve} with TLS whose certificate names that host. For each setting, {@code go mod download}
 * and {@code holdfast download} (in a JVM of its own, as users run it) of the same project, each with an
 * empty module cache, must both succeed or both fail, and both must send the proxy requests. Before
 * 2026-12-08 Holdfast refused a proxy URL with a user and password, and an HTTPS GOPROXY through a
 * proxy was not compared.
 */
@Timeout(240)
class ProxyCredentialsConformanceTest {
    private static final String HOST = "modules.holdfast.invalid";
    private static final String USER = "ci";
    private static final String PASSWORD = "p@ss:w%rd+1";
    private static final String ESCAPED = "ci:p%40ss%3Aw%25rd+1";

    private final GoToolchain go = GoToolchain.get();

    @TempDir
    Path tmp;

    @Test
    void proxyCredentialsAndTunnels_downloadSucceedsWhereTheGoCommandsDoes() throws Exception {
        TestCerts certs = TestCerts.create(tmp.resolve("tls"), HOST);
        try (LocalOrigin origin = Modules.addTo(LocalOrigin.open());
                ServeMain tlsOrigin = ServeMain.withTls(tmp.resolve("serve"), origin.url(), certs);
                ForwardProxy open = ForwardProxy.open(origin.address().getPort(), tlsOrigin.port());
                ForwardProxy guarded =
                        ForwardProxy.withCredentials(origin.address().getPort(), tlsOrigin.port(), USER, PASSWORD)) {
            String tls = "https://" + HOST + ":" + tlsOrigin.port();
            String plain = "http://" + HOST + ":" + origin.address().getPort();
            String openProxy = "http://127.0.0.1:" + open.port();
            String guardedProxy = "127.0.0.1:" + guarded.port();
            record Setting(ForwardProxy proxy, Map<String, String> env) {}
            Map<String, Setting> settings = new LinkedHashMap<>();
            settings.put(
                    "HTTPS GOPROXY through HTTPS_PROXY (CONNECT)",
                    new Setting(open, Map.of("GOPROXY", tls, "HTTPS_PROXY", openProxy)));
            settings.put(
                    "CONNECT with the user and password of HTTPS_PROXY",
                    new Setting(
                            guarded, Map.of("GOPROXY", tls, "HTTPS_PROXY", "http://" + ESCAPED + "@" + guardedProxy)));
            settings.put(
                    "CONNECT with a wrong password",
                    new Setting(guarded, Map.of("GOPROXY", tls, "HTTPS_PROXY", "http://ci:wrong@" + guardedProxy)));
            settings.put(
                    "CONNECT without credentials to a proxy that wants them",
                    new Setting(guarded, Map.of("GOPROXY", tls, "HTTPS_PROXY", "http://" + guardedProxy)));
            settings.put(
                    "plain GOPROXY with the user and password of HTTP_PROXY (no scheme)",
                    new Setting(guarded, Map.of("GOPROXY", plain, "HTTP_PROXY", ESCAPED + "@" + guardedProxy)));
            settings.put(
                    "plain GOPROXY with a wrong password",
                    new Setting(guarded, Map.of("GOPROXY", plain, "HTTP_PROXY", "http://ci:wrong@" + guardedProxy)));
            settings.put(
                    "user and password, NO_PROXY the host",
                    new Setting(
                            guarded,
                            Map.of(
                                    "GOPROXY",
                                    tls,
                                    "HTTPS_PROXY",
                                    "http://" + ESCAPED + "@" + guardedProxy,
                                    "NO_PROXY",
                                    HOST)));

            ProjectDownloads downloads = ProjectDownloads.of(go, tmp, origin);
            List<String> disagreements = new ArrayList<>();
            int goSucceeded = 0;
            int i = 0;
            for (Map.Entry<String, Setting> e : settings.entrySet()) {
                Map<String, String> env = new HashMap<>(e.getValue().env());
                env.put("SSL_CERT_FILE", certs.cert().toString());
                ForwardProxy proxy = e.getValue().proxy();
                int before = proxy.requests().size();
                GoToolchain.Run byGo = downloads.goDownload(Integer.toString(i), env);
                List<ForwardProxy.Request> goRequests = since(proxy, before);
                ByteArrayOutputStream said = new ByteArrayOutputStream();
                int byHoldfast = downloads.holdfastDownloadInOwnJvm(Integer.toString(i), env, "3s", said);
                List<ForwardProxy.Request> holdfastRequests = since(proxy, before + goRequests.size());
                boolean goOk = byGo.exitCode() == 0;
                goSucceeded += goOk ? 1 : 0;
                if (goOk != (byHoldfast == 0)
                        || goRequests.isEmpty() != holdfastRequests.isEmpty()
                        || admitted(goRequests) != admitted(holdfastRequests)) {
                    disagreements.add(e.getKey() + ": go " + (goOk ? "succeeded" : "failed:\n" + byGo.stderr())
                            + " (through the proxy: " + goRequests + "); holdfast exited " + byHoldfast
                            + " (through the proxy: " + holdfastRequests + "):\n"
                            + said.toString(StandardCharsets.UTF_8));
                }
                assertThat(said.toString(StandardCharsets.UTF_8)).as(e.getKey()).doesNotContain("p@ss", "p%40ss");
                if (byGo.stderr().contains("Proxy Authentication Required")) { // the proxy's 407, said as such
                    assertThat(said.toString(StandardCharsets.UTF_8)).contains("407 Proxy Authentication Required");
                }
                if (e.getValue().env().containsKey("NO_PROXY")) { // the host is looked up, and found by neither
                    assertThat(byGo.stderr()).contains("lookup " + HOST, ": no such host");
                    assertThat(said.toString(StandardCharsets.UTF_8)).contains("lookup " + HOST + ": no such host");
                }
                i++;
            }
            ConformanceReport.record(
                    "cli",
                    "download through a forward proxy with a user and password, and HTTPS through CONNECT: success or"
                            + " failure vs go mod download",
                    settings.size(),
                    settings.size() - disagreements.size());
            assertThat(disagreements).isEmpty();
            assertThat(goSucceeded).as("settings the go command succeeds with").isEqualTo(3);
        }
    }

    /**
     * The whole chain a build behind a company proxy uses: the go command, a {@code holdfast serve} (in a
     * JVM of its own) whose HTTPS upstream it reaches only through a proxy that wants a user and password,
     * and the upstream. With the right password the download succeeds and the proxy admitted every
     * CONNECT; with a wrong one the go command fails and the server does not say the password.
     */
    @Test
    void serve_reachesItsUpstreamThroughAProxyWithCredentials() throws Exception {
        TestCerts certs = TestCerts.create(tmp.resolve("tls"), HOST);
        try (LocalOrigin origin = Modules.addTo(LocalOrigin.open());
                ServeMain tlsOrigin = ServeMain.withTls(tmp.resolve("origin"), origin.url(), certs);
                ForwardProxy guarded =
                        ForwardProxy.withCredentials(origin.address().getPort(), tlsOrigin.port(), USER, PASSWORD)) {
            ProjectDownloads downloads = ProjectDownloads.of(go, tmp, origin);
            String upstream = "https://" + HOST + ":" + tlsOrigin.port();
            for (String credentials : List.of(ESCAPED, "ci:wrong")) {
                boolean right = credentials.equals(ESCAPED);
                try (ServeProcess serve = ServeProcess.start(
                        tmp.resolve("serve-" + right),
                        Map.of(
                                "HTTPS_PROXY",
                                "http://" + credentials + "@127.0.0.1:" + guarded.port(),
                                "SSL_CERT_FILE",
                                certs.cert().toString()),
                        "--upstream",
                        upstream,
                        "--cache",
                        tmp.resolve("cache-" + right).toString(),
                        "--quiet")) {
                    int before = guarded.requests().size();
                    GoToolchain.Run byGo =
                            downloads.goDownload("through-serve-" + right, Map.of("GOPROXY", serve.url()));
                    List<ForwardProxy.Request> seen = since(guarded, before);
                    assertThat(seen).as("CONNECTs through the proxy").isNotEmpty();
                    if (right) {
                        assertThat(byGo.exitCode()).as(byGo.describe()).isZero();
                        assertThat(admitted(seen)).as(seen.toString()).isTrue();
                    } else {
                        assertThat(byGo.exitCode()).as(byGo.describe()).isNotZero();
                        assertThat(byGo.stderr()).contains("407 Proxy Authentication Required");
                    }
                    assertThat(serve.describe()).doesNotContain("wrong", "p@ss", "p%40ss");
                }
            }
        }
    }

    private static List<ForwardProxy.Request> since(ForwardProxy proxy, int from) {
        List<ForwardProxy.Request> all = proxy.requests();
        return all.subList(Math.min(from, all.size()), all.size());
    }

    /** Whether every one of {@code requests} was admitted (none: vacuously true). */
    private static boolean admitted(List<ForwardProxy.Request> requests) {
        return requests.stream().allMatch(ForwardProxy.Request::admitted);
    }
}
