package dev.holdfast.fetch;

import dev.holdfast.module.ModuleVersion;
import java.io.IOException;
import java.util.List;

/**
 * A place module versions can be had from, speaking the five requests of the GOPROXY protocol.
 * Every way of getting a module implements it (an HTTP or {@code file://} proxy, the local module
 * cache, ...), and the decorators ({@link FallbackSource}-style chains, retries, caching) wrap it,
 * the way the go command wraps its {@code Repo}.
 *
 * <p>Implementations are thread-safe. Failures are {@link IOException}s: {@link
 * ModuleNotFoundException} when the source says the module or version does not exist, {@link
 * ChecksumMismatchException} when content fails verification (a security failure), {@link
 * UpstreamException} for other answers, and plain I/O errors for the network.
 */
public interface ModuleSource {
    /**
     * Returns the versions the source lists for {@code path}, as the {@code @v/list} endpoint gives
     * them: one entry per line's first field that is a valid semantic version, in the source's order,
     * otherwise unfiltered (pseudo-versions and versions of another major included). Never null.
     */
    List<String> list(String path) throws IOException;

    /** Returns the version the source considers latest for {@code path} ({@code @latest}). */
    RevInfo latest(String path) throws IOException;

    /**
     * Returns the version information for {@code mv}; its version may be a query the source
     * resolves (a canonical version, a non-canonical semver, a branch or a revision).
     */
    RevInfo info(ModuleVersion mv) throws IOException;

    /** Returns the go.mod file of {@code mv}, whose version is canonical. */
    byte[] mod(ModuleVersion mv) throws IOException;

    /**
     * Downloads the module zip of {@code mv} (canonical version) into {@code target}. When {@code
     * target} already holds the start of the same zip from an earlier, interrupted attempt, a
     * source that can resume appends the rest; any other source starts over. The caller verifies
     * the result.
     */
    void zip(ModuleVersion mv, ZipTarget target) throws IOException;

    /** Returns a short description for messages and logs, for example the proxy URL. */
    String describe();
}
