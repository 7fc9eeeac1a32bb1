package dev.holdfast.degraded;

import dev.holdfast.fetch.ModuleNotFoundException;
import dev.holdfast.fetch.Verifier;
import dev.holdfast.modload.MainModule;
import dev.holdfast.module.ModuleVersion;
import dev.holdfast.repo.ModuleRepo;
import dev.holdfast.repo.Revision;
import dev.holdfast.store.DiskStore;
import dev.holdfast.store.StoreKey;
import dev.holdfast.zip.ModuleZip;
import dev.holdfast.zip.ZipFileSource;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A test world for degraded mode: module versions an upstream has (as a {@link ModuleRepo} whose
 * go.mod reads go to the module cache first, as the real stack's do), an outage that makes some of
 * them unreachable, and a module cache ({@link DiskStore} in a temporary directory) with some versions.
 */
final class World implements ModuleRepo {
    private final Map<ModuleVersion, String> upstream = new HashMap<>();
    private final Set<ModuleVersion> down = new HashSet<>();
    private final Set<ModuleVersion> zipDown = new HashSet<>();
    private final DiskStore cache;
    final Map<String, AtomicInteger> asked = new ConcurrentHashMap<>();

    World(Path dir) {
        this.cache = DiskStore.of(dir.toAbsolutePath().resolve("modcache"));
    }

    /** Returns the module version {@code path@version}. */
    static ModuleVersion mv(String path, String version) {
        return new ModuleVersion(path, version);
    }

    /** Returns the go.mod of {@code path} at go 1.21 requiring {@code requires} ({@code path@version}). */
    static String goMod(String path, String... requires) {
        StringBuilder b = new StringBuilder("module " + path + "\n\ngo 1.21\n");
        for (String r : requires) {
            String[] pv = r.split("@");
            b.append("require ").append(pv[0]).append(' ').append(pv[1]).append('\n');
        }
        return b.toString();
    }

    /** Lets the upstream serve {@code path@version} requiring {@code requires}. */
    World serve(String path, String version, String... requires) {
        upstream.put(mv(path, version), goMod(path, requires));
        return this;
    }

    /** Puts {@code path@version} (as the upstream serves it) into the module cache, with its zip if {@code zip}. */
    World cache(String path, String version, boolean zip) throws IOException {
        ModuleVersion m = mv(path, version);
        byte[] mod = upstream.get(m).getBytes(StandardCharsets.UTF_8);
        Path tmp = cache.tempFile();
        Files.write(tmp, mod);
        cache.put(StoreKey.mod(m), tmp);
        if (zip) {
            putZip(m);
        }
        return this;
    }

    /** Makes the upstream unreachable for the go.mod and zip of {@code path@version}. */
    World outage(String path, String version) {
        down.add(mv(path, version));
        return this;
    }

    /** Makes the upstream unreachable for the zip only of {@code path@version}. */
    World zipOutage(String path, String version) {
        zipDown.add(mv(path, version));
        return this;
    }

    DiskStore store() {
        return cache;
    }

    CachedVersions cached() {
        return new CachedVersions(cache, Verifier.NONE);
    }

    /** Returns the main module of a project in {@code dir} with go.mod {@code text}. */
    static MainModule project(Path dir, String text) {
        return MainModule.parse(dir, dir, text.getBytes(StandardCharsets.UTF_8), null);
    }

    /** Returns a zip fetcher that "downloads" into the cache, failing for versions out of reach. */
    SubstitutingResolver.ZipFetcher zips(List<ModuleVersion> fetched) {
        return modules -> {
            Map<ModuleVersion, Exception> failed = new HashMap<>();
            for (ModuleVersion m : modules) {
                fetched.add(m);
                try {
                    if (cache.size(StoreKey.zip(m)).isPresent()) {
                        continue;
                    }
                    if (!upstream.containsKey(m)) {
                        throw new ModuleNotFoundException(m + ": not found");
                    }
                    if (down.contains(m) || zipDown.contains(m)) {
                        throw new ConnectException("Connection refused");
                    }
                    putZip(m);
                } catch (IOException e) {
                    failed.put(m, e);
                }
            }
            return failed;
        };
    }

    private void putZip(ModuleVersion m) throws IOException {
        List<ZipFileSource> files = new ArrayList<>();
        files.add(ZipFileSource.of("go.mod", upstream.get(m).getBytes(StandardCharsets.UTF_8)));
        files.add(ZipFileSource.of("x.go", "package x\n".getBytes(StandardCharsets.UTF_8)));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ModuleZip.create(m, files, out);
        Path tmp = cache.tempFile();
        Files.write(tmp, out.toByteArray());
        cache.put(StoreKey.zip(m), tmp);
    }

    @Override
    public List<String> versions(String path) throws IOException {
        throw new UnsupportedOperationException("not needed");
    }

    @Override
    public Revision latest(String path) throws IOException {
        throw new UnsupportedOperationException("not needed");
    }

    @Override
    public Revision stat(String path, String query) throws IOException {
        throw new UnsupportedOperationException("not needed");
    }

    @Override
    public byte[] goMod(ModuleVersion m) throws IOException {
        asked.computeIfAbsent(m.toString(), k -> new AtomicInteger()).incrementAndGet();
        var stored = cache.open(StoreKey.mod(m));
        if (stored.isPresent()) {
            try (var in = stored.get()) {
                return in.readAllBytes();
            }
        }
        if (!upstream.containsKey(m)) {
            throw new ModuleNotFoundException(m + ": reading go.mod: 404 Not Found");
        }
        if (down.contains(m)) {
            throw new ConnectException(m + ": Connection refused");
        }
        return upstream.get(m).getBytes(StandardCharsets.UTF_8);
    }
}
