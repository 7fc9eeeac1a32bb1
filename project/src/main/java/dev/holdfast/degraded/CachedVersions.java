package dev.holdfast.degraded;

import dev.holdfast.dirhash.DirHash;
import dev.holdfast.fetch.ModuleCacheSource;
import dev.holdfast.fetch.ModuleNotFoundException;
import dev.holdfast.fetch.Verifier;
import dev.holdfast.module.ModuleVersion;
import dev.holdfast.store.DiskStore;
import dev.holdfast.store.StoreKey;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the local module cache holds for degraded mode: which versions of a module have the files a
 * build needs, and their hashes. A version counts only if it can be used offline: a go.mod (not a
 * stale {@code //vgo} one) for {@link Need#GO_MOD}, and the zip as well for {@link Need#ZIP}; and its
 * hashes must agree with the project's go.sum where go.sum records them (a substitute is never a way
 * around a checksum mismatch). Reads only; thread-safe.
 */
public final class CachedVersions {
    private final DiskStore cache;
    private final ModuleCacheSource source;
    private final Verifier verifier;

    /** Returns a view of the module cache {@code cache}, checking hashes with {@code verifier}. */
    public CachedVersions(DiskStore cache, Verifier verifier) {
        this.cache = cache;
        this.source = new ModuleCacheSource(cache.root());
        this.verifier = verifier;
    }

    /** Returns the module cache directory. */
    public Path root() {
        return cache.root();
    }

    /**
     * Returns the versions of {@code path} that have what {@code need} asks for and pass the
     * verifier, in semver order; empty if the cache has none.
     */
    public List<String> versions(String path, Need need) throws IOException {
        List<String> listed;
        try {
            listed = source.list(path);
        } catch (ModuleNotFoundException e) {
            return List.of();
        }
        List<String> usable = new ArrayList<>();
        for (String v : listed) {
            if (usable(new ModuleVersion(path, v), need)) {
                usable.add(v);
            }
        }
        return usable;
    }

    /** Reports whether the cache has what {@code need} asks for of {@code mv}, with hashes go.sum accepts. */
    public boolean usable(ModuleVersion mv, Need need) throws IOException {
        Optional<String> modHash = goModHash(mv);
        if (modHash.isEmpty() || !accepted(new ModuleVersion(mv.path(), mv.version() + "/go.mod"), modHash.get())) {
            return false;
        }
        if (need == Need.GO_MOD) {
            return true;
        }
        Optional<String> zipHash = zipHash(mv);
        return zipHash.isPresent() && accepted(mv, zipHash.get());
    }

    /** Returns the {@code h1:} hash of the cached go.mod of {@code mv}, or empty when it is not cached. */
    public Optional<String> goModHash(ModuleVersion mv) throws IOException {
        Optional<InputStream> in = cache.open(StoreKey.mod(mv));
        if (in.isEmpty()) {
            return Optional.empty();
        }
        try (InputStream s = in.get()) {
            return Optional.of(DirHash.hashGoMod(s.readAllBytes()));
        }
    }

    /**
     * Returns the {@code h1:} hash of the cached zip of {@code mv}: its {@code .ziphash} when that is
     * valid, else computed from the zip; empty when the zip is not cached.
     */
    public Optional<String> zipHash(ModuleVersion mv) throws IOException {
        Path zip = cache.file(StoreKey.zip(mv));
        if (!Files.isRegularFile(zip)) {
            return Optional.empty();
        }
        Path ziphash = zip.resolveSibling(zip.getFileName().toString().replaceFirst("\\.zip$", ".ziphash"));
        if (Files.isRegularFile(ziphash)) {
            String h = Files.readString(ziphash, StandardCharsets.UTF_8).strip();
            if (h.startsWith("h1:")) {
                return Optional.of(h);
            }
        }
        return Optional.of(DirHash.hashZip(zip));
    }

    private boolean accepted(ModuleVersion mv, String hash) throws IOException {
        try {
            verifier.checkHash(mv, hash);
            return true;
        } catch (dev.holdfast.fetch.ChecksumMismatchException e) {
            return false;
        }
    }
}
