package dev.holdfast.cli;

import dev.holdfast.fetch.ModuleSource;
import dev.holdfast.fetch.ProxySource;
import dev.holdfast.fetch.RevInfo;
import dev.holdfast.module.ModuleVersion;
import dev.holdfast.semver.Semver;
import java.io.IOException;
import java.util.List;

/**
 * Resolves the version part of {@code holdfast fetch MODULE@VERSION}, as {@code go mod download} does
 * against a proxy: a canonical version is asked for directly; {@code latest} is the highest listed
 * release, else the highest pre-release, else the proxy's {@code @latest}; anything else (a semver
 * prefix, a branch, a revision) is left to the proxy's {@code .info}. Unlike the go command, {@code
 * latest} does not skip retracted versions here (that needs every candidate's go.mod); the query
 * engine of module mode, with retractions, is {@link dev.holdfast.query.VersionQuery}.
 */
final class DownloadQuery {
    private DownloadQuery() {}

    /** Returns the version information {@code query} resolves to for module {@code path}. */
    static RevInfo resolve(ModuleSource source, String path, String query) throws IOException {
        if (query.equals("upgrade") || query.equals("patch")) {
            throw new IllegalArgumentException(
                    "can't query version \"" + query + "\" of module " + path + ": no existing version is required");
        }
        if (!query.equals("latest")) {
            // Like the go command in proxy mode, a version is not checked against the path's major
            // version here: the proxy answers for it (codeRepo checks only in direct mode).
            return source.info(new ModuleVersion(path, query));
        }
        List<String> versions = ProxySource.filterList(source.list(path), "");
        String release = versions.stream()
                .filter(v -> Semver.prerelease(v).isEmpty())
                .reduce((a, b) -> b)
                .orElse("");
        String chosen = !release.isEmpty() ? release : versions.isEmpty() ? "" : versions.getLast();
        if (chosen.isEmpty()) {
            return source.latest(path);
        }
        return source.info(new ModuleVersion(path, chosen));
    }
}
