package dev.holdfast.conformance.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.conformance.universe.Universe;
import dev.holdfast.conformance.universe.UniverseGenerator;
import dev.holdfast.module.ModuleVersion;
import dev.holdfast.testing.ConformanceReport;
import dev.holdfast.testing.GoToolchain;
import dev.holdfast.testing.LocalOrigin;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a real project's settings change, {@code holdfast list} against {@code go list -m all} on the same
 * project: a go line newer than the installed Go under {@code GOTOOLCHAIN=local} (refused with the go
 * command's message), vendor mode (refused as go refuses, unless {@code -mod} bypasses it or go.mod is
 * older than go 1.14), and {@code --json}'s GoVersion for a module whose go.mod graph loading did not
 * read (left out, as go leaves it out under {@code -mod=readonly}, unless go.sum vouches for it).
 */
class ProjectModesConformanceTest {
    @TempDir
    Path dir;

    private final GoToolchain go = GoToolchain.get();

    private record Both(GoToolchain.Run go, Holdfast.Run holdfast) {}

    private Both list(Path project, Map<String, String> settings, String... extra) throws IOException {
        GoToolchain.Sandbox sandbox = go.sandbox(dir.resolve("go-" + System.nanoTime()));
        String[] goArgs = new String[3 + extra.length];
        goArgs[0] = "list";
        goArgs[1] = "-m";
        System.arraycopy(extra, 0, goArgs, 2, extra.length);
        goArgs[goArgs.length - 1] = "all";
        GoToolchain.Run goRun = sandbox.run(project, settings, goArgs);
        Map<String, String> env = Holdfast.env(dir.resolve("holdfast-cache"), settings.getOrDefault("GOPROXY", "off"));
        env.put("HOME", sandbox.env().get("HOME"));
        env.putAll(settings);
        String[] ours = new String[3 + extra.length];
        ours[0] = "list";
        ours[1] = "-C";
        ours[2] = project.toString();
        for (int i = 0; i < extra.length; i++) {
            ours[3 + i] = extra[i].equals("-json") ? "--json" : extra[i];
        }
        return new Both(goRun, Holdfast.run(env, ours));
    }

    private Path project(String name, String goMod) throws IOException {
        Path p = Files.createDirectories(dir.resolve(name));
        Files.writeString(p.resolve("go.mod"), goMod);
        return p;
    }

    @Test
    void newerGoLine_underLocalToolchain_refusedWithTheGoCommandsMessage() throws IOException {
        Path p = project("newer", "module example.com/newer\n\ngo 1.99.0\n");
        Both both = list(p, Map.of("GOTOOLCHAIN", "local", "GOFLAGS", ""));
        assertThat(both.go().exitCode()).isNotZero();
        String message = both.go().stderr().strip().replaceFirst("^go: ", "");
        assertThat(message).startsWith("go.mod requires go >= 1.99.0 (running go ");
        assertThat(both.holdfast().exitCode()).isNotZero();
        assertThat(both.holdfast().stderr()).contains(message);
    }

    /**
     * GOFLAGS words that are not flags, or an unterminated quote: the go command refuses every command
     * ({@code parsing $GOFLAGS: ...}), and so does Holdfast, with its words; quoted and well-formed values
     * pass both.
     */
    @Test
    void malformedGoflags_refusedAsTheGoCommandRefusesThem() throws IOException {
        Path p = project("goflags", "module example.com/goflags\n\ngo 1.22\n");
        List<String> values = List.of(
                "mod=mod",
                "-mod=mod readonly",
                "-",
                "--",
                "---mod=mod",
                "-=x",
                "--=x",
                "-tags='a b'",
                "\"-mod=mod",
                "'-mod=mod'",
                "-mod=mod   -modcacherw",
                "\"-tags=a b\" -mod=mod");
        Tally tally = new Tally("cli", "holdfast list vs go list -m all: GOFLAGS that do not parse");
        for (String goflags : values) {
            Both both = list(p, Map.of("GOFLAGS", goflags));
            tally.compare(
                    "GOFLAGS=" + goflags,
                    both.go().exitCode() == 0
                            ? "ok"
                            : both.go().stderr().strip().replaceFirst("^go: ", ""),
                    both.holdfast().exitCode() == 0
                            ? "ok"
                            : both.holdfast().stderr().strip().replaceFirst("^holdfast list: ", ""));
        }
        assertThat(tally.record()).isEmpty();
    }

