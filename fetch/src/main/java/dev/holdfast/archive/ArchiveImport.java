package dev.holdfast.archive;

import dev.holdfast.dirhash.DirHash;
import dev.holdfast.fetch.ChecksumMismatchException;
import dev.holdfast.fetch.GoSumVerifier;
import dev.holdfast.fetch.RevInfo;
import dev.holdfast.fetch.Verifier;
import dev.holdfast.modfile.GoModFile;
import dev.holdfast.module.ModuleVersion;
import dev.holdfast.store.DiskStore;
import dev.holdfast.store.StoreKey;
import dev.holdfast.store.StoredContent;
import dev.holdfast.sum.GoSum;
import dev.holdfast.zip.ModuleZip;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Imports a module archive into a module cache, all or nothing: every file the manifest lists must be in
 * the archive and nothing else; every go.mod and zip must have the hash the manifest gives, checked by
 * {@link GoSumVerifier} over the manifest's go.sum lines (zips also by the module zip rules), and every
 * {@code .info} must name its version. Only when all of that holds is anything stored, each file through
 * the store's own atomic writes; a file the cache already holds must be the same, and is left alone, so
 * importing twice changes nothing. Reads are bounded (a go.mod by the go command's limit, a zip by the
 * module zip limit, an {@code .info} by 64 KiB) whatever the archive claims.
 *
 * <p>The checksum database's proofs, when the archive carries them, are checked by a {@link ProofCheck}
 * (signatures, every record proved in its signed trees from the archive's tiles alone, every tree a
 * prefix of the larger ones) and each module's go.sum lines must be what the database holds; they are
 * stored only when the database is the one configured here, and otherwise left out with a note.
 */
public final class ArchiveImport {
    private static final int MAX_INFO_BYTES = 64 << 10;

    /** The largest checksum-database file read: a lookup answer or a tile is a few KiB. */
    private static final int MAX_PROOF_FILE_BYTES = 64 << 10;

    /** The most checksum-database bytes read from one archive, far beyond the tiles of thousands of modules. */
    private static final long MAX_PROOF_BYTES = 256L << 20;

    private ArchiveImport() {}

    /**
     * What an import did.
     *
     * @param modules the module versions in the archive
     * @param stored files written into the cache
     * @param present files the cache held already, identical
     * @param proofs checksum-database files checked (all in the cache now)
     * @param proofsStored those of them written into the cache (the others were there already)
     * @param proofNote why the archive's checksum-database proofs were not imported, or null
     */
    public record Result(int modules, int stored, int present, int proofs, int proofsStored, String proofNote) {}

    /** Checks the checksum database's proofs an archive carries. */
    public interface ProofCheck {
        /** Checks nothing: an archive's proofs are left out, with this note. */
        ProofCheck NONE = new ProofCheck() {
            @Override
            public Optional<String> unchecked(String database) {
                return Optional.of("no checksum database is configured here");
            }

            @Override
            public Map<ModuleVersion, List<String>> check(
                    String database, Map<String, byte[]> files, List<String> earlierTrees) {
                throw new IllegalStateException("no checksum database");
            }
        };

        /** Returns why proofs of {@code database} cannot be checked here, or empty when they can. */
        Optional<String> unchecked(String database);

        /**
         * Checks the proof {@code files} (by name, {@code <database>/...}) of {@code database} with nothing
         * but themselves, {@code earlierTrees} (signed notes) among the trees they prove; returns each
         * looked-up module version's go.sum lines.
         *
         * @throws IOException naming what does not hold
         */
        Map<ModuleVersion, List<String>> check(String database, Map<String, byte[]> files, List<String> earlierTrees)
                throws IOException;
    }

    /** Hears how an import goes: the number of module versions once the manifest is read, then each one checked. */
    public interface Listener {
        /** The archive holds {@code modules} module versions. */
        void start(int modules);

        /** One more module version was checked, described by {@code what}. */
        void step(String what);
    }

    /** A file checked and ready to store: small ones in memory, zips in a temporary file of the store. */
    private record Checked(String key, byte[] data, Path zip, String h1) {}

    /**
     * Checks {@code archive} and stores what it holds in {@code cache}, leaving out any checksum-database
     * proofs; reports each module version checked to {@code progress}.
     *
     * @throws ChecksumMismatchException if a file does not have the hash the manifest gives (nothing is
     *     stored)
     * @throws IOException naming what is wrong with the archive, or if the cache cannot be written
     */
    public static Result into(Path archive, DiskStore cache, Listener progress) throws IOException {
        return into(archive, cache, ProofCheck.NONE, progress);
    }

