package dev.holdfast.degraded;

import dev.holdfast.module.ModuleVersion;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One compromise of degraded mode: module {@code path} was wanted at {@code wanted}, could not be
 * had, and the cached version {@code used} stands in for it.
 *
 * @param path the module path
 * @param wanted the version the build asked for (after the project's own replacements)
 * @param used the cached version used instead; same path, same major version
 * @param need what the build needed of it when it was substituted
 * @param reason why the wanted version could not be had (the failure's message)
 * @param time when the substitution was made
 */
public record Substitution(String path, String wanted, String used, Need need, String reason, Instant time) {
    /** Checks that no field is null. */
    public Substitution {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(wanted, "wanted");
        Objects.requireNonNull(used, "used");
        Objects.requireNonNull(need, "need");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(time, "time");
    }

    /** Returns the wanted module version. */
    public ModuleVersion wantedVersion() {
        return new ModuleVersion(path, wanted);
    }

    /** Returns the module version used instead. */
    public ModuleVersion usedVersion() {
        return new ModuleVersion(path, used);
    }

    /**
     * Returns the JSON fields of the substitution, in the go command's field style and in this order:
     * Path, Wanted, Used, Need, Reason, Time; the shape of the overlay record and of {@code --json}.
     */
    public Map<String, Object> fields() {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("Path", path);
        o.put("Wanted", wanted);
        o.put("Used", used);
        o.put("Need", need.word());
        o.put("Reason", reason);
        o.put("Time", time.toString());
        return o;
    }

    /** Returns {@code path wanted => path used}, as {@code go list -m all} shows the replacement. */
    public String format() {
        return path + " " + wanted + " => " + path + " " + used;
    }
}