    /**
     * A -C that names no directory: the go command's {@code chdir DIR: no such file or directory} (or {@code
     * not a directory}), from every Holdfast command that takes -C, project commands or not.
     */
    @Test
    void missingDirectory_everyCommandSaysWhatTheGoCommandSays() throws IOException {
        Path aFile = Files.writeString(dir.resolve("a-file"), "");
        GoToolchain.Sandbox sandbox = go.sandbox(dir.resolve("go-chdir"));
        Tally tally = new Tally("cli", "holdfast -C vs go -C: a directory that is not there");
        for (Path missing : List.of(dir.resolve("no/such"), aFile)) {
            GoToolchain.Run goRun = sandbox.run(dir, Map.of(), "-C", missing.toString(), "list", "-m", "all");
            String want = goRun.stderr().strip().replaceFirst("^go: ", "");
            for (String[] args : List.of(
                    new String[] {"list", "-C", missing.toString()},
                    new String[] {"warm", "-C", missing.toString()},
                    new String[] {"export", "--out", dir.resolve("a.zip").toString(), "-C", missing.toString()})) {
                Holdfast.Run ours = Holdfast.run(Holdfast.env(dir.resolve("holdfast-cache"), "off"), args);
                tally.compare(
                        String.join(" ", args),
                        goRun.exitCode() == 0 ? "ok" : want,
                        ours.exitCode() == 2
                                ? ours.stderr().strip().replaceFirst("^holdfast [a-z]+: ", "")
                                : "exit " + ours.exitCode());
            }
        }
        assertThat(tally.record()).isEmpty();
    }

    /** Under GO111MODULE=off the go command refuses its module commands; Holdfast's equivalents say the same. */
    @Test
    void gopathMode_refusedAsTheGoCommandRefusesIt() throws IOException {
        Path p = project("gopath", "module example.com/gopath\n\ngo 1.22\n");
        Map<String, String> off = Map.of("GO111MODULE", "off", "GOFLAGS", "");
        GoToolchain.Sandbox sandbox = go.sandbox(dir.resolve("gopath-go"));
        Map<String, String> env = Holdfast.env(dir.resolve("holdfast-cache"), "off");
        env.put("HOME", sandbox.env().get("HOME"));
        env.putAll(off);
        List<String> problems = new ArrayList<>();
        for (List<String> pair : List.of(
                List.of("list", "list -m all"),
                List.of("graph", "mod graph"),
                List.of("why example.com/x", "mod why -m example.com/x"),
                List.of("verify", "mod verify"),
                List.of("download", "mod download"),
                List.of("down example.com/x@v1.0.0", "get example.com/x@v1.0.0"),
                List.of("status", "list -m -u all"))) {
            GoToolchain.Run goRun = sandbox.run(p, off, pair.get(1).split(" "));
            List<String> ours = new ArrayList<>(List.of(pair.get(0).split(" ")));
            ours.addAll(List.of("-C", p.toString()));
            Holdfast.Run hf = Holdfast.run(env, ours.toArray(String[]::new));
            String want = goRun.stderr().strip().replaceFirst("^go: ", "");
            if (goRun.exitCode() == 0
                    || hf.exitCode() != 2
                    || !hf.stderr().strip().endsWith(": " + want)) {
                problems.add(pair + ": go " + goRun.exitCode() + " " + want + "; holdfast " + hf.describe());
            }
        }
        ConformanceReport.record(
                "cli", "GO111MODULE=off: module commands refused as the go command refuses", 7, 7 - problems.size());
        assertThat(problems).isEmpty();
    }

