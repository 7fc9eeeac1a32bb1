package dev.holdfast.conformance.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.testing.ConformanceReport;
import dev.holdfast.testing.GoToolchain;
import dev.holdfast.testing.LocalOrigin;
import dev.holdfast.testing.TestCerts;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code holdfast serve --tls-cert --tls-key --auth-basic --auth-bearer} with a certificate made at
 * test time: the go command, trusting the certificate through SSL_CERT_FILE, fetches and builds through
 * it with basic credentials in its GOPROXY URL, or with a bearer token from a GOAUTH command, and writes
 * the same go.sum as from the origin directly; without credentials it is refused; the probes stay open.
 */
@Timeout(60)
class ServeSecurityTest {
    /** The password of user ci; the file holds only its hash, made with {@code openssl passwd -6}. */
    private static final String PASSWORD = "correct-horse-battery";

    private static final String PASSWORD_HASH =
            "$6$Hq3vZ8pL$SL76guB8r5q3AT9sA2BnS..rz3cprmcmasuybJ4OS2Yi9FaxDKSspjiLIO2l.9QqxWg56SIKiLBIUG71LFga01";
    private static final String TOKEN = "ci-token-0123456789abcdef";

    private final GoToolchain go = GoToolchain.get();

    @TempDir
    Path tmp;

    private TestCerts certs;
    private Path passwords;
    private Path tokens;

    @BeforeEach
    void files() throws Exception {
        certs = TestCerts.create(tmp.resolve("tls"));
        passwords = Files.writeString(tmp.resolve("passwords"), "# holdfast users\nci:" + PASSWORD_HASH + "\n");
        tokens = Files.writeString(tmp.resolve("tokens"), TOKEN + "\n");
        Files.setPosixFilePermissions(tokens, PosixFilePermissions.fromString("rw-------"));
    }

    private ServeMain serve(LocalOrigin origin) {
        return ServeMain.withTls(
                tmp, origin.url(), certs, "--auth-basic", passwords.toString(), "--auth-bearer", tokens.toString());
    }

    /** What the go command shows for the app with {@code env}: get, build, go.sum, list -versions. */
    private List<String> session(String name, Map<String, String> env) throws IOException {
        GoToolchain.Sandbox sb = go.sandbox(tmp.resolve(name));
        Path app = Modules.writeApp(tmp.resolve(name + "-app"));
        List<String> seen = new ArrayList<>();
        seen.add(sb.run(app, env, "get", "example.com/greet@latest")
                .checkSuccess()
                .stderr());
        seen.add(sb.run(app, env, "build", "-o", "app", ".").checkSuccess().stderr());
        seen.add(Files.readString(app.resolve("go.sum")));
        seen.add(sb.run(app, env, "list", "-m", "-versions", Modules.GREET)
                .checkSuccess()
                .stdout());
        return seen;
    }

    @Test
    void goCommand_overTlsWithBasicOrBearerCredentials_sameGoSumAsTheOrigin() throws Exception {
        try (LocalOrigin origin = Modules.addTo(LocalOrigin.open());
                ServeMain holdfast = serve(origin)) {
            assertThat(holdfast.url()).startsWith("https://127.0.0.1:");
            String withCredentials =
                    "https://ci:" + PASSWORD + "@" + holdfast.url().substring("https://".length());
            Map<String, String> basic = Map.of(
                    "GOPROXY", withCredentials, "SSL_CERT_FILE", certs.cert().toString());
            Path goauth = Files.writeString(
                    tmp.resolve("goauth.sh"),
                    "#!/bin/sh\nprintf '%s\\n\\nAuthorization: Bearer %s\\n\\n' '" + holdfast.url() + "' '" + TOKEN
                            + "'\n");
            Files.setPosixFilePermissions(goauth, PosixFilePermissions.fromString("rwx------"));
            Map<String, String> bearer = Map.of(
                    "GOPROXY", holdfast.url(), "SSL_CERT_FILE", certs.cert().toString(), "GOAUTH", goauth.toString());

            List<String> direct = session("direct", Map.of("GOPROXY", origin.url()));
            List<String> viaBasic = session("basic", basic);
            List<String> viaBearer = session("bearer", bearer);
            GoToolchain.Run anonymous = go.sandbox(tmp.resolve("anonymous"))
                    .run(
                            Modules.writeApp(tmp.resolve("anonymous-app")),
                            Map.of(
                                    "GOPROXY",
                                    holdfast.url(),
                                    "SSL_CERT_FILE",
                                    certs.cert().toString()),
                            "get",
                            "example.com/greet@latest");
            String wrong = withCredentials.replace(PASSWORD, "wrong-password");
            GoToolchain.Run wrongPassword = go.sandbox(tmp.resolve("wrong"))
                    .run(
                            Modules.writeApp(tmp.resolve("wrong-app")),
                            Map.of(
                                    "GOPROXY",
                                    wrong,
                                    "SSL_CERT_FILE",
                                    certs.cert().toString()),
                            "get",
                            "example.com/greet@latest");
            GoToolchain.Run untrusted = go.sandbox(tmp.resolve("untrusted"))
                    .run(
                            Modules.writeApp(tmp.resolve("untrusted-app")),
                            basic.entrySet().stream()
                                    .filter(e -> e.getKey().equals("GOPROXY"))
                                    .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)),
                            "get",
                            "example.com/greet@latest");

