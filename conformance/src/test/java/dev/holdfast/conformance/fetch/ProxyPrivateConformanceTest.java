package dev.holdfast.conformance.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.fetch.FallbackSource;
import dev.holdfast.fetch.ModuleSource;
import dev.holdfast.fetch.ProxyList;
import dev.holdfast.fetch.ProxySource;
import dev.holdfast.fetch.ZipTarget;
import dev.holdfast.module.ModuleVersion;
import dev.holdfast.testing.ConformanceReport;
import dev.holdfast.testing.GoToolchain;
import dev.holdfast.testing.LocalOrigin;
import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Private patterns (GOPRIVATE / GONOPROXY) are never requested from a proxy upstream: with the same
 * settings, the go command and Holdfast each download a private and a public module through an origin
 * that serves both, and the origin must see the private module asked for by neither (and the public
 * one by both). The private module's path starts with 127.0.0.1, so the go command's direct lookup of
 * it stays on loopback too.
 */
class ProxyPrivateConformanceTest {
    static final ModuleVersion PRIVATE = new ModuleVersion("127.0.0.1/private/m", "v1.0.0");
    static final ModuleVersion PUBLIC = new ModuleVersion("127.0.0.1/public/m", "v1.0.0");

    @TempDir
    Path tmp;

    /** GOPROXY ({@code $ORIGIN} is the origin), GOPRIVATE and GONOPROXY. */
    record Case(String goproxy, String goprivate, String gonoproxy) {}

    static List<Case> cases() {
        return List.of(
                new Case("$ORIGIN", "127.0.0.1/private", ""),
                new Case("$ORIGIN,off", "", "127.0.0.1/private"),
                new Case("$ORIGIN|off", "127.0.0.1/private/", ""),
                new Case("$ORIGIN", "127.0.0.*/priv*", ""),
                new Case("$ORIGIN", "example.com/x,127.0.0.1/private/m", ""),
                new Case("$ORIGIN", "127.0.0.1/private", "none"));
    }

    @Test
    void privateModules_neverReachAProxy() throws IOException {
        GoToolchain go = GoToolchain.get();
        HttpClient client = ProxySource.newClient(ProxySource.Timeouts.DEFAULT);
        List<String> mismatches = new ArrayList<>();
        int compared = 0;
        int agreed = 0;
        List<Case> cases = cases();
        for (int i = 0; i < cases.size(); i++) {
            Case c = cases.get(i);
            for (ModuleVersion mv : List.of(PRIVATE, PUBLIC)) {
                try (LocalOrigin origin = Upstreams.origin(PRIVATE.path(), PRIVATE.version())) {
                    origin.add(
                            PUBLIC.path(),
                            PUBLIC.version(),
                            Upstreams.TIME,
                            Upstreams.mod(PUBLIC.path()),
                            Upstreams.zip(PUBLIC.path(), PUBLIC.version()));
                    String goproxy = c.goproxy().replace("$ORIGIN", origin.url());
                    Map<String, String> env = new HashMap<>(Map.of(
                            "GOPROXY",
                            goproxy,
                            "GOPRIVATE",
                            c.goprivate(),
                            "GONOPROXY",
                            c.gonoproxy(),
                            "GOFLAGS",
                            "-mod=mod -modcacherw"));
                    GoToolchain.Sandbox sandbox =
                            go.sandbox(tmp.resolve("case" + i + "-" + mv.path().replace('/', '_')));
                    boolean goOk =
                            GoDownload.run(sandbox, tmp, env, mv.toString()).ok();
                    int goRequests = requestsFor(origin, mv);

                    String gonoproxy = c.gonoproxy().isEmpty() ? c.goprivate() : c.gonoproxy();
                    boolean ours = holdfast(
                            goproxy,
                            gonoproxy,
                            client,
                            mv,
                            tmp.resolve("z" + i + mv.path().hashCode()));
                    int ourRequests = requestsFor(origin, mv) - goRequests;

                    compared++;
                    boolean same = goOk == ours && (goRequests == 0) == (ourRequests == 0);
                    if (same) {
                        agreed++;
                    } else {
                        mismatches.add(c + " " + mv + ": go ok=" + goOk + " requests=" + goRequests + "; holdfast ok="
                                + ours + " requests=" + ourRequests);
                    }
                    if (mv == PRIVATE && !c.gonoproxy().equals("none") && (goRequests != 0 || ourRequests != 0)) {
                        mismatches.add(c + ": the private module was requested from the proxy");
                    }
                }
            }
        }
        ConformanceReport.record(
                "fetch",
                "GOPRIVATE/GONOPROXY: private modules never requested from a proxy, same outcome as go mod download",
                compared,
                agreed);
        assertThat(mismatches).isEmpty();
    }

    private static int requestsFor(LocalOrigin origin, ModuleVersion mv) {
        String prefix = "/" + mv.path() + "/";
        return (int) origin.requests().stream()
                .filter(r -> r.path().startsWith(prefix))
                .count();
    }

    private static boolean holdfast(String goproxy, String gonoproxy, HttpClient client, ModuleVersion mv, Path zip) {
        ModuleSource source = FallbackSource.of(
                ProxyList.parse(goproxy, gonoproxy),
                url -> new ProxySource(url.url(), client, ProxySource.Timeouts.DEFAULT, Clock.systemUTC()));
        try {
            source.info(mv);
            source.mod(mv);
            source.zip(mv, new ZipTarget(zip));
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
