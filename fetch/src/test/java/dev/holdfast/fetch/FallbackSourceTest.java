package dev.holdfast.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.holdfast.module.ModuleVersion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The go command's TryProxies and lookup rules (cmd/go/internal/modfetch/proxy.go and repo.go). */
class FallbackSourceTest {
    static final ModuleVersion M = new ModuleVersion("example.com/m", "v1.0.0");
    static final ModuleVersion PRIVATE = new ModuleVersion("example.com/private/x", "v1.0.0");

    static IOException notFound(String name) {
        return new ModuleNotFoundException(name + " 404");
    }

    static IOException status(String name, int code) {
        return new UpstreamException(name + " " + code, code, code >= 500);
    }

    /** Builds a source from a GOPROXY value whose URL entries are {@code http://a.test}, {@code http://b.test}... */
    static FallbackSource chain(String goproxy, String gonoproxy, Map<String, StubSource> stubs) {
        return FallbackSource.of(
                ProxyList.parse(goproxy, gonoproxy),
                url -> stubs.get(
                        url.url().substring("http://".length(), url.url().indexOf(".test"))));
    }

    @Test
    void comma_goesOnAfterNotFound() throws IOException {
        var a = StubSource.failing("a", notFound("a"));
        var b = StubSource.ok("b");
        assertThat(chain("http://a.test,http://b.test", "", Map.of("a", a, "b", b))
                        .info(M))
                .isEqualTo(StubSource.INFO);
        assertThat(a.calls).containsExactly("info " + M);
        assertThat(b.calls).containsExactly("info " + M);
    }

    @Test
    void comma_stopsAtOtherFailures() {
        var a = StubSource.failing("a", status("a", 503));
        var b = StubSource.ok("b");
        assertThatThrownBy(() -> chain("http://a.test,http://b.test", "", Map.of("a", a, "b", b))
                        .mod(M))
                .hasMessage("a 503");
        assertThat(b.calls).isEmpty();
    }

    @Test
    void pipe_goesOnAfterAnyFailure() throws IOException {
        var a = StubSource.failing("a", new IOException("connection reset"));
        var b = StubSource.ok("b");
        assertThat(chain("http://a.test|http://b.test", "", Map.of("a", a, "b", b))
                        .list("example.com/m"))
                .containsExactly("v1.0.0");
    }

    @Test
    void checksumMismatch_isNeverFallenBackFrom() {
        var a = StubSource.failing(
                "a", new ChecksumMismatchException("verifying example.com/m@v1.0.0: checksum mismatch"));
        var b = StubSource.ok("b");
        assertThatThrownBy(() -> chain("http://a.test|http://b.test", "", Map.of("a", a, "b", b))
                        .mod(M))
                .isInstanceOf(ChecksumMismatchException.class);
        assertThat(b.calls).isEmpty();
    }

    @Test
    void off_refusesAndIsTheLastNotFound() {
        // As go 1.26 reports GOPROXY=file:///empty,off: the last "not found" is the one shown.
        var a = StubSource.failing("a", notFound("a"));
        IOException thrown =
                catchIo(() -> chain("http://a.test,off", "", Map.of("a", a)).info(M));
        assertThat(thrown)
                .isInstanceOf(ModuleNotFoundException.class)
                .hasMessage("example.com/m@v1.0.0: module lookup disabled by GOPROXY=off");
        assertThat(thrown.getSuppressed()).extracting(Throwable::getMessage).containsExactly("a 404");
    }

    @Test
    void off_alone() {
        assertThatThrownBy(() -> chain("off", "", Map.of()).latest("example.com/m"))
                .isInstanceOf(ModuleNotFoundException.class)
                .hasMessage("module example.com/m: module lookup disabled by GOPROXY=off");
    }

    @Test
    void bestFailure_proxyErrorBeatsNotFound() {
        var a = StubSource.failing("a", status("a", 500));
        var b = StubSource.failing("b", notFound("b"));
        IOException thrown = catchIo(() ->
                chain("http://a.test|http://b.test", "", Map.of("a", a, "b", b)).info(M));
        assertThat(thrown).hasMessage("a 500");
        assertThat(thrown.getSuppressed()).extracting(Throwable::getMessage).containsExactly("b 404");
    }

