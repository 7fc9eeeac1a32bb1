package dev.holdfast.conformance.degraded;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.holdfast.conformance.download.HoldfastCli;
import dev.holdfast.conformance.download.TestModules;
import dev.holdfast.degraded.OverlayRecord;
import dev.holdfast.testing.FaultRelay;
import dev.holdfast.testing.GoToolchain;
import dev.holdfast.testing.LocalOrigin;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * One degraded-mode test bed: a universe of modules with real Go code behind a {@link FaultRelay}, a
 * project made by {@code go mod tidy}, a Holdfast module cache filled with some versions beforehand,
 * and the ways the tests look at the outcome with the go command.
 */
final class DegradedProject implements AutoCloseable {
    /** Fetch options that give up on a black-holed upstream within seconds. */
    static final String[] FAST = {"--retry-budget", "1s", "--attempt-timeout", "500ms"};

    final Path dir;
    final LocalOrigin origin;
    final FaultRelay relay;
    final Path proxy;
    final Path project;
    final Path cache;
    final GoToolchain.Sandbox go;
    final byte[] goMod;
    final byte[] goSum;
    /** More environment for Holdfast (GOSUMDB, say); empty unless a test sets it. */
    final Map<String, String> holdfastEnv = new java.util.HashMap<>();

    /**
     * Sets up under {@code dir}: serves {@code universe}, writes the project requiring {@code requires}
     * with {@code go mod tidy}, and fetches {@code cached} ({@code name@version}) into Holdfast's module
     * cache through the relay.
     */
    DegradedProject(Path dir, TestModules universe, List<String> cached, String... requires) throws IOException {
        this(dir, universe, Map.of(), cached, requires);
    }

    /** Sets up as the other constructor does, with {@code env} added to Holdfast's environment from the start. */
    DegradedProject(Path dir, TestModules universe, Map<String, String> env, List<String> cached, String... requires)
            throws IOException {
        holdfastEnv.putAll(env);
        this.dir = dir;
        this.origin = universe.serve(LocalOrigin.open());
        this.relay = FaultRelay.open(origin.address(), 7);
        this.proxy = dir.resolve("proxy");
        origin.writeTo(proxy);
        this.project = dir.resolve("app");
        this.go = GoToolchain.get().sandbox(dir.resolve("go"));
        TestModules.writeProject(project, "1.21", "", go, proxy, requires);
        this.goMod = Files.readAllBytes(project.resolve("go.mod"));
        this.goSum = Files.readAllBytes(project.resolve("go.sum"));
        this.cache = dir.resolve("holdfast-cache");
        if (!cached.isEmpty()) {
            List<String> args = new ArrayList<>(List.of("fetch"));
            cached.forEach(c -> args.add(TestModules.path(c)));
            HoldfastCli.Run fetch = holdfast(args.toArray(String[]::new));
            assertThat(fetch.exitCode()).as(fetch.describe()).isZero();
        }
    }

    /** Runs {@code holdfast args...} against the relay and Holdfast's cache. */
    HoldfastCli.Run holdfast(String... args) {
        Map<String, String> env = HoldfastCli.env(cache, relay.url());
        env.putAll(holdfastEnv);
        return HoldfastCli.run(env, args);
    }

    /** Runs {@code holdfast command -C project [FAST] args...}. */
    HoldfastCli.Run command(String command, String... args) {
        List<String> all = new ArrayList<>(List.of(command, "-C", project.toString()));
        all.addAll(List.of(FAST));
        all.addAll(List.of(args));
        return holdfast(all.toArray(String[]::new));
    }

    /** Returns the overlay go.mod. */
    Path overlay() {
        return project.resolve(".holdfast/degraded/go.mod");
    }

    /** Runs the go command in the project, offline, from Holdfast's cache, go.mod read-only. */
    GoToolchain.Run goOffline(String... args) {
        return go.run(
                project, Map.of("GOMODCACHE", cache.toString(), "GOPROXY", "off", "GOFLAGS", "-mod=readonly"), args);
    }

    /**
     * Returns the effective version of each module of {@code go list -m -json all} (the replacement's
     * version when replaced), by path; with the overlay when {@code modfile} is not null.
     */
    Map<String, String> goBuildList(Path modfile) {
        List<String> args = new ArrayList<>(List.of("list", "-m", "-json"));
        if (modfile != null) {
            args.add("-modfile=" + modfile);
        }
        args.add("all");
        GoToolchain.Run list = goOffline(args.toArray(String[]::new)).checkSuccess();
        Map<String, String> out = new TreeMap<>();
        for (JsonNode m : HoldfastCli.objects(list.stdout())) {
            if (m.path("Main").asBoolean()) {
                continue;
            }
            JsonNode r = m.path("Replace");
            out.put(
                    m.get("Path").asText(),
                    r.isMissingNode()
                            ? m.get("Version").asText()
                            : r.get("Version").asText());
        }
        return out;
    }

    /** Returns the SHA-256 of every file under the project, by relative path (to compare before and after). */
    Map<String, String> projectFiles() {
        try (Stream<Path> files = Files.walk(project)) {
            Map<String, String> out = new TreeMap<>();
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                out.put(project.relativize(f).toString(), OverlayRecord.sha256(Files.readAllBytes(f)));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Asserts that the project's go.mod and go.sum are byte for byte what go mod tidy wrote. */
    void assertOwnFilesUnchanged() throws IOException {
        assertThat(Files.readAllBytes(project.resolve("go.mod"))).isEqualTo(goMod);
        assertThat(Files.readAllBytes(project.resolve("go.sum"))).isEqualTo(goSum);
    }

    @Override
    public void close() {
        relay.close();
        origin.close();
    }
}
