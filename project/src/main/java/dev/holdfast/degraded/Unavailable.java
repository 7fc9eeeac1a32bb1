package dev.holdfast.degraded;

import dev.holdfast.module.ModuleVersion;
import java.util.Optional;

/**
 * A module version the build needs that could not be had: the sources failed with an outage and no
 * substitute was used, because degraded mode was off or the module cache has no usable version of
 * the module and major.
 *
 * @param module the module version wanted
 * @param need what the build needed of it
 * @param failure why it could not be fetched
 * @param cached the cached version degraded mode would use, when degraded mode was off and there is
 *     one; empty otherwise
 */
public record Unavailable(ModuleVersion module, Need need, Exception failure, Optional<String> cached) {
    /** Returns {@code path@version: reason}, naming the cached alternative when there is one. */
    public String message() {
        String reason = failure.getMessage() == null ? failure.toString() : failure.getMessage();
        String prefix = module + ": ";
        String text = reason.startsWith(prefix) ? reason : prefix + reason;
        return cached.map(v -> text + " (the module cache has " + v + ")").orElse(text);
    }
}