    @Test
    void bestFailure_lastOfEqualRankWins() {
        var a = StubSource.failing("a", status("a", 500));
        var b = StubSource.failing("b", status("b", 503));
        var c = StubSource.failing("c", notFound("c"));
        IOException thrown =
                catchIo(() -> chain("http://a.test|http://b.test|http://c.test", "", Map.of("a", a, "b", b, "c", c))
                        .info(M));
        assertThat(thrown).hasMessage("b 503");
        assertThat(thrown.getSuppressed()).extracting(Throwable::getMessage).containsExactly("a 500", "c 404");

        var d = StubSource.failing("d", notFound("d"));
        var e = StubSource.failing("e", notFound("e"));
        assertThat(catchIo(() -> chain("http://d.test,http://e.test", "", Map.of("d", d, "e", e))
                        .info(M)))
                .hasMessage("e 404");
    }

    @Test
    void direct_failsNamingItAndRanksFirst() {
        var a = StubSource.failing("a", status("a", 502));
        IOException thrown =
                catchIo(() -> chain("http://a.test|direct", "", Map.of("a", a)).mod(M));
        assertThat(thrown)
                .isInstanceOf(ModuleNotFoundException.class)
                .hasMessage("example.com/m@v1.0.0: GOPROXY=direct: no version control source here");
        assertThat(thrown.getSuppressed()).extracting(Throwable::getMessage).containsExactly("a 502");
    }

    @Test
    void direct_usesAGivenSource() throws IOException {
        var direct = StubSource.ok("git");
        var source = new FallbackSource(List.of(new FallbackSource.Entry(new ProxySpec.Direct(), direct)));
        assertThat(source.info(M)).isEqualTo(StubSource.INFO);
        assertThat(direct.calls).containsExactly("info " + M);
    }

    @Test
    void private_neverGoesToAProxy() {
        var a = StubSource.ok("a");
        IOException thrown = catchIo(() -> chain("http://a.test,direct", "example.com/private", Map.of("a", a))
                .info(PRIVATE));
        assertThat(a.calls).isEmpty();
        assertThat(thrown)
                .isInstanceOf(ModuleNotFoundException.class)
                .hasMessage("example.com/private/x@v1.0.0: GOPROXY=direct: no version control source here");
        assertThat(thrown.getSuppressed())
                .extracting(Throwable::getMessage)
                .containsExactly( // noproxy's direct attempt, then the refused proxy entry
                        "example.com/private/x@v1.0.0: GOPROXY=direct: no version control source here",
                        "example.com/private/x@v1.0.0: disabled by GOPRIVATE/GONOPROXY");
    }

    @Test
    void private_withOffAndPipeStillNeverReachesTheProxy() {
        var a = StubSource.ok("a");
        assertThatThrownBy(() -> chain("http://a.test|off", "example.com/private", Map.of("a", a))
                        .zip(PRIVATE, null))
                .isInstanceOf(ModuleNotFoundException.class);
        assertThat(a.calls).isEmpty();
    }

    @Test
    void public_passesTheNoProxyEntry() throws IOException {
        var a = StubSource.ok("a");
        assertThat(chain("http://a.test", "example.com/private", Map.of("a", a)).info(M))
                .isEqualTo(StubSource.INFO);
        assertThat(a.calls).containsExactly("info " + M);
    }

    @Test
    void zip_nextUpstreamStartsFromAnEmptyTarget(@TempDir Path tmp) throws IOException {
        var a = StubSource.failingMidZip("a", new byte[] {1, 2, 3}, new IOException("reset"));
        var b = StubSource.ok("b");
        ZipTarget target = new ZipTarget(tmp.resolve("m.zip"));
        chain("http://a.test|http://b.test", "", Map.of("a", a, "b", b)).zip(M, target);
        assertThat(Files.readString(target.file())).isEqualTo("zip from b");
        assertThat(target.validator()).isNull();
    }

    @Test
    void describe_spellsTheList() {
        var a = StubSource.ok("http://a.test");
        var b = StubSource.ok("http://b.test");
        assertThat(chain("http://a.test|http://b.test,off", "example.com/p", Map.of("a", a, "b", b))
                        .describe())
                .isEqualTo("noproxy,http://a.test|http://b.test,off");
    }

    @Test
    void entry_urlNeedsASource() {
        assertThatThrownBy(() -> FallbackSource.Entry.of(new ProxySpec.Url("http://a.test", false)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new FallbackSource(List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    interface IoCall {
        void run() throws IOException;
    }

    static IOException catchIo(IoCall call) {
        try {
            call.run();
        } catch (IOException e) {
            return e;
        }
        throw new AssertionError("expected an IOException");
    }
}