    /** A GOTOOLCHAIN the go command refuses at start-up is refused in its words; a valid one is not. */
    @Test
    void invalidToolchainSetting_refusedAsTheGoCommandRefusesIt() throws IOException {
        Path p = project("toolchain-setting", "module example.com/ts\n\ngo 1.22\n");
        List<String> problems = new ArrayList<>();
        List<String> values = List.of("bogus", "bogus+auto", "path+auto", "go1.22.0+nope", "local+auto", "local+path");
        for (String value : values) {
            Both both = list(p, Map.of("GOTOOLCHAIN", value, "GOFLAGS", ""));
            String want = both.go().stderr().strip().replaceFirst("^go: ", "");
            boolean same = both.go().exitCode() == 0
                    ? both.holdfast().exitCode() == 0
                            && both.holdfast().stdout().equals(both.go().stdout())
                    : both.holdfast().exitCode() == 2
                            && both.holdfast().stderr().strip().endsWith(": " + want);
            if (!same) {
                problems.add(value + ": go " + both.go().exitCode() + " " + want + "; holdfast "
                        + both.holdfast().describe());
            }
        }
        ConformanceReport.record(
                "cli",
                "GOTOOLCHAIN settings the go command refuses at start-up, and two it takes",
                values.size(),
                values.size() - problems.size());
        assertThat(problems).isEmpty();
    }

    /** A relative GOMODCACHE: go mod download refuses it, and holdfast download in the same words. */
    @Test
    void relativeModuleCache_refusedAsGoModDownloadRefusesIt() throws IOException {
        Universe u = UniverseGenerator.generate(13_000);
        u.writeProxy(dir.resolve("proxy"));
        ModuleVersion required = u.main().requires().getFirst().module();
        Path p = project(
                "relative-cache",
                "module example.com/rel\n\ngo 1.22\n\nrequire " + required.path() + " " + required.version() + "\n");
        String proxy = "file://" + dir.resolve("proxy");
        Map<String, String> relative = Map.of("GOMODCACHE", "relative/cache", "GOFLAGS", "", "GOPROXY", proxy);
        GoToolchain.Sandbox sandbox = go.sandbox(dir.resolve("relative-go"));
        GoToolchain.Run goRun = sandbox.run(p, relative, "mod", "download");
        Map<String, String> env = Holdfast.env(dir.resolve("holdfast-cache"), proxy);
        env.put("HOME", sandbox.env().get("HOME"));
        env.putAll(relative);
        Holdfast.Run hf = Holdfast.run(env, "download", "-C", p.toString());
        String want = goRun.stderr().strip().replaceFirst("^go: ", "");
        ConformanceReport.record(
                "cli",
                "relative GOMODCACHE: download refused as go mod download refuses it",
                1,
                goRun.exitCode() != 0
                                && hf.exitCode() == 2
                                && hf.stderr().strip().endsWith(": " + want)
                        ? 1
                        : 0);

        assertThat(want).isEqualTo("GOMODCACHE entry is relative; must be absolute path: \"relative/cache\".");
        assertThat(hf.exitCode()).as(hf.describe()).isEqualTo(2);
        assertThat(hf.stderr().strip()).isEqualTo("holdfast download: " + want);
    }

    @Test
    void newerGoLine_underAutoToolchain_carriesOnAndSaysSo() throws IOException {
        Path p = project("newer-auto", "module example.com/newer\n\ngo 1.99.0\n");
        Both both = list(p, Map.of("GOTOOLCHAIN", "auto", "GOFLAGS", ""));
        // The go command would download go1.99.0 (and cannot: GOPROXY=off); Holdfast needs no toolchain.
        assertThat(both.go().exitCode()).isNotZero();
        assertThat(both.holdfast().exitCode()).as(both.holdfast().describe()).isZero();
        assertThat(both.holdfast().stdout()).isEqualTo("example.com/newer\n");
        assertThat(both.holdfast().stderr())
                .contains("go.mod requires go >= 1.99.0")
                .contains("GOTOOLCHAIN=auto")
                .contains("carries on");
    }

