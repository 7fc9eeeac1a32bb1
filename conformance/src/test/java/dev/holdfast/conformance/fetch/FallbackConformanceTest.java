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
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Comma versus pipe: for each way the first upstream A fails, with B healthy, {@code go mod download
 * -json m@v} with {@code GOPROXY=A,B} and {@code GOPROXY=A|B} succeeds exactly when Holdfast's {@link
 * FallbackSource} over the same two upstreams does (info, go.mod and zip, as the download fetches them),
 * and when both fail they say the same thing.
 */
class FallbackConformanceTest {
    static final ModuleVersion M = new ModuleVersion("example.com/m", "v1.0.0");
    static final ProxySource.Timeouts TIMEOUTS =
            new ProxySource.Timeouts(Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(10));

    @TempDir
    Path tmp;

    @Test
    void commaVersusPipe_matchesTheGoCommand() throws IOException {
        GoToolchain go = GoToolchain.get();
        HttpClient client = ProxySource.newClient(TIMEOUTS);
        List<String> mismatches = new ArrayList<>();
        int outcomes = 0;
        int outcomesAgreed = 0;
        int texts = 0;
        int textsAgreed = 0;
        try (LocalOrigin b = Upstreams.origin(M.path(), M.version())) {
            for (Upstreams.Failure failure : Upstreams.Failure.values()) {
                FailingUpstream a = Upstreams.failing(failure);
                String aUrl = a == null ? "http://127.0.0.1:" + GoDownload.closedPort() : a.url();
                try {
                    for (String sep : List.of(",", "|")) {
                        String goproxy = aUrl + sep + b.url();
                        String name = failure + " GOPROXY=" + goproxy;
                        String dir = failure.name() + (sep.equals(",") ? "-comma" : "-pipe");
                        GoToolchain.Sandbox sandbox = go.sandbox(tmp.resolve(dir));
                        GoDownload.Outcome want = GoDownload.run(
                                sandbox,
                                tmp,
                                Map.of("GOPROXY", goproxy, "GOFLAGS", "-mod=mod -modcacherw"),
                                M.toString());
                        String got = holdfast(goproxy, client, tmp.resolve(dir + ".zip"));
                        outcomes++;
                        if (want.ok() == got.isEmpty()) {
                            outcomesAgreed++;
                        } else {
                            mismatches.add(name + ": go ok=" + want.ok() + " holdfast ok=" + got.isEmpty() + "\n  go: "
                                    + want.error() + "\n  holdfast: " + got);
                        }
                        if (!want.ok() && !got.isEmpty()) {
                            texts++;
                            if (sameText(failure, want.error(), got)) {
                                textsAgreed++;
                            } else {
                                mismatches.add(name + ":\n  go:       " + want.error() + "\n  holdfast: " + got);
                            }
                        }
                    }
                } finally {
                    if (a != null) {
                        a.close();
                    }
                }
            }
        }
        ConformanceReport.record(
                "fetch",
                "comma vs pipe: success from the second upstream per failure kind (7 kinds x 2 separators) vs go mod download",
                outcomes,
                outcomesAgreed);
        ConformanceReport.record(
                "fetch", "comma vs pipe: error text when both fail vs go mod download", texts, textsAgreed);
        assertThat(mismatches).isEmpty();
        assertThat(outcomes).isEqualTo(14);
    }

    /**
     * Reports whether the error texts agree; for invalid JSON only up to the JSON decoder's own words,
     * which differ between Go's encoding/json and Jackson.
     */
    static boolean sameText(Upstreams.Failure failure, String go, String holdfast) {
        if (failure != Upstreams.Failure.INVALID_INFO_JSON) {
            return go.equals(holdfast);
        }
        int cut = go.indexOf("\": ") + 3;
        return cut > 3 && holdfast.startsWith(go.substring(0, cut));
    }

    /** Returns Holdfast's error text for info, go.mod and zip of M through GOPROXY, or "" on success. */
    static String holdfast(String goproxy, HttpClient client, Path zip) {
        ModuleSource source = FallbackSource.of(
                ProxyList.parse(goproxy, ""), url -> new ProxySource(url.url(), client, TIMEOUTS, Clock.systemUTC()));
        try {
            source.info(M);
            source.mod(M);
            source.zip(M, new ZipTarget(zip));
            return "";
        } catch (IOException e) {
            return e.getMessage();
        }
    }
}
