package dev.holdfast.conformance.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.holdfast.testing.ConformanceReport;
import dev.holdfast.testing.FaultKind;
import dev.holdfast.testing.FaultRelay;
import dev.holdfast.testing.Faults;
import dev.holdfast.testing.GoToolchain;
import dev.holdfast.testing.LocalOrigin;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reason Holdfast exists, shown end to end: through a relay that resets 30 % of connections and
 * cuts 10 % of bodies short, {@code holdfast fetch} gets every module version; the go command then builds
 * from the cache Holdfast filled ({@code GOPROXY=off go mod download}) and reports the same hashes; while
 * {@code go mod download} straight through the same relay fails.
 */
@Timeout(30)
class FetchLossyNetworkConformanceTest {
    private static final List<GeneratedModules.Module> MODULES = GeneratedModules.generate(10, 2, 200_000, 8, 3);
    private static final Faults LOSSY = Faults.NONE.withResets(0.30).withTruncation(0.10, 0.5);

    @TempDir
    Path dir;

    @Test
    void fetch_throughLossyRelay_fillsACacheTheGoCommandAccepts() throws Exception {
        List<String> targets = GeneratedModules.targets(MODULES);
        try (LocalOrigin origin = GeneratedModules.serve(LocalOrigin.open(), MODULES);
                FaultRelay relay = FaultRelay.open(origin.address(), 30)) {
            relay.faults(LOSSY);
            Path cache = dir.resolve("holdfast-cache");

            Holdfast.Run holdfast = Holdfast.fetchJson(Holdfast.env(cache, relay.url()), targets);

            assertThat(holdfast.exitCode()).as(holdfast.describe()).isZero();
            assertThat(relay.faultCount(FaultKind.RESET)).as("resets injected").isPositive();
            assertThat(relay.faultCount(FaultKind.TRUNCATE))
                    .as("truncations injected")
                    .isPositive();
            List<JsonNode> fetched = holdfast.json();

            GoToolchain.Run offline = GoToolchain.get()
                    .sandbox(dir.resolve("go-offline"))
                    .run(dir, goEnv(cache, "off"), download(targets));
            GoToolchain.Run direct = GoToolchain.get()
                    .sandbox(dir.resolve("go-direct"))
                    .run(dir, Map.of("GOPROXY", relay.url()), download(targets));

            List<JsonNode> offlineJson = Holdfast.objects(offline.stdout());
            int agreed = 0;
            for (int i = 0; i < MODULES.size(); i++) {
                if (i < offlineJson.size() && i < fetched.size() && sameHashes(fetched.get(i), offlineJson.get(i))) {
                    agreed++;
                }
            }
            ConformanceReport.record(
                    "cli",
                    "holdfast fetch through 30% resets + 10% truncation, then GOPROXY=off go mod download: same Sum/GoModSum",
                    MODULES.size(),
                    agreed);
            assertThat(offline.exitCode()).as(offline.describe()).isZero();
            assertThat(fetched).hasSize(MODULES.size());
            for (int i = 0; i < MODULES.size(); i++) {
                GeneratedModules.Module m = MODULES.get(i);
                assertThat(fetched.get(i).path("Error").isMissingNode())
                        .as(fetched.get(i).toString())
                        .isTrue();
                assertThat(fetched.get(i).get("Sum").asText()).as(m.target()).isEqualTo(m.sum());
                assertThat(fetched.get(i).get("GoModSum").asText())
                        .as(m.target())
                        .isEqualTo(m.goModSum());
            }
            assertThat(agreed)
                    .as("hashes of go mod download from Holdfast's cache")
                    .isEqualTo(MODULES.size());

            List<String> goErrors = errors(direct);
            System.out.println("go mod download straight through the same relay: exit " + direct.exitCode() + ", "
                    + goErrors.size() + " of " + MODULES.size() + " failed, for example: "
                    + (goErrors.isEmpty() ? direct.stderr() : goErrors.getFirst()));
            assertThat(direct.exitCode()).as(direct.describe()).isNotZero();
            assertThat(goErrors).isNotEmpty();
            assertThat(String.join("\n", goErrors)).containsAnyOf("connection reset by peer", "unexpected EOF");
        }
    }

    private static Map<String, String> goEnv(Path cache, String goproxy) {
        return Map.of("GOMODCACHE", cache.toString(), "GOPROXY", goproxy, "GOFLAGS", "-mod=mod -modcacherw");
    }

    private static String[] download(List<String> targets) {
        List<String> args = new ArrayList<>(List.of("mod", "download", "-json"));
        args.addAll(targets);
        return args.toArray(String[]::new);
    }

    private static boolean sameHashes(JsonNode holdfast, JsonNode go) {
        return go.path("Error").isMissingNode()
                && holdfast.path("Path").equals(go.path("Path"))
                && holdfast.path("Version").equals(go.path("Version"))
                && holdfast.path("Sum").equals(go.path("Sum"))
                && holdfast.path("GoModSum").equals(go.path("GoModSum"));
    }

    private static List<String> errors(GoToolchain.Run run) {
        List<String> errors = new ArrayList<>();
        for (JsonNode o : Holdfast.objects(run.stdout())) {
            if (o.has("Error")) {
                errors.add(o.get("Error").asText());
            }
        }
        return errors;
    }
}
