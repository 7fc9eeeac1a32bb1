package dev.holdfast.sumdb;

import dev.holdfast.concurrent.Await;
import dev.holdfast.dirhash.DirHash;
import dev.holdfast.fetch.FetchErrors;
import dev.holdfast.module.ModuleVersion;
import dev.holdfast.store.CachePaths;
import dev.holdfast.sum.GoSum;
import dev.holdfast.sum.GoSumLine;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;

/**
 * Checks that a project's recorded hashes and the bits on disk agree with each other and with the
 * checksum database: what {@code go mod verify} checks (each module's zip and extracted directory in
 * the module cache against the {@code .ziphash} recorded when it was downloaded), and beyond it every
 * go.sum line against the module cache ({@code .ziphash}, the cached {@code .mod}) and against the
 * checksum database. Everything it finds is returned, never thrown; a database that cannot be reached
 * (an outage: nobody there, timing out, failing) is said in the result, after everything else was checked.
 */
public final class SumCheck {
    /** At most this many database lookups run at once. */
    private static final int PARALLEL = 16;

    private SumCheck() {}

    /** What was found wrong. */
    public enum Kind {
        /** A module zip no longer has the hash recorded in its {@code .ziphash} ({@code go mod verify}). */
        ZIP_MODIFIED,
        /** An extracted module directory no longer has that hash ({@code go mod verify}). */
        DIR_MODIFIED,
        /** A downloaded module has no {@code .ziphash} ({@code go mod verify}). */
        MISSING_ZIPHASH,
        /** A module in the cache cannot be read or hashed. */
        UNREADABLE,
        /** A go.sum hash differs from the module cache's hash of the same zip or go.mod. */
        GO_SUM_DIFFERS_FROM_CACHE,
        /** A go.sum hash differs from the checksum database's. */
        GO_SUM_DIFFERS_FROM_DATABASE,
        /** The checksum database has no hash for a go.sum line, or does not know the module. */
        MISSING_FROM_DATABASE,
        /** The checksum database cannot prove its answer, or forked its log. */
        DATABASE_MISBEHAVIOR
    }

    /**
     * One problem.
     *
     * @param path the module path
     * @param version the version ({@code V/go.mod} for a go.mod hash)
     * @param kind what is wrong
     * @param message one line naming the module, the problem and the files or hashes involved
     * @param detail more lines (the database's security report), or {@code ""}
     */
    public record Finding(String path, String version, Kind kind, String message, String detail) {}

    /**
     * What a check covered and found.
     *
     * @param modules the module versions whose cache entries were checked
     * @param lines the go.sum lines checked
     * @param database the checksum database's name, or {@code ""} when none was asked
     * @param databaseLines the go.sum lines checked against the database
     * @param findings what is wrong, modules in go.sum order
     * @param unreachable why the database could not be reached (the first line of the failure), or {@code
     *     ""}; then no line was checked against it
     */
    public record Result(
            int modules, int lines, String database, int databaseLines, List<Finding> findings, String unreachable) {
        /** Copies the findings. */
        public Result {
            findings = List.copyOf(findings);
        }
    }

