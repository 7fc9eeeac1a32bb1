package dev.holdfast.conformance.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.testing.ConformanceReport;
import dev.holdfast.testing.ForwardProxy;
import dev.holdfast.testing.GoToolchain;
import dev.holdfast.testing.LocalOrigin;
import dev.holdfast.testing.Redirector;
import dev.holdfast.testing.TestCerts;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A GOPROXY that answers with redirects (a proxy in front of storage, a moved host), followed by {@code
 * go mod download} and {@code holdfast download} of the same project, each with an empty module cache:
 * both must succeed or both fail, and a failure must say what the go command says ({@code stopped after
 * 10 redirects}, {@code redirected from secure URL ... to insecure URL ...}). Before 2026-12-08 the
 * JDK's client followed redirects for Holdfast: at most four, never from {@code https://} to {@code
 * http://}, failing with a bare {@code 302 Found} where the go command names the reason, and carrying
 * HTTP_PROXY's credentials into the CONNECT to HTTPS_PROXY on a redirect from {@code http://} to
 * {@code https://}.
 */
@Timeout(300)
class RedirectsConformanceTest {
    private static final String HOST = "modules.holdfast.invalid";

    private final GoToolchain go = GoToolchain.get();

    @TempDir
    Path tmp;

    /** One GOPROXY set-up; {@code failure} is what both must say, or null where both must succeed. */
    private record Setting(String name, Map<String, String> env, String failure) {}

    @Test
    void redirects_followedAsTheGoCommandFollowsThem() throws Exception {
        TestCerts certs = TestCerts.create(tmp.resolve("tls"), HOST);
        try (LocalOrigin origin = Modules.addTo(LocalOrigin.open());
                ServeMain tlsOrigin = ServeMain.withTls(tmp.resolve("serve"), origin.url(), certs);
                Redirector once = Redirector.open(1, origin.url());
                Redirector nine = Redirector.open(9, origin.url());
                Redirector ten = Redirector.open(10, origin.url());
                Redirector upgrade = Redirector.open(2, "https://127.0.0.1:" + tlsOrigin.port());
                Redirector secondTls = Redirector.openTls(1, "https://127.0.0.1:" + tlsOrigin.port(), certs);
                Redirector secure = Redirector.openTls(3, secondTls.url(), certs);
                Redirector downgrade = Redirector.openTls(1, origin.url(), certs)) {
            String plainUser = "http://ci:s3cret@127.0.0.1:" + once.port();
            String secureUser = "https://ci:s3cret@127.0.0.1:" + secure.port();
            List<Setting> settings = List.of(
                    new Setting("one 302 to the origin", Map.of("GOPROXY", once.url()), null),
                    new Setting("nine redirects of all five kinds", Map.of("GOPROXY", nine.url()), null),
                    new Setting("ten redirects", Map.of("GOPROXY", ten.url()), "stopped after 10 redirects"),
                    new Setting("http to https", Map.of("GOPROXY", upgrade.url()), null),
                    new Setting("https to https", Map.of("GOPROXY", secure.url()), null),
                    new Setting(
                            "https to http",
                            Map.of("GOPROXY", downgrade.url()),
                            "redirected from secure URL " + downgrade.url()),
                    new Setting(
                            "a user in a plain-HTTP GOPROXY",
                            Map.of("GOPROXY", plainUser),
                            "refusing to pass credentials to insecure URL: http://ci:xxxxx@127.0.0.1:" + once.port()),
                    new Setting("a user in an HTTPS GOPROXY, redirected", Map.of("GOPROXY", secureUser), null));

            ProjectDownloads downloads = ProjectDownloads.of(go, tmp, origin);
            List<String> disagreements = new ArrayList<>();
            int i = 0;
            for (Setting s : settings) {
                Map<String, String> env = new HashMap<>(s.env());
                env.put("SSL_CERT_FILE", certs.cert().toString());
                int originBefore = origin.requests().size();
                int secureBefore = secure.requests().size();
                GoToolchain.Run byGo = downloads.goDownload(Integer.toString(i), env);
                ByteArrayOutputStream said = new ByteArrayOutputStream();
                int byHoldfast = downloads.holdfastDownload(Integer.toString(i), env, "3s", said);
                String holdfastSaid = said.toString(StandardCharsets.UTF_8);
                boolean goOk = byGo.exitCode() == 0;
                boolean agree = goOk == (byHoldfast == 0)
                        && goOk == (s.failure() == null)
                        && (s.failure() == null
                                || (byGo.stderr().contains(s.failure()) && holdfastSaid.contains(s.failure())));
                if (!agree) {
                    disagreements.add(s.name() + ": go " + (goOk ? "succeeded" : "failed:\n" + byGo.stderr())
                            + "\nholdfast exited " + byHoldfast + ":\n" + holdfastSaid);
                }
                assertThat(holdfastSaid).as(s.name()).doesNotContain("s3cret");
                // The user of a GOPROXY URL is its own: neither client carries it to the next hop.
                assertThat(origin.requests()
                                .subList(originBefore, origin.requests().size()))
                        .as(s.name() + ": requests that reached the origin")
                        .allSatisfy(r -> assertThat(r.headers()).doesNotContainKey("authorization"));
                if (s.env().get("GOPROXY").equals(secureUser)) {
                    // Both send the user with each request to the host that names it, relative hops included.
                    assertThat(secure.requests()
                                    .subList(secureBefore, secure.requests().size()))
                            .as("requests with a user to the HTTPS redirector")
                            .isNotEmpty()
                            .allSatisfy(r -> assertThat(r.authorization()).isEqualTo("Basic Y2k6czNjcmV0"));
                }
                i++;
            }
            // ... and never to the host the absolute Location names.
            assertThat(secondTls.requests())
                    .as("requests redirected to another host")
                    .isNotEmpty()
                    .allSatisfy(r -> assertThat(r.authorization()).isNull());
            ConformanceReport.record(
                    "cli",
                    "download from a GOPROXY that redirects (count, https to http, credentials): success or failure"
                            + " and reason vs go mod download",
                    settings.size(),
                    settings.size() - disagreements.size());
            assertThat(disagreements).isEmpty();
        }
    }

    /**
     * HTTP_PROXY and HTTPS_PROXY are two proxies with a user and password each, and the plain GOPROXY
     * redirects to an HTTPS host: the CONNECT for the second hop must carry HTTPS_PROXY's credentials,
     * never HTTP_PROXY's. Both clients succeed, and the second proxy never saw the first one's password.
     */
    @Test
    void redirectToHttps_takesTheSecondProxysCredentials() throws Exception {
        TestCerts certs = TestCerts.create(tmp.resolve("tls"), HOST);
        try (LocalOrigin origin = Modules.addTo(LocalOrigin.open());
                ServeMain tlsOrigin = ServeMain.withTls(tmp.resolve("serve"), origin.url(), certs);
                Redirector toHttps = Redirector.open(1, "https://" + HOST + ":" + tlsOrigin.port());
                ForwardProxy plainProxy = ForwardProxy.withCredentials(toHttps.port(), 0, "first", "pw-one");
                ForwardProxy tlsProxy = ForwardProxy.withCredentials(0, tlsOrigin.port(), "second", "pw-two")) {
            Map<String, String> env = Map.of(
                    "GOPROXY", "http://" + HOST + ":" + toHttps.port(),
                    "HTTP_PROXY", "http://first:pw-one@127.0.0.1:" + plainProxy.port(),
                    "HTTPS_PROXY", "http://second:pw-two@127.0.0.1:" + tlsProxy.port(),
                    "SSL_CERT_FILE", certs.cert().toString());
            ProjectDownloads downloads = ProjectDownloads.of(go, tmp, origin);
            GoToolchain.Run byGo = downloads.goDownload("go", env);
            assertThat(byGo.exitCode()).as(byGo.describe()).isZero();
            int before = tlsProxy.requests().size();
            ByteArrayOutputStream said = new ByteArrayOutputStream();
            int byHoldfast = downloads.holdfastDownloadInOwnJvm("holdfast", env, "3s", said);
            String holdfastSaid = said.toString(StandardCharsets.UTF_8);
            List<ForwardProxy.Request> connects =
                    tlsProxy.requests().subList(before, tlsProxy.requests().size());
            assertThat(connects).as("CONNECTs of holdfast").isNotEmpty().allSatisfy(r -> assertThat(r.admitted())
                    .as(r.toString())
                    .isTrue());
            assertThat(byHoldfast).as(holdfastSaid).isZero();
            assertThat(plainProxy.requests())
                    .as("holdfast's requests through HTTP_PROXY")
                    .isNotEmpty();
            ConformanceReport.record(
                    "cli", "download redirected from http to https through two proxies with credentials", 1, 1);
        }
    }
}
