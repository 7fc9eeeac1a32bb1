package dev.holdfast.conformance.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.fetch.FallbackSource;
import dev.holdfast.fetch.ModuleSource;
import dev.holdfast.fetch.ProxyList;
import dev.holdfast.fetch.ProxySource;
import dev.holdfast.fetch.ProxySpec;
import dev.holdfast.module.ModuleVersion;
import dev.holdfast.testing.ConformanceReport;
import dev.holdfast.testing.GoToolchain;
import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * GOPROXY parsing against the go command: for each value (and GONOPROXY), {@code go mod download -json
 * example.com/m@v1.0.0} must report exactly what Holdfast reports: the parse error for a value the go
 * command rejects, else the failure of the lookup through the list. Every value stays on loopback: empty
 * {@code file://} trees, a closed port on 127.0.0.1 and {@code off}; never {@code direct}.
 */
class ProxyListConformanceTest {
    static final ModuleVersion M = new ModuleVersion("example.com/m", "v1.0.0");

    @TempDir
    Path tmp;

    /** A GOPROXY value and GONOPROXY; {@code $EMPTY} is an empty file:// tree, {@code $PORT} a closed port. */
    record Case(String goproxy, String gonoproxy) {}

    static List<Case> cases() {
        List<Case> cases = new ArrayList<>();
        for (String goproxy : List.of(
                ",",
                " , | ",
                "ftp://x.test",
                "file://host/x",
                "file:///abs?q=1",
                "file:/abs",
                "/abs/path",
                "foo",
                "http://[::1",
                "http://a b.test",
                ":x",
                "http://x.test:port",
                "file:rel",
                "http://%zz",
                "x.test/%zz",
                "mailto:x",
                "http://a:1:2",
                "http://[1.2.3.4]",
                "http://[zz]",
                "https://u:pw@x.test:bad",
                "ftp://u:pw@x.test",
                "http://127.0.0.1:1/\u0001",
                "file://$EMPTY,foo",
                "off,foo",
                "file://$EMPTY",
                "file://$EMPTY/",
                "file://$EMPTY,off",
                "file://$EMPTY|off",
                " file://$EMPTY , off ",
                "off",
                "http://127.0.0.1:$PORT",
                "HTTP://127.0.0.1:$PORT/base/",
                "127.0.0.1:$PORT",
                "http://127.0.0.1:$PORT,file://$EMPTY",
                "http://127.0.0.1:$PORT|file://$EMPTY",
                "file://$EMPTY|http://127.0.0.1:$PORT,off",
                "http://",
                "https:///base",
                "http://,file://$EMPTY",
                "http://|file://$EMPTY")) {
            cases.add(new Case(goproxy, ""));
        }
        cases.add(new Case("file://$EMPTY", "example.com/other"));
        cases.add(new Case("file://$EMPTY,off", "example.com/other,,"));
        cases.add(new Case(",", "example.com/other"));
        cases.add(new Case(" | ", ","));
        return cases;
    }

    @Test
    void parseAndLookup_matchGoModDownload() throws IOException {
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        String port = Integer.toString(GoDownload.closedPort());
        GoToolchain.Sandbox sandbox = GoToolchain.get().sandbox(tmp.resolve("sandbox"));
        HttpClient client = ProxySource.newClient(ProxySource.Timeouts.DEFAULT);
        List<String> mismatches = new ArrayList<>();
        int agreed = 0;
        List<Case> cases = cases();
        for (Case c : cases) {
            String goproxy = c.goproxy().replace("$EMPTY", empty.toString()).replace("$PORT", port);
            Map<String, String> env = new HashMap<>(Map.of("GOPROXY", goproxy, "GONOPROXY", c.gonoproxy()));
            String want = GoDownload.run(sandbox, tmp, env, M.toString()).error();
            String got = holdfast(goproxy, c.gonoproxy(), client);
            if (got.equals(want)) {
                agreed++;
            } else {
                mismatches.add("GOPROXY=" + goproxy + " GONOPROXY=" + c.gonoproxy() + "\n  go:       " + want
                        + "\n  holdfast: " + got);
            }
        }
        ConformanceReport.record(
                "fetch",
                "GOPROXY/GONOPROXY parsing and lookup failure text vs go mod download -json Error",
                cases.size(),
                agreed);
        assertThat(mismatches).isEmpty();
    }

    /** Returns Holdfast's error text for getting M's info through GOPROXY, or "" if it succeeded. */
    static String holdfast(String goproxy, String gonoproxy, HttpClient client) {
        List<ProxySpec> specs;
        try {
            specs = ProxyList.parse(goproxy, gonoproxy);
        } catch (IllegalArgumentException e) {
            return M + ": " + e.getMessage(); // the go command reports list errors for the module at hand
        }
        ModuleSource source = FallbackSource.of(
                specs,
                url -> new ProxySource(
                        url.url(),
                        client,
                        new ProxySource.Timeouts(Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(10)),
                        Clock.systemUTC()));
        try {
            source.info(M);
            return "";
        } catch (IOException e) {
            return e.getMessage();
        }
    }
}
