package dev.holdfast.archive;

import dev.holdfast.dirhash.DirHash;
import dev.holdfast.module.ModuleVersion;
import dev.holdfast.store.AtomicFiles;
import dev.holdfast.store.DiskStore;
import dev.holdfast.store.StoreKey;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes a module archive from a module cache: a zip file whose entries are the module cache's files
 * under their names there ({@code cache/download/<path>/@v/<version>.mod}, {@code .zip}, {@code .info})
 * and the {@link ArchiveManifest}, written first, then the checksum database's proofs when there are any
 * ({@code cache/download/sumdb/<name>/...}, as the go command keeps them). Module zips are stored without compressing them
 * again. The archive is written beside its final name and renamed into place, so an interrupted export
 * leaves no half archive under that name.
 */
public final class ArchiveWriter {
    /** The prefix of every module file's name in the archive: the module cache's download area. */
    public static final String PREFIX = "cache/download/";

    /** The prefix of every checksum-database file's name in the archive. */
    public static final String SUMDB_PREFIX = PREFIX + "sumdb/";

    /**
     * Checksum-database files to carry: what {@code dev.holdfast.sumdb.SumdbProofs} collects.
     *
     * @param database the database's name
     * @param files the files by name ({@code <database>/lookup/...}, {@code <database>/tile/...})
     * @param earlierTrees signed tree notes of earlier archives that the files also prove prefixes of
     *     their own trees ({@link ArchiveManifest.Proofs#earlierTrees})
     */
    public record ProofFiles(String database, Map<String, byte[]> files, List<String> earlierTrees) {
        /** Copies the map, sorted by name, and the list. */
        public ProofFiles {
            files = Collections.unmodifiableMap(new TreeMap<>(files));
            earlierTrees = List.copyOf(earlierTrees);
        }

        /** Returns the proof files of a database without earlier trees. */
        public ProofFiles(String database, Map<String, byte[]> files) {
            this(database, files, List.of());
        }
    }

    private ArchiveWriter() {}

    /**
     * Writes an archive of the go.mod files of {@code goMods} and the go.mod, zip and (when cached) {@code
     * .info} of {@code zips}, all read from {@code cache}, and of {@code proofs} (null for none) to {@code
     * out}; reports each module version written to {@code progress} and returns the manifest.
     *
     * @throws IOException if a file is not in the cache, or cannot be written
     */
    public static ArchiveManifest write(
            DiskStore cache,
            Set<ModuleVersion> goMods,
            Set<ModuleVersion> zips,
            ProofFiles proofs,
            Path out,
            Clock clock,
            Consumer<String> progress)
            throws IOException {
        Set<ModuleVersion> all = new TreeSet<>(ModuleVersion.ORDER);
        all.addAll(goMods);
        all.addAll(zips);
        List<ArchiveManifest.Module> modules = new ArrayList<>();
        for (ModuleVersion mv : all) {
            modules.add(describe(cache, mv, zips.contains(mv)));
        }
        ArchiveManifest manifest = new ArchiveManifest(
                ArchiveManifest.FORMAT,
                clock.instant().truncatedTo(ChronoUnit.SECONDS).toString(),
                modules,
                proofs == null
                        ? null
                        : new ArchiveManifest.Proofs(
                                proofs.database(), List.copyOf(proofs.files().keySet()), proofs.earlierTrees()));
        Path tmp = AtomicFiles.createSibling(out.toAbsolutePath());
        try {
            try (OutputStream file = Files.newOutputStream(tmp);
                    ZipOutputStream zip = new ZipOutputStream(file)) {
                zip.setLevel(Deflater.BEST_SPEED);
                zip.putNextEntry(new ZipEntry(ArchiveManifest.ENTRY));
                zip.write(manifest.toJson());
                zip.closeEntry();
                for (ArchiveManifest.Module m : modules) {
                    ModuleVersion mv = m.mv();
                    copy(zip, cache, StoreKey.mod(mv), Deflater.BEST_SPEED);
                    if (m.info()) {
                        copy(zip, cache, StoreKey.info(mv), Deflater.BEST_SPEED);
                    }
                    if (m.zip() != null) {
                        copy(zip, cache, StoreKey.zip(mv), Deflater.NO_COMPRESSION);
                    }
                    progress.accept(mv.path() + " " + mv.version());
                }
                if (proofs != null) {
                    zip.setLevel(Deflater.BEST_SPEED);
                    for (Map.Entry<String, byte[]> f : proofs.files().entrySet()) {
                        zip.putNextEntry(new ZipEntry(SUMDB_PREFIX + f.getKey()));
                        zip.write(f.getValue());
                        zip.closeEntry();
                    }
                }
            }
            AtomicFiles.commit(tmp, out.toAbsolutePath()); // flushed, then renamed: a whole archive or none
        } finally {
            Files.deleteIfExists(tmp);
        }
        return manifest;
    }

    /** Returns the manifest entry of {@code mv}, hashing its cached go.mod and, with {@code zip}, its zip. */
    private static ArchiveManifest.Module describe(DiskStore cache, ModuleVersion mv, boolean zip) throws IOException {
        Path mod = cache.file(StoreKey.mod(mv));
        if (!Files.isRegularFile(mod)) {
            throw new IOException(mv + ": go.mod not in the module cache " + cache.root());
        }
        String goModHash = DirHash.hashGoMod(Files.readAllBytes(mod));
        String zipHash = null;
        if (zip) {
            Path file = cache.file(StoreKey.zip(mv));
            if (!Files.isRegularFile(file)) {
                throw new IOException(mv + ": zip not in the module cache " + cache.root());
            }
            zipHash = DirHash.hashZip(file);
        }
        List<String> goSum = new ArrayList<>();
        if (zipHash != null) {
            goSum.add(mv.path() + " " + mv.version() + " " + zipHash);
        }
        goSum.add(mv.path() + " " + mv.version() + "/go.mod " + goModHash);
        boolean info = zip && Files.isRegularFile(cache.file(StoreKey.info(mv)));
        return new ArchiveManifest.Module(mv.path(), mv.version(), goModHash, zipHash, info, goSum);
    }

    private static void copy(ZipOutputStream zip, DiskStore cache, String key, int level) throws IOException {
        zip.setLevel(level);
        zip.putNextEntry(new ZipEntry(PREFIX + key));
        Files.copy(cache.file(key), zip);
        zip.closeEntry();
    }
}