    /**
     * Checks {@code archive}, its checksum-database proofs by {@code proofs}, and stores what it holds in
     * {@code cache}; reports each module version checked to {@code progress}.
     *
     * @throws ChecksumMismatchException if a file does not have the hash the manifest gives, or the
     *     checksum database holds other go.sum lines (nothing is stored)
     * @throws IOException naming what is wrong with the archive, or if the cache cannot be written
     */
    public static Result into(Path archive, DiskStore cache, ProofCheck proofs, Listener progress) throws IOException {
        List<Checked> checked = new ArrayList<>();
        try (ZipFile zip = open(archive)) {
            ArchiveManifest manifest =
                    ArchiveManifest.parse(read(zip, ArchiveManifest.ENTRY, ArchiveManifest.MAX_BYTES));
            checkEntries(zip, manifest);
            progress.start(manifest.modules().size());
            Verifier verifier = requiring(new GoSumVerifier(goSum(manifest), ArchiveManifest.ENTRY));
            for (ArchiveManifest.Module m : manifest.modules()) {
                try {
                    check(zip, cache, m, verifier, checked);
                } catch (ZipException e) { // a damaged entry: a bad CRC, a broken deflate stream
                    throw new BadArchiveException(archive + ": " + m.mv() + ": " + e.getMessage(), e);
                }
                progress.step(m.path() + " " + m.version() + " checked");
            }
            CheckedProofs sums = checkProofs(zip, manifest, cache, proofs);
            int stored = 0;
            int present = 0;
            for (Checked c : checked) {
                if (store(cache, c)) {
                    stored++;
                } else {
                    present++;
                }
            }
            int proofsStored = 0;
            for (Map.Entry<String, byte[]> f : sums.files().entrySet()) {
                Path held = cache.sumdbFile(f.getKey());
                if (!Files.isRegularFile(held) || !Arrays.equals(Files.readAllBytes(held), f.getValue())) {
                    cache.putSumdbFile(f.getKey(), f.getValue());
                    proofsStored++;
                }
            }
            return new Result(
                    manifest.modules().size(), stored, present, sums.files().size(), proofsStored, sums.note());
        } finally {
            for (Checked c : checked) {
                if (c.zip() != null) {
                    Files.deleteIfExists(c.zip());
                }
            }
        }
    }

    private static ZipFile open(Path archive) throws IOException {
        try {
            return new ZipFile(archive.toFile());
        } catch (ZipException e) {
            throw new BadArchiveException(archive + ": not a module archive: " + e.getMessage(), e);
        }
    }

    /** Refuses an archive with a file the manifest does not list, or without one it lists. */
    private static void checkEntries(ZipFile zip, ArchiveManifest manifest) throws IOException {
        Set<String> expected = new HashSet<>();
        expected.add(ArchiveManifest.ENTRY);
        for (ArchiveManifest.Module m : manifest.modules()) {
            ModuleVersion mv = m.mv();
            if (!StoreKey.isCanonical(mv.version())) {
                throw new BadArchiveException(ArchiveManifest.ENTRY + ": " + mv + ": not a canonical version");
            }
            expected.add(ArchiveWriter.PREFIX + StoreKey.mod(mv));
            if (m.zip() != null) {
                expected.add(ArchiveWriter.PREFIX + StoreKey.zip(mv));
            }
            if (m.info()) {
                expected.add(ArchiveWriter.PREFIX + StoreKey.info(mv));
            }
        }
        if (manifest.sumdb() != null) {
            for (String file : manifest.sumdb().files()) {
                expected.add(ArchiveWriter.SUMDB_PREFIX + file);
            }
        }
        Set<String> seen = new HashSet<>();
        for (Enumeration<? extends ZipEntry> e = zip.entries(); e.hasMoreElements(); ) {
            String name = e.nextElement().getName();
            if (!expected.contains(name)) {
                throw new BadArchiveException(
                        "archive holds " + name + ", which its manifest does not list; refusing it");
            }
            if (!seen.add(name)) {
                throw new BadArchiveException("archive holds " + name + " twice; refusing it");
            }
        }
        expected.removeAll(seen);
        if (!expected.isEmpty()) {
            throw new BadArchiveException("archive lacks " + expected.iterator().next() + ", which its manifest lists");
        }
    }

    /** The checksum-database files to store (none when they are left out), and why they are left out. */
    private record CheckedProofs(Map<String, byte[]> files, String note) {}

