package dev.holdfast.cli;

import dev.holdfast.dirhash.DirHash;
import dev.holdfast.fetch.SourceRepo;
import dev.holdfast.fetch.Verifier;
import dev.holdfast.modedit.DowngradePlan;
import dev.holdfast.modedit.GoGet;
import dev.holdfast.modedit.ImportScan;
import dev.holdfast.modedit.ZipSource;
import dev.holdfast.module.ModuleVersion;
import dev.holdfast.repo.ModuleRepo;
import dev.holdfast.store.DiskStore;
import dev.holdfast.store.StoreKey;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.InterruptedIOException;
import java.io.PrintWriter;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The project side of {@code down} and {@code bisect}: reading go.mod and go.sum, planning {@code go get
 * M@V} through the fetch stack of the go environment, replacing the two files atomically (and putting
 * them back), and running a check command.
 */
final class DownFiles {
    private DownFiles() {}

    /**
     * Loads {@code project} for planning go get in {@code context}: go.mod files and zips come through
     * the GOPROXY stack into the module cache, checked against the project's go.sum.
     */
    static GoGet plan(Context context, GoProject project) throws IOException {
        SourceStack<DiskStore> stack = context.sources()
                .verifier(project.goSumVerifier().orElse(Verifier.NONE))
                .build();
        ModuleRepo repo = SourceRepo.of(stack.source());
        ZipSource zips = mv -> {
            stack.source().fetchZip(mv);
            Path zip = stack.store().file(StoreKey.zip(mv));
            return rootPackage(zip, mv, hash(zip));
        };
        return GoGet.load(project.root(), project.goMod(), project.goSum(), repo, zips, context::goVersion);
    }

    private static String hash(Path zip) throws IOException {
        Path ziphash = zip.resolveSibling(zip.getFileName().toString().replaceFirst("\\.zip$", ".ziphash"));
        if (Files.exists(ziphash)) {
            String h = Files.readString(ziphash, StandardCharsets.UTF_8).strip();
            if (h.startsWith("h1:")) {
                return h;
            }
        }
        return DirHash.hashZip(zip);
    }

    /**
     * Returns what go get learns from the zip: whether it has a .go file in the module's root directory
     * (modload dirInModule), and the other modules' packages its non-test files there import.
     */
    private static ZipSource.FetchedZip rootPackage(Path zip, ModuleVersion mv, String hash) throws IOException {
        String prefix = mv.path() + "@" + mv.version() + "/";
        boolean found = false;
        List<String> sources = new ArrayList<>();
        try (ZipFile z = new ZipFile(zip.toFile())) {
            Enumeration<? extends ZipEntry> entries = z.entries();
            while (entries.hasMoreElements()) {
                ZipEntry e = entries.nextElement();
                String name = e.getName();
                String rest = name.startsWith(prefix) ? name.substring(prefix.length()) : "";
                if (e.isDirectory() || !rest.endsWith(".go") || rest.indexOf('/') >= 0) {
                    continue;
                }
                found = true;
                if (!rest.endsWith("_test.go") && e.getSize() < (1 << 20)) {
                    try (InputStream in = z.getInputStream(e)) {
                        sources.add(new String(in.readAllBytes(), StandardCharsets.UTF_8));
                    }
                }
            }
        }
        return new ZipSource.FetchedZip(hash, found, ImportScan.scan(sources));
    }

    /**
     * Writes the files of {@code plan} into {@code root}: go.sum first, then go.mod, each replaced
     * atomically. A go.sum with extra lines is harmless to the go command, so an interruption between the
     * two leaves a working project.
     */
    static void write(Path root, DowngradePlan plan) throws IOException {
        put(root.resolve("go.sum"), plan.goSumBefore(), plan.goSum());
        put(root.resolve("go.mod"), plan.goModBefore(), plan.goMod());
    }

    /** Puts back the files {@code plan} replaced, byte for byte: go.mod first, then go.sum. */
    static void restore(Path root, DowngradePlan plan) throws IOException {
        put(root.resolve("go.mod"), plan.goMod(), plan.goModBefore());
        put(root.resolve("go.sum"), plan.goSum(), plan.goSumBefore());
    }

    /** Replaces {@code file} holding {@code before} by {@code after}; null means no file. */
    private static void put(Path file, byte[] before, byte[] after) throws IOException {
        if (java.util.Arrays.equals(before, after)) {
            return;
        }
        if (after == null) {
            Files.deleteIfExists(file);
            return;
        }
        replace(file, after);
    }

    /**
     * Writes {@code data} to {@code target} so that readers see the old content or the new, never a part:
     * a temporary file next to it, flushed to disk, then renamed over it, keeping its permissions.
     */
    static void replace(Path target, byte[] data) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Path tmp = dir.resolve(
                target.getFileName() + "." + ThreadLocalRandom.current().nextInt(1_000_000_000) + ".tmp");
        try {
            Files.write(tmp, data, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            if (Files.exists(target)
                    && tmp.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                Set<PosixFilePermission> mode = Files.getPosixFilePermissions(target);
                Files.setPosixFilePermissions(tmp, mode);
            }
            // fsync before rename: otherwise a crash may leave the new name on an empty file.
            try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * Runs {@code command} with {@code sh -c} in {@code dir} with process environment {@code environment},
     * copying its output (standard output and error together) to {@code out}; returns its exit status.
     */
    static int runCheck(String command, Path dir, Map<String, String> environment, PrintWriter out) throws IOException {
        ProcessBuilder builder = new ProcessBuilder("sh", "-c", command).directory(dir.toFile());
        builder.environment().clear();
        builder.environment().putAll(environment);
        builder.redirectErrorStream(true);
        Process process = builder.start();
        process.getOutputStream().close();
        try (InputStream in = process.getInputStream();
                InputStreamReader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            reader.transferTo(out);
        }
        out.flush();
        try {
            return process.waitFor();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while running " + command);
        }
    }
}