    @Test
    void workspace_listedAsGoListsIt_byNameToo_andGoworkOffGivesTheModulesOwnList() throws IOException {
        Path p = project("ws/a", "module example.com/a\n\ngo 1.21\n");
        project("ws/b", "module example.com/b\n\ngo 1.21\n");
        Files.writeString(dir.resolve("ws/go.work"), "go 1.21\n\nuse (\n\t./a\n\t./b\n)\n");
        Both workspace = list(p, Map.of("GOWORK", "", "GOFLAGS", ""));
        assertThat(workspace.go().exitCode()).as(workspace.go().describe()).isZero();
        assertThat(workspace.go().stdout()).isEqualTo("example.com/a\nexample.com/b\n");
        assertThat(workspace.holdfast().exitCode())
                .as(workspace.holdfast().describe())
                .isZero();
        assertThat(workspace.holdfast().stdout()).isEqualTo(workspace.go().stdout());

        Path elsewhere = project("elsewhere", "module example.com/elsewhere\n\ngo 1.21\n");
        String named = dir.resolve("ws/go.work").toString();
        Both byName = list(elsewhere, Map.of("GOWORK", named, "GOFLAGS", ""));
        assertThat(byName.go().exitCode()).as(byName.go().describe()).isZero();
        assertThat(byName.holdfast().stdout())
                .isEqualTo(byName.go().stdout())
                .isEqualTo("example.com/a\nexample.com/b\n");

        Both off = list(p, Map.of("GOWORK", "off", "GOFLAGS", ""));
        assertThat(off.holdfast().stdout()).isEqualTo(off.go().stdout()).isEqualTo("example.com/a\n");

        // From the go.work's own directory, which no go.mod governs: still the workspace.
        Both atRoot = list(dir.resolve("ws"), Map.of("GOWORK", "", "GOFLAGS", ""));
        assertThat(atRoot.go().exitCode()).as(atRoot.go().describe()).isZero();
        assertThat(atRoot.holdfast().stdout()).isEqualTo(atRoot.go().stdout());
    }

    @Test
    void workspace_refusedAsGoRefusesIt_withModMod_vendor_orAModuleTooNew() throws IOException {
        Path p = project("ws2/a", "module example.com/a\n\ngo 1.21\n");
        project("ws2/b", "module example.com/b\n\ngo 1.22\n");
        Files.writeString(dir.resolve("ws2/go.work"), "go 1.22\n\nuse (\n\t./a\n\t./b\n)\n");
        Both modMode = list(p, Map.of("GOWORK", "", "GOFLAGS", "-mod=mod"));
        assertThat(modMode.go().exitCode()).isNotZero();
        assertThat(modMode.holdfast().exitCode()).isNotZero();
        assertThat(modMode.holdfast().stderr())
                .contains(modMode.go().stderr().strip().replaceFirst("^go: ", ""));

        Files.createDirectories(dir.resolve("ws2/vendor"));
        Files.writeString(dir.resolve("ws2/vendor/modules.txt"), "## workspace\n");
        Both vendored = list(p, Map.of("GOWORK", "", "GOFLAGS", ""));
        assertThat(vendored.go().exitCode()).isNotZero();
        assertThat(vendored.holdfast().exitCode()).isNotZero();
        assertThat(vendored.holdfast().stderr())
                .contains(vendored.go().stderr().strip().replaceFirst("^go: ", ""));

        Files.writeString(dir.resolve("ws2/go.work"), "go 1.21\n\nuse (\n\t./a\n\t./b\n)\n");
        Both tooNew = list(p, Map.of("GOWORK", "", "GOFLAGS", "-mod=readonly"));
        assertThat(tooNew.go().exitCode()).isNotZero();
        assertThat(tooNew.holdfast().exitCode()).isNotZero();
        assertThat(tooNew.holdfast().stderr())
                .contains(tooNew.go().stderr().strip().replaceFirst("^go: ", ""))
                .contains("../b listed in go.work file requires go >= 1.22");
    }