    /**
     * Reads and checks the archive's checksum-database proofs and that the database holds each module's
     * go.sum lines; returns what to store.
     */
    private static CheckedProofs checkProofs(ZipFile zip, ArchiveManifest manifest, DiskStore cache, ProofCheck check)
            throws IOException {
        ArchiveManifest.Proofs proofs = manifest.sumdb();
        if (proofs == null) {
            return new CheckedProofs(Map.of(), "the archive carries no checksum-database proofs");
        }
        String db = proofs.database();
        Optional<String> unchecked = check.unchecked(db);
        if (unchecked.isPresent()) {
            return new CheckedProofs(Map.of(), "proofs of " + db + " left out: " + unchecked.get());
        }
        for (String file : proofs.files()) {
            try {
                cache.sumdbFile(file);
            } catch (IllegalArgumentException e) {
                throw new BadArchiveException(ArchiveManifest.ENTRY + ": " + e.getMessage(), e);
            }
        }
        Map<String, byte[]> files = proofFiles(zip, proofs, file -> true);
        Map<ModuleVersion, List<String>> held;
        try {
            held = check.check(db, files, proofs.earlierTrees());
        } catch (IOException | RuntimeException e) {
            throw new BadArchiveException("checksum-database proofs in the archive: " + e.getMessage(), e);
        }
        for (ArchiveManifest.Module m : manifest.modules()) {
            List<String> lines = held.get(m.mv());
            if (lines == null) {
                continue; // not looked up: a private module, or one the database does not cover
            }
            for (String line : m.goSum()) {
                if (!lines.contains(line)) {
                    throw new ChecksumMismatchException(ArchiveManifest.ENTRY + ": " + m.mv() + ": " + line
                            + " is not what checksum database " + db + " holds: " + lines);
                }
            }
        }
        return new CheckedProofs(files, null);
    }

    /**
     * Reads the proof files of {@code proofs} that {@code wanted} names, each a file of the database,
     * within the bounds on their sizes.
     */
    private static Map<String, byte[]> proofFiles(ZipFile zip, ArchiveManifest.Proofs proofs, Predicate<String> wanted)
            throws IOException {
        String db = proofs.database();
        Map<String, byte[]> files = new TreeMap<>();
        long total = 0;
        for (String file : proofs.files()) {
            if (!file.startsWith(db + "/lookup/") && !file.startsWith(db + "/tile/")) {
                throw new BadArchiveException(ArchiveManifest.ENTRY + ": " + file + " is not a file of " + db);
            }
            if (!wanted.test(file)) {
                continue;
            }
            byte[] data = read(zip, ArchiveWriter.SUMDB_PREFIX + file, MAX_PROOF_FILE_BYTES);
            total += data.length;
            if (total > MAX_PROOF_BYTES) {
                throw new BadArchiveException(
                        "the archive's checksum-database files exceed " + MAX_PROOF_BYTES + " bytes");
            }
            files.put(file, data);
        }
        return files;
    }

    /**
     * Returns the checksum-database answers an earlier archive carries, for a later export to prove its trees
     * extend theirs ({@code export --after}): the database, its lookup answers by file name and the earlier
     * trees it carried in turn; empty when it carries no proofs. Nothing in it is checked here.
     *
     * @throws IOException naming what is wrong with the archive
     */
    public static Optional<ArchiveWriter.ProofFiles> lookups(Path archive) throws IOException {
        try (ZipFile zip = open(archive)) {
            ArchiveManifest manifest =
                    ArchiveManifest.parse(read(zip, ArchiveManifest.ENTRY, ArchiveManifest.MAX_BYTES));
            ArchiveManifest.Proofs proofs = manifest.sumdb();
            if (proofs == null) {
                return Optional.empty();
            }
            Map<String, byte[]> lookups =
                    proofFiles(zip, proofs, file -> file.startsWith(proofs.database() + "/lookup/"));
            return Optional.of(new ArchiveWriter.ProofFiles(proofs.database(), lookups, proofs.earlierTrees()));
        }
    }

