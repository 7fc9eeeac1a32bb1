package dev.holdfast.conformance.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.holdfast.testing.ConformanceReport;
import dev.holdfast.testing.GoToolchain;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real-projects suite of issue 15, in the real-proxy profile ({@code .ci/run} runs it after the
 * hermetic tests): well-known modules with large graphs, their latest release's go.mod and go.sum taken
 * from the environment's Go module proxy at test time ({@code go mod download -json M@latest}) and used
 * as main modules; {@code holdfast list}, {@code graph} and {@code list --json} against {@code go list -m
 * all}, {@code go mod graph} and {@code go list -m -json all} on the same files and module cache. A
 * module whose go.mod the go command itself cannot load outside its repository (a replacement by a
 * directory of the repository) is counted as such, and Holdfast must fail on it too. When the proxy
 * cannot be reached, it says so in one line and passes.
 */
@Timeout(1800)
class RealProjectsIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Large graphs from different corners of the ecosystem; versions are whatever is latest today. */
    private static final List<String> MODULES = List.of(
            "github.com/prometheus/prometheus",
            "github.com/spf13/cobra",
            "github.com/gin-gonic/gin",
            "github.com/cli/cli/v2",
            "github.com/hashicorp/terraform",
            "github.com/argoproj/argo-cd/v2",
            "go.etcd.io/etcd/server/v3",
            "github.com/gohugoio/hugo",
            "github.com/caddyserver/caddy/v2",
            "github.com/ethereum/go-ethereum",
            "github.com/traefik/traefik/v3",
            "github.com/containerd/containerd/v2");

    @TempDir
    Path tmp;

    @Test
    void realProjects_listGraphAndJson_equalTheGoCommand() throws Exception {
        GoToolchain go = GoToolchain.get();
        GoToolchain.Sandbox sb = go.sandbox(tmp.resolve("sandbox"));
        Map<String, String> env = new HashMap<>(sb.env());
        env.put("GOPROXY", defaultOf(go, "GOPROXY"));
        env.put("GOSUMDB", defaultOf(go, "GOSUMDB"));
        env.put("GOFLAGS", "-mod=mod");
        env.put("GOMODCACHE", tmp.resolve("modcache").toString());

        GoToolchain.Run probe = sb.run(tmp, env, "mod", "download", "-json", MODULES.get(1) + "@latest");
        if (probe.exitCode() != 0) {
            System.out.println("real-projects suite: the environment's Go module proxy cannot be reached; skipped"
                    + " the comparison (passed)");
            return;
        }
        int compared = 0;
        int agreed = 0;
        List<String> refused = new ArrayList<>();
        List<String> differences = new ArrayList<>();
        for (String module : MODULES) {
            GoToolchain.Run dl = sb.run(tmp, env, "mod", "download", "-json", module + "@latest");
            JsonNode info = dl.stdout().isBlank() ? JSON.missingNode() : JSON.readTree(dl.stdout());
            Path project = Files.createDirectories(tmp.resolve("projects").resolve(module.replace('/', '_')));
            String error = info.path("Error").asText("");
            if (error.contains("requires go >= ")
                    && Files.exists(Path.of(info.path("GoMod").asText("")))) {
                // Its latest release needs a newer Go than the installed one (GOTOOLCHAIN=local): the go
                // command refuses it, and so must Holdfast, with the same words.
                Files.copy(Path.of(info.path("GoMod").asText()), project.resolve("go.mod"));
                Holdfast.Run list = Holdfast.run(new HashMap<>(env), "list", "-C", project.toString());
                refused.add(module + "@" + info.path("Version").asText() + " (needs a newer Go)");
                if (list.exitCode() == 0 || !list.stderr().contains("go.mod requires go >= ")) {
                    differences.add(module + ": needs a newer Go, but holdfast list said: " + list.describe());
                }
                continue;
            }
            if (dl.exitCode() != 0) {
                differences.add(module + ": go mod download failed: " + dl.describe());
                continue;
            }
            Path dir = Path.of(info.path("Dir").asText());
            Files.copy(dir.resolve("go.mod"), project.resolve("go.mod"));
            if (Files.exists(dir.resolve("go.sum"))) {
                Files.copy(dir.resolve("go.sum"), project.resolve("go.sum"));
            }
            project.resolve("go.mod").toFile().setWritable(true);
            String name = module + "@" + info.path("Version").asText();

            GoToolchain.Run goList = sb.run(project, env, "list", "-m", "all");
            Map<String, String> hfEnv = new HashMap<>(env);
            Holdfast.Run list = Holdfast.run(hfEnv, "list", "-C", project.toString());
            if (goList.exitCode() != 0) {
                refused.add(name);
                if (list.exitCode() == 0) {
                    differences.add(name + ": go list -m all fails, holdfast list does not");
                }
                continue;
            }
            compared += 3;
            agreed += check(differences, name + " list", list.stdout(), goList.stdout());
            GoToolchain.Run goGraph = sb.run(project, env, "mod", "graph");
            agreed += check(
                    differences,
                    name + " graph",
                    Holdfast.run(hfEnv, "graph", "-C", project.toString()).stdout(),
                    goGraph.stdout());
            GoToolchain.Run goJson = sb.run(project, env, "list", "-m", "-json", "all");
            String ours = Holdfast.run(hfEnv, "list", "--json", "-C", project.toString())
                    .stdout();
            List<JsonNode> theirs = Holdfast.objects(goJson.stdout()).stream()
                    .map(RealProjectsIT::withoutLocalFields)
                    .toList();
            agreed += check(
                    differences,
                    name + " list --json",
                    Holdfast.objects(ours).stream()
                            .map(RealProjectsIT::withoutLocalFields)
                            .toList()
                            .toString(),
                    theirs.toString());
        }
        ConformanceReport.record(
                "real projects", "list, graph, list --json vs go on real modules' go.mod", compared, agreed);
        System.out.println("real-projects suite: " + (compared / 3) + " real projects, " + agreed + "/" + compared
                + " outputs identical to the go command's" + (refused.isEmpty() ? "" : "; go itself refuses " + refused)
                + (differences.isEmpty() ? " (passed)" : ""));
        assertThat(differences).isEmpty();
        assertThat(compared).isGreaterThanOrEqualTo(3 * 6);
    }

    private static int check(List<String> differences, String what, String ours, String theirs) {
        if (ours.equals(theirs)) {
            return 1;
        }
        differences.add(what + " differs");
        return 0;
    }

    private static String defaultOf(GoToolchain go, String name) {
        String set = System.getenv().getOrDefault(name, "");
        if (!set.isEmpty()) {
            return set;
        }
        return go.run(
                        null,
                        Map.of("GOENV", System.getenv().getOrDefault("GOENV", ""), "GOPROXY", "", "GOSUMDB", ""),
                        "env",
                        name)
                .stdout()
                .strip();
    }

    /**
     * Returns {@code n} without what depends on each command's own module cache (paths, and the times and
     * sums of what it happened to fetch), and without what only {@code go list -m -u} gives; the fields
     * themselves are compared on one cache by {@code ListJsonConformanceTest}.
     */
    private static JsonNode withoutLocalFields(JsonNode n) {
        ObjectNode copy = n.deepCopy();
        copy.remove(List.of("Dir", "GoMod", "Sum", "GoModSum", "Time", "Error", "Origin", "Update", "Deprecated"));
        if (copy.get("Replace") instanceof ObjectNode replace) {
            replace.remove(List.of("Dir", "GoMod", "Sum", "GoModSum", "Time", "Error"));
        }
        return copy;
    }
}