    @Test
    void brokenWorkspaces_refusedWithTheGoCommandsMessages() throws IOException {
        Map<String, String> broken = new java.util.LinkedHashMap<>();
        broken.put("too-new", "go 1.99\n\nuse ./a\n");
        broken.put("used-twice", "go 1.21\n\nuse ./a\nuse a\n");
        broken.put("same-path", "go 1.21\n\nuse ./a\nuse ./twin\n");
        broken.put("replaced-whole", "go 1.21\n\nuse ./a\n\nreplace example.com/a => ./elsewhere\n");
        broken.put("conflicting", "go 1.21\n\nuse ./a\nuse ./b\n");
        broken.put("unknown-directive", "go 1.21\n\nuse ./a\n\nrequire example.com/x v1.0.0\n");
        broken.put("missing-module", "go 1.21\n\nuse ./a\nuse ./gone\n");
        for (Map.Entry<String, String> c : broken.entrySet()) {
            Path ws = dir.resolve("broken-" + c.getKey());
            Path a = project(
                    "broken-" + c.getKey() + "/a",
                    "module example.com/a\n\ngo 1.21\n\nreplace example.com/x => ./x1\n");
            project(
                    "broken-" + c.getKey() + "/b",
                    "module example.com/b\n\ngo 1.21\n\nreplace example.com/x => ./x2\n");
            project("broken-" + c.getKey() + "/twin", "module example.com/a\n\ngo 1.21\n");
            Files.writeString(ws.resolve("go.work"), c.getValue());
            Both both = list(a, Map.of("GOWORK", "", "GOFLAGS", "", "GOTOOLCHAIN", "local"));
            assertThat(both.go().exitCode())
                    .as(c.getKey() + ": " + both.go().describe())
                    .isNotZero();
            assertThat(both.holdfast().exitCode()).as(c.getKey()).isNotZero();
            for (String line : both.go().stderr().strip().split("\n")) {
                assertThat(both.holdfast().stderr()).as(c.getKey()).contains(line.replaceFirst("^go: ", ""));
            }
        }
    }

    @Test
    void workspace_refusedClearly_byCommandsThatDoNotSupportIt() throws IOException {
        Path p = project("ws3/a", "module example.com/a\n\ngo 1.21\n");
        Files.writeString(dir.resolve("ws3/go.work"), "go 1.21\n\nuse ./a\n");
        Map<String, String> env = Holdfast.env(dir.resolve("holdfast-cache"), "off");
        env.put("GOWORK", "");
        Holdfast.Run recover = Holdfast.run(env, "recover", "-C", p.toString());
        assertThat(recover.exitCode()).isEqualTo(2);
        assertThat(recover.stderr())
                .contains(dir.resolve("ws3/go.work") + " puts this directory in workspace mode")
                .contains("`holdfast recover` does not support yet")
                .contains("GOWORK=off");
        Holdfast.Run degraded = Holdfast.run(env, "download", "--allow-degraded", "-C", p.toString());
        assertThat(degraded.exitCode()).isEqualTo(2);
        assertThat(degraded.stderr())
                .contains("--allow-degraded is not supported yet")
                .contains("GOWORK=off");
        env.put("GOWORK", "off");
        env.put("GOSUMDB", "off");
        Holdfast.Run off = Holdfast.run(env, "recover", "-C", p.toString());
        assertThat(off.exitCode()).as(off.describe()).isZero();
        assertThat(off.stdout()).contains("not degraded: nothing to recover");
    }

    @Test
    void vendorDirectory_refusedAsGoRefuses_unlessBypassedOrOld() throws IOException {
        Path p = project("vendored", "module example.com/vendored\n\ngo 1.21\n");
        Files.createDirectories(p.resolve("vendor"));
        Files.writeString(p.resolve("vendor/modules.txt"), "");
        Both refused = list(p, Map.of("GOFLAGS", ""));
        assertThat(refused.go().exitCode()).isNotZero();
        assertThat(refused.holdfast().exitCode()).isNotZero();
        assertThat(refused.holdfast().stderr())
                .contains(refused.go().stderr().strip().replaceFirst("^go: ", ""));

        Both bypassed = list(p, Map.of("GOFLAGS", "-mod=mod"));
        assertThat(bypassed.go().exitCode()).as(bypassed.go().describe()).isZero();
        assertThat(bypassed.holdfast().stdout()).isEqualTo(bypassed.go().stdout());

        Path old = project("vendored-old", "module example.com/old\n\ngo 1.13\n");
        Files.createDirectories(old.resolve("vendor"));
        Both older = list(old, Map.of("GOFLAGS", ""));
        assertThat(older.go().exitCode()).as(older.go().describe()).isZero();
        assertThat(older.holdfast().exitCode()).as(older.holdfast().describe()).isZero();
        assertThat(older.holdfast().stdout()).isEqualTo(older.go().stdout());

        Path unversioned = project("vendored-no-go-line", "module example.com/nogo\n");
        Files.createDirectories(unversioned.resolve("vendor"));
        Both noGoLine = list(unversioned, Map.of("GOFLAGS", ""));
        assertThat(noGoLine.go().exitCode()).as(noGoLine.go().describe()).isZero();
        assertThat(noGoLine.holdfast().stdout()).isEqualTo(noGoLine.go().stdout());

        Both explicit = list(old, Map.of("GOFLAGS", "-mod=vendor"));
        assertThat(explicit.go().exitCode()).isNotZero();
        assertThat(explicit.holdfast().exitCode()).isNotZero();
        assertThat(explicit.holdfast().stderr())
                .contains(explicit.go().stderr().strip().replaceFirst("^go: ", ""));
    }