    /** Returns the go.sum of the manifest's lines, after checking they agree with its hashes. */
    private static GoSum goSum(ArchiveManifest manifest) throws IOException {
        StringBuilder text = new StringBuilder();
        for (ArchiveManifest.Module m : manifest.modules()) {
            List<String> want = new ArrayList<>();
            if (m.zip() != null) {
                want.add(m.path() + " " + m.version() + " " + m.zip());
            }
            want.add(m.path() + " " + m.version() + "/go.mod " + m.goMod());
            if (!m.goSum().equals(want)) {
                throw new ChecksumMismatchException(ArchiveManifest.ENTRY + ": " + m.mv() + ": its go.sum lines "
                        + m.goSum() + " disagree with its hashes " + want);
            }
            want.forEach(line -> text.append(line).append('\n'));
        }
        try {
            return GoSum.parse(ArchiveManifest.ENTRY, text.toString().getBytes(StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            throw new BadArchiveException(ArchiveManifest.ENTRY + ": malformed go.sum lines: " + e.getMessage(), e);
        }
    }

    /** Returns {@code verifier}, which must know every hash: a file the manifest gives none for is refused. */
    private static Verifier requiring(Verifier verifier) {
        return (mv, hash) -> {
            Verifier.Verdict v = verifier.checkHash(mv, hash);
            if (v != Verifier.Verdict.MATCHED) {
                throw new ChecksumMismatchException(mv + ": no hash in the archive's manifest");
            }
            return v;
        };
    }

    private static void check(
            ZipFile zip, DiskStore cache, ArchiveManifest.Module m, Verifier verifier, List<Checked> checked)
            throws IOException {
        ModuleVersion mv = m.mv();
        String modKey = StoreKey.mod(mv);
        byte[] mod = read(zip, ArchiveWriter.PREFIX + modKey, GoModFile.MAX_BYTES);
        verifier.checkMod(mv, mod);
        checked.add(new Checked(modKey, mod, null, null));
        if (m.info()) {
            String infoKey = StoreKey.info(mv);
            byte[] info = read(zip, ArchiveWriter.PREFIX + infoKey, MAX_INFO_BYTES);
            RevInfo parsed;
            try {
                parsed = RevInfo.parse(info);
            } catch (IllegalArgumentException e) {
                throw new BadArchiveException(infoKey + " in the archive: " + e.getMessage(), e);
            }
            if (!parsed.version().equals(mv.version())) {
                throw new ChecksumMismatchException(
                        infoKey + " in the archive names version " + parsed.version() + ", not " + mv.version());
            }
            checked.add(new Checked(infoKey, info, null, null));
        }
        if (m.zip() != null) {
            String zipKey = StoreKey.zip(mv);
            Path tmp = cache.tempFile();
            checked.add(new Checked(zipKey, null, tmp, m.zip()));
            try (InputStream in = zip.getInputStream(zip.getEntry(ArchiveWriter.PREFIX + zipKey));
                    OutputStream out = Files.newOutputStream(tmp)) {
                long n = in.transferTo(new LimitedOutput(out, ModuleZip.MAX_ZIP_BYTES, zipKey));
                if (n == 0) {
                    throw new BadArchiveException(zipKey + " in the archive is empty");
                }
            }
            try {
                verifier.checkZip(mv, tmp);
            } catch (ChecksumMismatchException e) {
                throw e; // names the module version and both hashes
            } catch (IOException e) {
                throw new BadArchiveException(zipKey + " in the archive: " + e.getMessage(), e);
            }
        }
    }

    /** Stores {@code c} unless the cache holds it already; reports whether it stored it. */
    private static boolean store(DiskStore cache, Checked c) throws IOException {
        Path file = cache.file(c.key());
        if (c.zip() != null) {
            if (Files.isRegularFile(file)) {
                String held = cache.content(c.key()).map(StoredContent::h1).orElse("");
                if (!(held.isEmpty() ? DirHash.hashZip(file) : held).equals(c.h1())) {
                    throw new ChecksumMismatchException(c.key() + ": the module cache holds a different zip");
                }
                return false;
            }
            cache.putZip(c.key(), c.zip(), c.h1());
            return true;
        }
        if (Files.isRegularFile(file)) {
            if (!Arrays.equals(Files.readAllBytes(file), c.data()) && c.key().endsWith(".mod")) {
                throw new ChecksumMismatchException(c.key() + ": the module cache holds a different go.mod");
            }
            return false; // an .info may differ in its origin data; the cache's own is kept
        }
        Path tmp = cache.tempFile();
        try {
            Files.write(tmp, c.data());
            cache.put(c.key(), tmp);
        } finally {
            Files.deleteIfExists(tmp);
        }
        return true;
    }

    /** Reads entry {@code name}, refusing more than {@code max} bytes whatever the archive declares. */
    private static byte[] read(ZipFile zip, String name, int max) throws IOException {
        ZipEntry entry = zip.getEntry(name);
        if (entry == null) {
            throw new BadArchiveException("archive lacks " + name);
        }
        try (InputStream in = zip.getInputStream(entry)) {
            byte[] data = in.readNBytes(max + 1);
            if (data.length > max) {
                throw new BadArchiveException(name + " in the archive is larger than " + max + " bytes");
            }
            return data;
        }
    }

    /** An output stream that fails past a limit. */
    private static final class LimitedOutput extends OutputStream {
        private final OutputStream out;
        private final long max;
        private final String name;
        private long written;

        LimitedOutput(OutputStream out, long max, String name) {
            this.out = out;
            this.max = max;
            this.name = name;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            written += len;
            if (written > max) {
                throw new BadArchiveException(name + " in the archive is larger than " + max + " bytes");
            }
            out.write(b, off, len);
        }
    }
}