    /**
     * Checks go.sum {@code sums} and module versions {@code required} (the go.mod's requirements)
     * against module cache {@code modCache} and, when given, the checksum database behind {@code db}.
     *
     * @throws java.io.InterruptedIOException if the thread is interrupted
     */
    public static Result check(Path modCache, GoSum sums, List<ModuleVersion> required, Optional<SumdbVerifier> db)
            throws IOException {
        Set<ModuleVersion> modules = new LinkedHashSet<>();
        for (GoSumLine line : sums.lines()) {
            if (!line.version().endsWith("/go.mod")) {
                modules.add(new ModuleVersion(line.module(), line.version()));
            }
        }
        modules.addAll(required);
        List<Finding> findings = new ArrayList<>(verifyModules(modCache, List.copyOf(modules)));
        for (GoSumLine line : sums.lines()) {
            checkAgainstCache(modCache, line).ifPresent(findings::add);
        }
        int databaseLines = 0;
        String unreachable = "";
        if (db.isPresent()) {
            try {
                Optional<Finding> fork = refresh(db.get());
                fork.ifPresent(findings::add);
                if (fork.isEmpty()) {
                    List<GoSumLine> asked = sums.lines().stream()
                            .filter(l -> l.hash().startsWith("h1:") && db.get().covers(l.module()))
                            .toList();
                    findings.addAll(checkAgainstDatabase(db.get(), asked));
                    databaseLines = asked.size();
                }
            } catch (IOException e) {
                if (e instanceof InterruptedIOException || !FetchErrors.isTransient(e)) {
                    throw e;
                }
                unreachable = String.valueOf(e.getMessage()).lines().findFirst().orElse("");
            }
        }
        return new Result(
                modules.size(),
                sums.lines().size(),
                db.map(v -> v.client().name()).orElse(""),
                databaseLines,
                findings,
                unreachable);
    }

