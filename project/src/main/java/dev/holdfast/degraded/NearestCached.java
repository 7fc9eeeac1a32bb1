package dev.holdfast.degraded;

import dev.holdfast.semver.Semver;
import java.util.Collection;
import java.util.Optional;

/**
 * The rule that picks the cached version standing in for one that cannot be had: among the
 * candidates of the same major version, the <em>lowest version above</em> the wanted one, else the
 * <em>highest version below</em> it. Versions compare as semantic versions (pre-releases and
 * pseudo-versions included, build metadata ignored).
 *
 * <p>Why this order: minimal version selection only ever raises versions, so every module in the
 * graph was written against the wanted version or an older one; the next higher version is the one
 * the authors of the wanted version would most likely accept (it is what an upgrade would pick), and
 * under semantic versioning it keeps every API the wanted one has. Only when nothing above is cached
 * does a lower version stand in, the nearest one, which may lack something the build uses (the build
 * then fails loudly rather than silently). A different major version is never used: it is a different
 * API.
 */
public final class NearestCached {
    private NearestCached() {}

    /**
     * Returns the candidate standing in for {@code wanted}, or empty if no candidate shares its major
     * version. The wanted version itself is never chosen; invalid versions are ignored.
     */
    public static Optional<String> choose(String wanted, Collection<String> candidates) {
        String major = Semver.major(wanted);
        String above = null;
        String below = null;
        for (String v : candidates) {
            if (!Semver.isValid(v) || !Semver.major(v).equals(major)) {
                continue;
            }
            int c = Semver.compare(v, wanted);
            if (c > 0 && (above == null || Semver.compare(v, above) < 0)) {
                above = v;
            } else if (c < 0 && (below == null || Semver.compare(v, below) > 0)) {
                below = v;
            }
        }
        return Optional.ofNullable(above != null ? above : below);
    }
}