    @Test
    void json_goVersion_leftOutForAGoModGraphLoadingDidNotRead() throws IOException {
        try (LocalOrigin origin = LocalOrigin.open()) {
            Instant t = Instant.parse("2024-01-02T03:04:05Z");
            origin.add(
                    "example.com/a",
                    "v1.0.0",
                    t,
                    bytes("module example.com/a\n\ngo 1.21\n\nrequire example.com/b v1.0.0\n"),
                    new byte[0]);
            origin.add("example.com/b", "v1.0.0", t, bytes("module example.com/b\n\ngo 1.20\n"), new byte[0]);
            Path p = project("pruned", "module example.com/main\n\ngo 1.21\n\nrequire example.com/a v1.0.0\n");
            Map<String, String> settings = new HashMap<>(Map.of("GOPROXY", origin.url(), "GOFLAGS", "-mod=mod"));
            GoToolchain.Run sums = go.sandbox(dir.resolve("sums")).run(p, settings, "list", "-m", "all");
            assertThat(sums.exitCode()).as(sums.describe()).isZero();
            // As go mod tidy leaves it in a pruned graph (gin has 12 such modules): no line for b's go.mod.
            Files.writeString(
                    p.resolve("go.sum"), Files.readString(p.resolve("go.sum")).replaceAll("example.com/b .*\n", ""));

            settings.put("GOFLAGS", "-mod=readonly");
            Both readonly = list(p, settings, "-json");
            assertThat(readonly.go().exitCode()).as(readonly.go().describe()).isZero();
            assertThat(Holdfast.objects(readonly.go().stdout()))
                    .filteredOn(m -> m.path("Path").asText().equals("example.com/b"))
                    .singleElement()
                    .satisfies(b -> assertThat(b.has("GoVersion")).isFalse());
            assertThat(Holdfast.objects(readonly.holdfast().stdout()).stream()
                            .map(ProjectModesConformanceTest::withoutLocalFields)
                            .toList())
                    .isEqualTo(Holdfast.objects(readonly.go().stdout()).stream()
                            .map(ProjectModesConformanceTest::withoutLocalFields)
                            .toList());

            settings.put("GOFLAGS", "-mod=mod");
            Both modMode = list(p, settings, "-json");
            // Under -mod=mod the go command writes the go.mod hash it added to go.sum as it ends (and leaves
            // it out of its own output, as added in this run); Holdfast, run after it, reads that go.sum.
            assertThat(Holdfast.objects(modMode.holdfast().stdout()).stream()
                            .map(ProjectModesConformanceTest::withoutLocalFields)
                            .map(ProjectModesConformanceTest::withoutSums)
                            .toList())
                    .isEqualTo(Holdfast.objects(modMode.go().stdout()).stream()
                            .map(ProjectModesConformanceTest::withoutLocalFields)
                            .map(ProjectModesConformanceTest::withoutSums)
                            .toList());
        }
    }

    /** Returns {@code n} without the paths of this machine's module caches (each command has its own). */
    private static com.fasterxml.jackson.databind.JsonNode withoutLocalFields(
            com.fasterxml.jackson.databind.JsonNode n) {
        com.fasterxml.jackson.databind.node.ObjectNode copy = n.deepCopy();
        copy.remove(java.util.List.of("Dir", "GoMod"));
        return copy;
    }

    private static com.fasterxml.jackson.databind.JsonNode withoutSums(com.fasterxml.jackson.databind.JsonNode n) {
        com.fasterxml.jackson.databind.node.ObjectNode copy = n.deepCopy();
        copy.remove(java.util.List.of("Sum", "GoModSum"));
        return copy;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