    /**
     * The go command's {@code verifyMod} for every module: each zip and extracted directory hashed and
     * compared with the {@code .ziphash}, as many at a time as there are processors (hashing is CPU-bound;
     * {@code go mod verify} runs GOMAXPROCS at a time too). A module's zip and its directory are hashed as
     * two tasks, the largest zips first: a few modules are most of a real project's bytes (three zips of
     * 36-39 MB among prometheus's 195), and hashed one module to a thread in the go.mod's order they left
     * one thread working alone at the end. The findings keep the modules' order.
     */
    private static List<Finding> verifyModules(Path modCache, List<ModuleVersion> modules) throws IOException {
        Finding[][] found = new Finding[modules.size()][3]; // the ziphash's, the zip's, the directory's
        List<Hashing> work = new ArrayList<>();
        for (int i = 0; i < modules.size(); i++) {
            ModuleVersion mv = modules.get(i);
            CachePaths paths = new CachePaths(modCache, mv);
            Path zip = paths.file("zip");
            Path dir = paths.dir();
            Optional<String> h = zipHash(mv, zip, dir, found[i]);
            if (h.isEmpty()) {
                continue;
            }
            long zipSize = sizeOrMinusOne(zip);
            boolean hasZip = zipSize >= 0;
            long weight = Math.max(0, zipSize);
            int slot = i;
            if (hasZip) {
                work.add(new Hashing(
                        weight,
                        () -> found[slot][1] = check(
                                mv,
                                h.get(),
                                () -> DirHash.hashZip(zip),
                                Kind.ZIP_MODIFIED,
                                "zip has been modified (" + zip + ")")));
            }
            if (Files.isDirectory(dir)) {
                String prefix = mv.path() + "@" + mv.version();
                work.add(new Hashing(
                        weight,
                        () -> found[slot][2] = check(
                                mv,
                                h.get(),
                                () -> DirHash.hashDir(dir, prefix),
                                Kind.DIR_MODIFIED,
                                "dir has been modified (" + dir + ")")));
            }
        }
        work.sort(Comparator.comparingLong(Hashing::weight).reversed());
        int threads = Math.max(1, Math.min(work.size(), Runtime.getRuntime().availableProcessors()));
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            List<Future<?>> running = new ArrayList<>();
            for (Hashing h : work) {
                running.add(pool.submit(h.run()));
            }
            for (Future<?> f : running) {
                Await.result(f, "verifying the module cache");
            }
        }
        List<Finding> findings = new ArrayList<>();
        for (Finding[] module : found) {
            for (Finding f : module) {
                if (f != null) {
                    findings.add(f);
                }
                if (f != null && f.kind() == Kind.UNREADABLE) {
                    break; // as go: a zip that cannot be hashed ends the module's checks
                }
            }
        }
        return findings;
    }

    /** Returns the size of {@code file} from one stat, or -1 when it does not exist. */
    private static long sizeOrMinusOne(Path file) throws IOException {
        try {
            return Files.readAttributes(file, java.nio.file.attribute.BasicFileAttributes.class)
                    .size();
        } catch (NoSuchFileException e) {
            return -1;
        }
    }

    /** One hashing task and how much it weighs (the zip's size). */
    private record Hashing(long weight, Runnable run) {}

    /** Computes the {@code h1:} hash of a module's zip or directory, which may fail. */
    @FunctionalInterface
    private interface H1 {
        String compute() throws IOException;
    }

    /**
     * Returns the module's {@code .ziphash}, or empty when nothing is to be checked: nothing downloaded, or
     * a missing or unreadable {@code .ziphash} (then its finding is {@code found[0]}).
     */
    private static Optional<String> zipHash(ModuleVersion mv, Path zip, Path dir, Finding[] found) {
        Path ziphash = zip.resolveSibling(zip.getFileName().toString().replaceFirst("\\.zip$", ".ziphash"));
        try {
            return Optional.of(Files.readString(ziphash, StandardCharsets.UTF_8).strip());
        } catch (IOException e) {
            if (Files.exists(zip) || Files.exists(dir)) {
                String reason = e instanceof NoSuchFileException
                        ? "open " + ziphash + ": no such file or directory"
                        : e.toString();
                found[0] = finding(
                        mv, Kind.MISSING_ZIPHASH, mv.path() + " " + mv.version() + ": missing ziphash: " + reason);
            }
            return Optional.empty();
        }
    }

    /** Returns the finding when {@code hash} is not {@code h}, or cannot be computed; else null. */
    private static Finding check(ModuleVersion mv, String h, H1 hash, Kind kind, String what) {
        String name = mv.path() + " " + mv.version() + ": ";
        try {
            return hash.compute().equals(h) ? null : finding(mv, kind, name + what);
        } catch (IOException | RuntimeException e) {
            return finding(mv, Kind.UNREADABLE, name + e.getMessage());
        }
    }

    /** A go.sum line against what the module cache recorded for the same zip or go.mod. */
    private static Optional<Finding> checkAgainstCache(Path modCache, GoSumLine line) {
        boolean goMod = line.version().endsWith("/go.mod");
        String version = goMod ? line.version().substring(0, line.version().length() - 7) : line.version();
        ModuleVersion mv = new ModuleVersion(line.module(), version);
        Path zip = zipFile(modCache, mv);
        String cached;
        Path file;
        try {
            if (goMod) {
                file = zip.resolveSibling(zip.getFileName().toString().replaceFirst("\\.zip$", ".mod"));
                cached = DirHash.hashGoMod(Files.readAllBytes(file));
            } else {
                file = zip.resolveSibling(zip.getFileName().toString().replaceFirst("\\.zip$", ".ziphash"));
                cached = Files.readString(file, StandardCharsets.UTF_8).strip();
            }
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // not in the cache: nothing to compare
        }
        if (!line.hash().startsWith("h1:") || cached.equals(line.hash())) {
            return Optional.empty();
        }
        return Optional.of(new Finding(
                line.module(),
                line.version(),
                Kind.GO_SUM_DIFFERS_FROM_CACHE,
                line.module() + " " + line.version() + ": go.sum has " + line.hash() + ", the module cache has "
                        + cached + " (" + file + ")",
                ""));
    }

    private static List<Finding> checkAgainstDatabase(SumdbVerifier db, List<GoSumLine> lines) throws IOException {
        List<Future<Optional<Finding>>> futures = new ArrayList<>();
        Semaphore permits = new Semaphore(PARALLEL);
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (GoSumLine line : lines) {
                futures.add(pool.submit(() -> {
                    permits.acquire();
                    try {
                        return checkLine(db, line);
                    } finally {
                        permits.release();
                    }
                }));
            }
            List<Finding> out = new ArrayList<>();
            boolean misbehaved = false;
            for (Future<Optional<Finding>> f : futures) {
                Optional<Finding> finding = join(f);
                if (finding.isPresent() && finding.get().kind() == Kind.DATABASE_MISBEHAVIOR) {
                    if (misbehaved && finding.get().detail().startsWith("SECURITY ERROR")) {
                        continue; // one fork report is enough
                    }
                    misbehaved |= finding.get().detail().startsWith("SECURITY ERROR");
                }
                finding.ifPresent(out::add);
            }
            return out;
        }
    }

    /** Fetches the database's latest tree, so a fork is seen even when every lookup is cached. */
    private static Optional<Finding> refresh(SumdbVerifier db) throws IOException {
        String name = db.client().name();
        try {
            db.client().refresh();
            return Optional.empty();
        } catch (SumdbSecurityException e) {
            return Optional.of(new Finding(
                    "",
                    "",
                    Kind.DATABASE_MISBEHAVIOR,
                    "checksum database " + name + " forked its log (server misbehavior detected)",
                    e.getMessage()));
        } catch (SumdbException e) {
            if (e.isTransient()) {
                throw e;
            }
            return Optional.of(new Finding(
                    "",
                    "",
                    Kind.DATABASE_MISBEHAVIOR,
                    "checksum database " + name + ": " + firstLine(e),
                    e.getMessage()));
        }
    }

    private static Optional<Finding> checkLine(SumdbVerifier db, GoSumLine line) throws IOException {
        String p = line.module();
        String v = line.version();
        String name = db.client().name();
        List<String> known;
        try {
            known = db.client().lookup(p, v);
        } catch (SumdbSecurityException e) {
            return Optional.of(new Finding(
                    p,
                    v,
                    Kind.DATABASE_MISBEHAVIOR,
                    p + " " + v + ": checksum database " + name + " forked its log (server misbehavior detected)",
                    e.getMessage()));
        } catch (SumdbException e) {
            if (e.isTransient()) {
                throw e;
            }
            Kind kind = e.status() == 404 || e.status() == 410 ? Kind.MISSING_FROM_DATABASE : Kind.DATABASE_MISBEHAVIOR;
            return Optional.of(new Finding(
                    p, v, kind, p + " " + v + ": checksum database " + name + ": " + firstLine(e), e.getMessage()));
        } catch (IOException e) {
            if (FetchErrors.isTransient(e)) {
                throw e;
            }
            return Optional.of(
                    new Finding(p, v, Kind.DATABASE_MISBEHAVIOR, p + " " + v + ": " + firstLine(e), e.getMessage()));
        }
        String prefix = p + " " + v + " h1:";
        for (String k : known) {
            if (k.equals(p + " " + v + " " + line.hash())) {
                return Optional.empty();
            }
            if (k.startsWith(prefix)) {
                return Optional.of(new Finding(
                        p,
                        v,
                        Kind.GO_SUM_DIFFERS_FROM_DATABASE,
                        p + " " + v + ": go.sum has " + line.hash() + ", checksum database " + name + " has "
                                + k.substring(prefix.length() - 3),
                        ""));
            }
        }
        return Optional.of(new Finding(
                p,
                v,
                Kind.MISSING_FROM_DATABASE,
                p + " " + v + ": checksum database " + name + " has no hash for this line",
                ""));
    }

    private static String firstLine(Exception e) {
        String m = String.valueOf(e.getMessage());
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }

    private static Path zipFile(Path modCache, ModuleVersion mv) {
        return new CachePaths(modCache, mv).file("zip");
    }

    private static Finding finding(ModuleVersion mv, Kind kind, String message) {
        return new Finding(mv.path(), mv.version(), kind, message, "");
    }

    private static <T> T join(Future<T> f) throws IOException {
        return Await.result(f, "asking the checksum database");
    }
}
