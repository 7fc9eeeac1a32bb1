package dev.holdfast.query;

import dev.holdfast.module.ModuleVersion;
import dev.holdfast.repo.ModuleRepo;
import dev.holdfast.repo.Revision;
import dev.holdfast.repo.UnknownModuleException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An in-memory {@link ModuleRepo} for tests: each module has raw list lines, revisions by name (a
 * version, or a branch that resolves to one) and go.mod files. Failures use the messages of a
 * proxy client, with a made-up URL. Counts go.mod reads.
 */
final class MemoryRepo implements ModuleRepo {
    private final Map<String, List<String>> lists = new HashMap<>();
    private final Map<String, Revision> revisions = new HashMap<>();
    private final Map<String, String> latest = new HashMap<>();
    private final Map<ModuleVersion, byte[]> mods = new HashMap<>();
    final AtomicInteger goModReads = new AtomicInteger();

    /** Adds listed version {@code v} of {@code path} with the given go.mod and a time. */
    MemoryRepo add(String path, String v, String goMod) {
        return add(path, v, Instant.parse("2020-01-01T00:00:00Z"), goMod).list(path, v);
    }

    /** Adds version {@code v} (not listed) with a time and go.mod (null: no go.mod file). */
    MemoryRepo add(String path, String v, Instant time, String goMod) {
        lists.computeIfAbsent(path, p -> new ArrayList<>());
        revisions.put(path + "@" + v, new Revision(v, time));
        if (goMod != null) {
            mods.put(new ModuleVersion(path, v), goMod.getBytes(StandardCharsets.UTF_8));
        }
        return this;
    }

    /** Appends raw lines to the {@code @v/list} of {@code path}. */
    MemoryRepo list(String path, String... lines) {
        lists.computeIfAbsent(path, p -> new ArrayList<>()).addAll(List.of(lines));
        return this;
    }

    /** Makes {@code name} (a branch, say) resolve to the revision of version {@code v}. */
    MemoryRepo alias(String path, String name, String v) {
        revisions.put(path + "@" + name, revisions.get(path + "@" + v));
        return this;
    }

    /** Sets the {@code @latest} answer of {@code path}. */
    MemoryRepo latest(String path, String v) {
        latest.put(path, v);
        return this;
    }

    @Override
    public List<String> versions(String path) throws UnknownModuleException {
        List<String> list = lists.get(path);
        if (list == null) {
            throw new UnknownModuleException("module " + path + ": reading mem://" + path + "/@v/list: 404 Not Found");
        }
        return List.copyOf(list);
    }

    @Override
    public Revision latest(String path) throws UnknownModuleException {
        String v = latest.get(path);
        if (v == null) {
            throw new UnknownModuleException("module " + path + ": no commits");
        }
        return revisions.get(path + "@" + v);
    }

    @Override
    public Revision stat(String path, String query) throws UnknownModuleException {
        Revision r = revisions.get(path + "@" + query);
        if (r == null) {
            throw new UnknownModuleException(
                    path + "@" + query + ": reading mem://" + path + "/@v/" + query + ".info: 404 Not Found");
        }
        return r;
    }

    @Override
    public byte[] goMod(ModuleVersion mv) throws UnknownModuleException {
        goModReads.incrementAndGet();
        byte[] data = mods.get(mv);
        if (data == null) {
            throw new UnknownModuleException(
                    mv + ": reading mem://" + mv.path() + "/@v/" + mv.version() + ".mod: 404 Not Found");
        }
        return data;
    }
}
