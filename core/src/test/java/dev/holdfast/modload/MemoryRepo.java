package dev.holdfast.modload;

import dev.holdfast.module.ModuleVersion;
import dev.holdfast.repo.GoModMapRepo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** A {@link GoModMapRepo} over go.mod texts held in memory; counts go.mod reads. Thread-safe. */
final class MemoryRepo extends GoModMapRepo {
    private final Map<ModuleVersion, AtomicInteger> reads = new ConcurrentHashMap<>();

    /** Adds {@code path@version} with go.mod {@code goMod}; returns this. */
    MemoryRepo add(String path, String version, String goMod) {
        put(path, version, goMod);
        return this;
    }

    /**
     * Adds {@code path@version} with a go.mod declaring {@code path}, go line {@code go} (none if null)
     * and requirements {@code reqs} written {@code path@version}; returns this.
     */
    MemoryRepo module(String path, String version, String go, String... reqs) {
        return add(path, version, goMod(path, go, reqs));
    }

    /** Returns a go.mod text for module {@code path} with go line {@code go} (none if null) and {@code reqs}. */
    static String goMod(String path, String go, String... reqs) {
        StringBuilder b = new StringBuilder("module " + path + "\n");
        if (go != null) {
            b.append("\ngo ").append(go).append('\n');
        }
        for (String r : reqs) {
            int at = r.indexOf('@');
            b.append("\nrequire ")
                    .append(r, 0, at)
                    .append(' ')
                    .append(r.substring(at + 1))
                    .append('\n');
        }
        return b.toString();
    }

    /** Returns how often the go.mod of {@code path@version} was read. */
    int reads(String path, String version) {
        AtomicInteger n = reads.get(new ModuleVersion(path, version));
        return n == null ? 0 : n.get();
    }

    @Override
    public byte[] goMod(ModuleVersion mv) throws IOException {
        reads.computeIfAbsent(mv, k -> new AtomicInteger()).incrementAndGet();
        return super.goMod(mv);
    }

    /** Writes {@code goMod} as the main module's go.mod in {@code dir} and returns a loader over this repo. */
    ModuleLoader loader(Path dir, String goMod) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("go.mod"), goMod);
        return new ModuleLoader(MainModule.load(dir, null), this);
    }
}
