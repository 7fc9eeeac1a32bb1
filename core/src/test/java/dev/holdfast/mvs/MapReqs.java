package dev.holdfast.mvs;

import dev.holdfast.module.GoStrings;
import dev.holdfast.module.ModuleVersion;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A requirement graph held in a map, with the version order of Go's {@code reqsMap} in {@code
 * mvs_test.go}: {@code ""} above everything, {@code "none"} below everything, otherwise Go string
 * order. Versions ending in {@code .hidden} exist but are never offered by {@link #upgrade} or {@link
 * #previous} (like retracted versions or pseudo-versions).
 *
 * <p>Fill it first, then share it: reads are thread-safe only once writes have stopped.
 */
public final class MapReqs implements UpgradeReqs, DowngradeReqs {

    private final Map<ModuleVersion, List<ModuleVersion>> reqs = new HashMap<>();

    /** Records that {@code m} requires {@code required}, replacing what was recorded before. */
    public void put(ModuleVersion m, List<ModuleVersion> required) {
        reqs.put(m, List.copyOf(required));
    }

    /** Reports whether requirements are recorded for {@code m}. */
    public boolean contains(ModuleVersion m) {
        return reqs.containsKey(m);
    }

    /** Returns a copy that can be changed without affecting this one. */
    public MapReqs copy() {
        MapReqs copy = new MapReqs();
        copy.reqs.putAll(reqs);
        return copy;
    }

    /** Returns the recorded requirements of {@code m}; fails with {@code missing module: m} for others. */
    @Override
    public List<ModuleVersion> required(ModuleVersion m) throws IOException {
        List<ModuleVersion> required = reqs.get(m);
        if (required == null) {
            throw new IOException("missing module: " + m);
        }
        return required;
    }

    /** Returns the higher version: {@code ""} beats all, {@code "none"} loses to all, else Go string order. */
    @Override
    public String max(String path, String v1, String v2) {
        if (v1.equals("none") || v2.isEmpty()) {
            return v2;
        }
        if (v2.equals("none") || v1.isEmpty()) {
            return v1;
        }
        return GoStrings.compare(v1, v2) < 0 ? v2 : v1;
    }

    /** Returns the highest recorded, not hidden version of {@code m}'s path. */
    @Override
    public ModuleVersion upgrade(ModuleVersion m) throws IOException {
        ModuleVersion u = new ModuleVersion("", "none");
        for (ModuleVersion k : reqs.keySet()) {
            if (k.path().equals(m.path())
                    && max(k.path(), u.version(), k.version()).equals(k.version())
                    && !k.version().endsWith(".hidden")) {
                u = k;
            }
        }
        if (u.path().isEmpty()) {
            throw new IOException("missing module: " + new ModuleVersion(m.path(), ""));
        }
        return u;
    }

    /** Returns the recorded, not hidden version just below {@code m}, or {@code path@none}. */
    @Override
    public ModuleVersion previous(ModuleVersion m) {
        ModuleVersion p = new ModuleVersion("", "");
        for (ModuleVersion k : reqs.keySet()) {
            if (k.path().equals(m.path())
                    && GoStrings.compare(p.version(), k.version()) < 0
                    && GoStrings.compare(k.version(), m.version()) < 0
                    && !k.version().endsWith(".hidden")) {
                p = k;
            }
        }
        return p.path().isEmpty() ? new ModuleVersion(m.path(), "none") : p;
    }
}
