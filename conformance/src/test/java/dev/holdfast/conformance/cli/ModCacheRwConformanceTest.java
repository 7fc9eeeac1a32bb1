package dev.holdfast.conformance.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.store.ReadOnlyTrees;
import dev.holdfast.testing.GoToolchain;
import dev.holdfast.testing.LocalOrigin;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * GOFLAGS=-modcacherw, which CI jobs set so that they can delete the module cache with {@code rm -rf}:
 * {@code holdfast download} leaves the directories it extracts writable exactly when {@code go mod
 * download} does (every directory's and file's mode compared), and refuses a value that is not a boolean
 * with the go command's message.
 */
class ModCacheRwConformanceTest {
    private static final List<GeneratedModules.Module> MODULES = GeneratedModules.generate(1, 1, 4_000, 20, 5);

    @TempDir
    Path dir;

    @Test
    void download_modcacherw_sameModesAsGoModDownload() throws IOException {
        GeneratedModules.Module m = MODULES.getFirst();
        List<String> settings = List.of(
                "",
                "-modcacherw",
                "--modcacherw",
                "-modcacherw=true",
                "-modcacherw=T",
                "-modcacherw=false",
                "-modcacherw -modcacherw=0",
                "-modcacherw=maybe");
        Path project = Files.createDirectories(dir.resolve("p"));
        Files.writeString(
                project.resolve("go.mod"),
                "module example.com/p\n\ngo 1.21\n\nrequire " + m.mv().path() + " " + m.mv().version() + "\n");
        Files.writeString(project.resolve("go.sum"), m.goSumLines());
        GoToolchain.Sandbox go = GoToolchain.get().sandbox(dir.resolve("go"));
        Tally tally = new Tally(
                "cli", "holdfast download vs go mod download: GOFLAGS -modcacherw (modes of the extracted tree)");
        try (LocalOrigin origin = GeneratedModules.serve(LocalOrigin.open(), MODULES)) {
            for (int i = 0; i < settings.size(); i++) {
                String goflags = settings.get(i);
                Path goCache = dir.resolve("go-cache-" + i);
                Path ourCache = dir.resolve("holdfast-cache-" + i);
                GoToolchain.Run theirs = go.run(
                        project,
                        Map.of("GOPROXY", origin.url(), "GOMODCACHE", goCache.toString(), "GOFLAGS", goflags),
                        "mod",
                        "download");
                Map<String, String> env = Holdfast.env(ourCache, origin.url());
                env.put("GOFLAGS", goflags);
                Holdfast.Run ours = Holdfast.run(env, "download", "-q", "-C", project.toString());

                String want = theirs.exitCode() == 0
                        ? modes(goCache.resolve(m.mv().path() + "@" + m.mv().version()))
                        : theirs.exitCode() + " " + firstLine(theirs.stderr());
                String got = ours.exitCode() == 0
                        ? modes(ourCache.resolve(m.mv().path() + "@" + m.mv().version()))
                        : ours.exitCode() + " " + firstLine(ours.stderr());
                tally.compare("GOFLAGS=" + goflags, want, got + (want.equals(got) ? "" : "\n" + ours.describe()));
                ReadOnlyTrees.removeAll(goCache);
                ReadOnlyTrees.removeAll(ourCache);
            }
        }
        assertThat(tally.record()).isEmpty();
    }

    /** Every path under {@code root} (itself included) with its permissions, sorted. */
    private static String modes(Path root) throws IOException {
        Map<String, String> modes = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.toList()) {
                modes.put(
                        root.relativize(p).toString(),
                        PosixFilePermissions.toString(Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS)));
            }
        }
        return modes.toString();
    }

    /** The first line of {@code stderr}, without the go command's {@code go: } or Holdfast's prefix. */
    private static String firstLine(String stderr) {
        String line = stderr.strip().lines().findFirst().orElse("");
        return line.replaceFirst("^(go|holdfast download|holdfast): ", "");
    }
}
