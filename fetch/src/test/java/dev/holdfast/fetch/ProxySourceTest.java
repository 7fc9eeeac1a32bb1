package dev.holdfast.fetch;

import static dev.holdfast.fetch.TestServer.answer;
import static dev.holdfast.fetch.TestServer.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.throwable;

import dev.holdfast.module.InvalidVersionException;
import dev.holdfast.module.ModuleVersion;
import java.io.IOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ProxySourceTest {
    static final ProxySource.Timeouts FAST =
            new ProxySource.Timeouts(Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(5));
    static final ModuleVersion M = new ModuleVersion("example.com/m", "v1.0.0");
    static final String INFO = "/base/example.com/m/@v/v1.0.0.info";

    final TestServer server = newServer();

    static TestServer newServer() {
        try {
            return new TestServer();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @AfterEach
    void stop() {
        server.close();
    }

    static ProxySource source(String base, ProxySource.Timeouts timeouts) {
        return new ProxySource(base, ProxySource.newClient(timeouts), timeouts, Clock.systemUTC());
    }

    ProxySource source() {
        return source(server.url("/base/"), FAST);
    }

    /** GOPROXY=http:// names no host: a setting to fix, so a failure not worth retrying, in go's words. */
    @Test
    void urlWithoutHost_failsAtOnce_asPermanent() {
        assertThatThrownBy(() -> source("http://", FAST).info(M))
                .isInstanceOf(UpstreamException.class)
                .hasMessage(
                        "example.com/m@v1.0.0: Get \"http:///example.com/m/@v/v1.0.0.info\": http: no Host in request URL")
                .satisfies(e -> assertThat(FetchErrors.isTransient(e)).isFalse());
    }

    @Test
    void info_escapesPathAndVersionUnderTrimmedBase() throws IOException {
        // The go command sends "!" percent-encoded (its pathEscape escapes it; checked against go 1.26).
        String url = "/base/example.com/%21foo/@v/v1.0.0-%21r%21c1.info";
        server.on(
                url, answer(200, "application/json", "{\"Version\":\"v1.0.0-RC1\",\"Time\":\"2020-01-02T03:04:05Z\"}"));
        RevInfo info = source().info(new ModuleVersion("example.com/Foo", "v1.0.0-RC1"));
        assertThat(info).isEqualTo(RevInfo.of("v1.0.0-RC1", Instant.parse("2020-01-02T03:04:05Z")));
        assertThat(server.seen(url)).hasSize(1);
    }

    @Test
    void info_keepsOrigin() throws IOException {
        server.on(INFO, answer(200, "application/json", "{\"version\":\"v1.0.0\",\"Origin\":{\"VCS\":\"git\"}}"));
        RevInfo info = source().info(M);
        assertThat(info.version()).isEqualTo("v1.0.0"); // field names match case-insensitively, as in Go
        assertThat(info.time()).isNull();
        assertThat(info.origin()).isEqualTo("{\"VCS\":\"git\"}");
    }

    @Test
    void info_canonicalMustMatch() {
        server.on(INFO, answer(200, "application/json", "{\"Version\":\"v1.0.1\"}"));
        assertThatThrownBy(() -> source().info(M))
                .asInstanceOf(throwable(UpstreamException.class))
                .satisfies(e -> assertThat(e.isTransient()).isFalse())
                .hasMessage(
                        "example.com/m@v1.0.0: proxy returned info for version v1.0.1 instead of requested version");
    }

    @Test
    void info_queryMayResolveToAnotherVersion() throws IOException {
        server.on("/base/example.com/m/@v/master.info", answer(200, "application/json", "{\"Version\":\"v1.0.1\"}"));
        assertThat(source().info(new ModuleVersion("example.com/m", "master")).version())
                .isEqualTo("v1.0.1");
    }

    @Test
    void info_invalidJsonIsPermanent() {
        server.on(INFO, answer(200, "application/json", "{\"Version\":"));
        assertThatThrownBy(() -> source().info(M))
                .asInstanceOf(throwable(UpstreamException.class))
                .satisfies(e -> assertThat(e.isTransient()).isFalse())
                .satisfies(e -> assertThat(FetchErrors.isTransient(e)).isFalse())
                .message()
                .startsWith("example.com/m@v1.0.0: invalid response from proxy \"" + server.url("/base/") + "\": ");
    }

    @Test
    void notFound_showsPlainTextBody() {
        server.on(INFO, answer(404, "text/plain; charset=utf-8", "no such version\n"));
        assertThatThrownBy(() -> source().info(M))
                .isInstanceOf(ModuleNotFoundException.class)
                .hasMessage("example.com/m@v1.0.0: reading " + server.url(INFO)
                        + ": 404 Not Found\n\tserver response: no such version");
    }

    @Test
    void gone_isNotFoundAndMultiLineDetailIsIndented() {
        server.on(INFO, answer(410, "text/plain", "gone\nfor good\n\nignored after a blank line"));
        assertThatThrownBy(() -> source().info(M))
                .isInstanceOf(ModuleNotFoundException.class)
                .hasMessage("example.com/m@v1.0.0: reading " + server.url(INFO)
                        + ": 410 Gone\n\tserver response:\n\tgone\n\tfor good");
    }

    @Test
    void notFound_hidesOtherBodies() {
        server.on(INFO, answer(404, "text/html", "<h1>no</h1>"));
        assertThatThrownBy(() -> source().info(M))
                .isInstanceOf(ModuleNotFoundException.class)
                .hasMessage("example.com/m@v1.0.0: reading " + server.url(INFO) + ": 404 Not Found");
    }

    @ParameterizedTest
    @ValueSource(ints = {429, 500, 502, 503, 504})
    void transientStatuses(int status) {
        server.on(INFO, answer(status, null, ""));
        assertThatThrownBy(() -> source().info(M))
                .asInstanceOf(throwable(UpstreamException.class))
                .satisfies(e -> assertThat(e.status()).isEqualTo(status))
                .satisfies(e -> assertThat(e.isTransient()).isTrue())
                .satisfies(e -> assertThat(FetchErrors.isTransient(e)).isTrue())
                .message()
                .isEqualTo("example.com/m@v1.0.0: reading " + server.url(INFO) + ": " + HttpError.statusLine(status));
    }

    @ParameterizedTest
    @ValueSource(ints = {400, 401, 403, 451})
    void permanentStatuses(int status) {
        server.on(INFO, answer(status, null, ""));
        assertThatThrownBy(() -> source().info(M))
                .asInstanceOf(throwable(UpstreamException.class))
                .satisfies(e -> assertThat(e.status()).isEqualTo(status))
                .satisfies(e -> assertThat(e.isTransient()).isFalse());
    }

    @Test
    void list_returnsTheFirstFieldsThatAreVersions() throws IOException {
        server.on(
                "/base/example.com/m/@v/list",
                ok("v1.1.0 2020-01-01T00:00:00Z\nv1.0.0\n\nnot-a-version\n  v0.9.0  \nv2.0.0\u0000\nv1.2\n"
                        + "v1.3.0-0.20200101000000-abcdefabcdef\n"));
        // Garbage, NUL bytes and bytes that are not UTF-8 never reach a client; the go command drops them
        // too (proxyRepo.Versions keeps semver.IsValid only). Pseudo-versions and short forms stay.
        assertThat(source().list("example.com/m"))
                .containsExactly("v1.1.0", "v1.0.0", "v0.9.0", "v1.2", "v1.3.0-0.20200101000000-abcdefabcdef");
    }

    @Test
    void list_notFoundHasModulePrefix() {
        assertThatThrownBy(() -> source().list("example.com/m"))
                .isInstanceOf(ModuleNotFoundException.class)
                .hasMessageStartingWith("module example.com/m: reading " + server.url("/base/example.com/m/@v/list")
                        + ": 404 Not Found\n\tserver response: not found: ");
    }

    @Test
    void filterList_keepsValidNonPseudoWithPrefixSorted() {
        List<String> raw = List.of(
                "v1.10.0", "v1.2.0", "junk", "v1.0.0-20200101000000-abcdefabcdef", "v2.0.0", "v1.2", "v1.9.0-rc.1");
        // semver.Sort: equal versions ("v1.2" and "v1.2.0") are ordered by their text.
        assertThat(ProxySource.filterList(raw, "v1.")).containsExactly("v1.2", "v1.2.0", "v1.9.0-rc.1", "v1.10.0");
        assertThat(ProxySource.filterList(raw, "v2")).containsExactly("v2.0.0");
    }

    @Test
    void latest_usesEndpoint() throws IOException {
        server.on("/base/example.com/m/@latest", answer(200, "application/json", "{\"Version\":\"v1.2.0\"}"));
        assertThat(source().latest("example.com/m").version()).isEqualTo("v1.2.0");
    }

    @Test
    void latest_fallsBackToListTimes() throws IOException {
        String pseudo = "v0.0.0-20200101000000-abcdefabcdef";
        server.on("/base/example.com/m/@v/list", ok("v1.0.0\nv1.1.0 2019-01-01T00:00:00Z\n" + pseudo + "\n"));
        server.on(
                "/base/example.com/m/@v/" + pseudo + ".info",
                answer(200, "application/json", "{\"Version\":\"" + pseudo + "\"}"));
        assertThat(source().latest("example.com/m").version()).isEqualTo(pseudo);
    }

    @Test
    void latest_noTimesMeansNoCommits() {
        server.on("/base/example.com/m/@v/list", ok("v1.0.0\n"));
        assertThatThrownBy(() -> source().latest("example.com/m"))
                .isInstanceOf(ModuleNotFoundException.class)
                .hasMessage("module example.com/m: no commits");
    }

    @Test
    void latest_otherFailureDoesNotFallBack() {
        server.on("/base/example.com/m/@latest", answer(503, null, ""));
        server.on("/base/example.com/m/@v/list", ok("v1.0.0 2019-01-01T00:00:00Z\n"));
        assertThatThrownBy(() -> source().latest("example.com/m")).isInstanceOf(UpstreamException.class);
        assertThat(server.seen("/base/example.com/m/@v/list")).isEmpty();
    }

    @Test
    void mod_returnsBytesAndNeedsCanonicalVersion() throws IOException {
        server.on("/base/example.com/m/@v/v1.0.0.mod", ok("module example.com/m\n"));
        assertThat(new String(source().mod(M))).isEqualTo("module example.com/m\n");
        assertThatThrownBy(() -> source().mod(new ModuleVersion("example.com/m", "v1.0")))
                .isInstanceOf(InvalidVersionException.class)
                .hasMessage(
                        "example.com/m@v1.0: invalid version: internal error: version passed to GoMod is not canonical");
    }

    @Test
    void connectionRefused_isTransientWithGoWording() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        ProxySource source = source("http://127.0.0.1:" + port, FAST);
        assertThatThrownBy(() -> source.info(M))
                .isInstanceOf(ConnectException.class)
                .satisfies(e -> assertThat(FetchErrors.isTransient(e)).isTrue())
                .hasMessage("example.com/m@v1.0.0: Get \"http://127.0.0.1:" + port + "/example.com/m/@v/v1.0.0.info\": "
                        + "dial tcp 127.0.0.1:" + port + ": connect: connection refused");
    }

    @Test
    void headersThatNeverCome_timeOut() {
        server.on(INFO, exchange -> sleep(Duration.ofSeconds(5)));
        var quick = new ProxySource.Timeouts(Duration.ofSeconds(2), Duration.ofMillis(300), Duration.ofSeconds(2));
        assertThatThrownBy(() -> source(server.url("/base"), quick).info(M))
                .isInstanceOf(HttpTimeoutException.class)
                .satisfies(e -> assertThat(FetchErrors.isTransient(e)).isTrue());
    }

    @Test
    void userInfoOverPlainHttp_isRefusedAndRedacted() {
        server.on(INFO, answer(200, "application/json", "{\"Version\":\"v1.0.0\"}"));
        String base = server.url("/base").replace("http://", "http://alice:s3cret@");
        ProxySource source = source(base, FAST);
        String redacted = server.url("/base").replace("http://", "http://alice:xxxxx@");
        assertThatThrownBy(() -> source.info(M))
                .isInstanceOf(UpstreamException.class)
                .hasMessageContaining("refusing to pass credentials to insecure URL: " + redacted + "/")
                .satisfies(e -> assertThat(FetchErrors.isTransient(e)).isFalse());
        assertThat(server.seen(INFO)).as("requests that reached the server").isEmpty();
        assertThat(source.describe()).isEqualTo(redacted);
    }

    @Test
    void constructor_rejectsWhatTheGoCommandRejects() {
        assertThatThrownBy(() -> source("ftp://x.test", FAST))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("invalid proxy URL scheme (must be https, http, file): ftp://x.test");
    }

    static void sleep(Duration d) {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