            int agreed = 0;
            for (int i = 0; i < direct.size(); i++) {
                agreed += (direct.get(i).equals(viaBasic.get(i)) ? 1 : 0)
                        + (direct.get(i).equals(viaBearer.get(i)) ? 1 : 0);
            }
            ConformanceReport.record(
                    "server",
                    "go get/build/list over TLS with basic (GOPROXY URL) and bearer (GOAUTH) credentials vs origin",
                    2 * direct.size(),
                    agreed);
            assertThat(viaBasic).isEqualTo(direct);
            assertThat(viaBearer).isEqualTo(direct);
            assertThat(direct.get(2)).contains("example.com/greet v1.1.0 h1:");
            assertThat(anonymous.exitCode()).isNotZero();
            assertThat(anonymous.stderr()).contains("401 Unauthorized").contains("authentication required");
            assertThat(wrongPassword.exitCode()).isNotZero();
            assertThat(wrongPassword.stderr()).contains("401 Unauthorized").doesNotContain("wrong-password");
            assertThat(untrusted.exitCode()).isNotZero();
            assertThat(untrusted.stderr()).contains("certificate");
        }
    }

    @Test
    void javaClient_probesOpen_everythingElseNeedsCredentials() throws Exception {
        try (LocalOrigin origin = Modules.addTo(LocalOrigin.open());
                ServeMain holdfast = serve(origin)) {
            HttpClient client =
                    HttpClient.newBuilder().sslContext(certs.sslContext()).build();
            String basic =
                    "Basic " + Base64.getEncoder().encodeToString(("ci:" + PASSWORD).getBytes(StandardCharsets.UTF_8));
            List<String> seen = new ArrayList<>();
            for (String path : List.of("/healthz", "/readyz")) {
                seen.add(path + " anonymous "
                        + get(client, holdfast.url() + path, null).statusCode());
            }
            for (String path : List.of("/example.com/greet/@v/list", "/metrics", "/status", "/nothing/here")) {
                seen.add(path + " anonymous "
                        + get(client, holdfast.url() + path, null).statusCode());
                seen.add(path + " basic "
                        + get(client, holdfast.url() + path, basic).statusCode());
                seen.add(path + " bearer "
                        + get(client, holdfast.url() + path, "Bearer " + TOKEN).statusCode());
                seen.add(path + " bad token "
                        + get(client, holdfast.url() + path, "Bearer x" + TOKEN).statusCode());
            }
            HttpResponse<String> refused = get(client, holdfast.url() + "/example.com/greet/@v/list", null);
            assertThat(seen)
                    .containsExactly(
                            "/healthz anonymous 200",
                            "/readyz anonymous 200",
                            "/example.com/greet/@v/list anonymous 401",
                            "/example.com/greet/@v/list basic 200",
                            "/example.com/greet/@v/list bearer 200",
                            "/example.com/greet/@v/list bad token 401",
                            "/metrics anonymous 401",
                            "/metrics basic 200",
                            "/metrics bearer 200",
                            "/metrics bad token 401",
                            "/status anonymous 401",
                            "/status basic 200",
                            "/status bearer 200",
                            "/status bad token 401",
                            "/nothing/here anonymous 401",
                            "/nothing/here basic 404",
                            "/nothing/here bearer 404",
                            "/nothing/here bad token 401");
            assertThat(refused.headers().firstValue("WWW-Authenticate"))
                    .hasValue("Basic realm=\"holdfast\", charset=\"UTF-8\", Bearer realm=\"holdfast\"");
            assertThat(get(client, holdfast.url() + "/example.com/greet/@v/list", basic)
                            .body())
                    .isEqualTo("v1.0.0\nv1.1.0\n");

            HttpClient trustsNothing = HttpClient.newHttpClient();
            org.assertj.core.api.Assertions.assertThatThrownBy(
                            () -> get(trustsNothing, holdfast.url() + "/healthz", null))
                    .isInstanceOf(SSLHandshakeException.class)
                    .hasMessageContaining("PKIX path building failed");
            assertThat(holdfast.stop()).isZero();
        }
    }

    private static HttpResponse<String> get(HttpClient client, String url, String authorization)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
