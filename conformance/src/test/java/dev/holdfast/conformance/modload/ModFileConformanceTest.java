package dev.holdfast.conformance.modload;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.conformance.universe.Universe;
import dev.holdfast.conformance.universe.UniverseGenerator;
import dev.holdfast.testing.ConformanceReport;
import dev.holdfast.testing.GoToolchain;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * GOFLAGS' {@code -modfile}: the go command reads another go.mod (and the {@code .sum} beside it) instead of
 * the module root's, which must still exist. {@code holdfast list} and {@code graph} must print what {@code
 * go list -m all} and {@code go mod graph} print with it — or fail alike — on seeded universes whose go.mod
 * is moved to {@code alt/main.mod} under a go.mod that requires nothing, and on the flag's own failures.
 */
class ModFileConformanceTest {

    private static final int UNIVERSES = 16;
    private static final long FIRST_SEED = 13_000;

    @TempDir
    Path tmp;

    @Test
    @Timeout(300)
    void listAndGraph_readTheModFileAsTheGoCommandDoes() throws IOException {
        GoToolchain.Sandbox sandbox = GoToolchain.get().sandbox(tmp.resolve("sandbox"));
        List<String> problems = new ArrayList<>();
        int compared = 0;
        int goSucceeded = 0;
        for (long seed = FIRST_SEED; seed < FIRST_SEED + UNIVERSES; seed++) {
            Universe u = UniverseGenerator.generate(seed);
            for (String[] command :
                    List.of(new String[] {"list", "list", "-m", "all"}, new String[] {"graph", "mod", "graph"})) {
                Universe.Layout layout = u.write(tmp.resolve(seed + "-" + command[0]));
                Path alt = Files.createDirectories(layout.main().resolve("alt"));
                Files.move(layout.main().resolve("go.mod"), alt.resolve("main.mod"));
                Files.writeString(
                        layout.main().resolve("go.mod"), "module " + u.main().path() + "\n\ngo 1.22\n");
                Map<String, String> flags = Map.of("GOFLAGS", "-mod=mod -modcacherw -modfile=alt/main.mod");
                byte[] before = Files.readAllBytes(alt.resolve("main.mod"));
                Commands.Outcome holdfast = Commands.holdfast(
                        layout, layout.main().resolveSibling("hfcache"), flags, Commands.in(layout.main(), command[0]));
                if (!java.util.Arrays.equals(before, Files.readAllBytes(alt.resolve("main.mod")))) {
                    problems.add("seed " + seed + ", " + command[0] + ": holdfast changed alt/main.mod");
                }
                String[] goArgs = List.of(command).subList(1, command.length).toArray(String[]::new);
                Commands.Outcome go = Commands.go(
                        sandbox, layout, layout.main().resolveSibling("gocache"), layout.main(), flags, goArgs);
                compared++;
                goSucceeded += go.exitCode() == 0 ? 1 : 0;
                String difference = Commands.difference(go, holdfast);
                if (!difference.isEmpty()) {
                    problems.add("seed " + seed + ", " + command[0] + ": " + difference);
                }
            }
        }
        ConformanceReport.record(
                "modload",
                "holdfast list and graph vs the go command with GOFLAGS -modfile (universes)",
                compared,
                compared - problems.size());
        assertThat(goSucceeded).as("universes the go command could list").isGreaterThan(compared / 2);
        assertThat(problems).isEmpty();
    }

    /** The flag's own failures, in the go command's words: no such file, not {@code .mod}, a workspace. */
    @Test
    @Timeout(120)
    void modFileFailures_wordedAsGoListWordsThem() throws IOException {
        GoToolchain.Sandbox sandbox = GoToolchain.get().sandbox(tmp.resolve("sandbox"));
        Universe u = UniverseGenerator.generate(FIRST_SEED);
        List<String> problems = new ArrayList<>();
        int n = 0;
        for (String[] c :
                List.of(new String[] {"-modfile=nosuch.mod", ""}, new String[] {"-modfile=go.txt", ""}, new String[] {
                    "-modfile=go.mod", "go 1.22\n\nuse .\n"
                })) {
            Universe.Layout layout = u.write(tmp.resolve("failure-" + n++));
            if (!c[1].isEmpty()) {
                Files.writeString(layout.main().resolve("go.work"), c[1]);
            }
            Map<String, String> flags = Map.of("GOFLAGS", "-mod=readonly -modcacherw " + c[0], "GOWORK", "");
            Commands.Outcome holdfast = Commands.holdfast(
                    layout, layout.main().resolveSibling("hfcache"), flags, Commands.in(layout.main(), "list"));
            Commands.Outcome go = Commands.go(
                    sandbox,
                    layout,
                    layout.main().resolveSibling("gocache"),
                    layout.main(),
                    flags,
                    "list",
                    "-m",
                    "all");
            String problem = go.exitCode() == 0 ? "the go command succeeded" : Commands.difference(go, holdfast);
            if (!problem.isEmpty()) {
                problems.add(c[0] + ": " + problem);
            }
        }
        ConformanceReport.record(
                "modload", "holdfast list vs go list -m all: -modfile failures", 3, 3 - problems.size());
        assertThat(problems).isEmpty();
    }
}
