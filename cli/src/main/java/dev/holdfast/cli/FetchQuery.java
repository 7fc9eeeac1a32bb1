package dev.holdfast.cli;

import dev.holdfast.fetch.ModuleSource;
import dev.holdfast.fetch.RevInfo;
import dev.holdfast.fetch.SourceRepo;
import dev.holdfast.module.ModuleVersion;
import dev.holdfast.query.AllowedVersions;
import dev.holdfast.query.VersionQuery;
import dev.holdfast.repo.Revision;
import java.io.IOException;
import java.util.Set;

/**
 * Resolves the version part of {@code holdfast fetch MODULE@VERSION} as {@code go mod download M@Q}
 * does (modload's {@code listModules}): any query of {@link VersionQuery} — a version, {@code latest},
 * a prefix ({@code v1.2}), a comparison ({@code <v1.3.0}), a branch or a revision — chosen among the
 * versions the main module's excludes and the authors' retractions allow, except for a query that names
 * one revision, which may name any. {@code upgrade} and {@code patch} start from the version the
 * project selects, so they need a project: outside one they fail in the go command's words.
 */
final class FetchQuery {
    /** What the project around the command selects, read only for {@code upgrade} and {@code patch}. */
    interface Selection {
        /**
         * Returns the version the project selects for {@code path}, {@code "none"} if it does not need
         * the module.
         *
         * @throws IllegalArgumentException outside a project, naming the target as the go command does
         */
        String selected(String target, String path) throws IOException;
    }

    private final ModuleSource source;
    private final VersionQuery queries;
    private final AllowedVersions allowed;
    private final Selection selection;

    FetchQuery(ModuleSource source, Set<ModuleVersion> excludes, Selection selection) {
        this.source = source;
        this.queries = VersionQuery.of(SourceRepo.of(source));
        this.allowed = queries.allowed(excludes);
        this.selection = selection;
    }

    /** Returns the version information {@code query} resolves to for module {@code path}. */
    RevInfo resolve(String path, String query) throws IOException {
        String current = query.equals("upgrade") || query.equals("patch")
                ? selection.selected(path + "@" + query, path)
                : "none";
        AllowedVersions rule = VersionQuery.isRevisionQuery(query) ? AllowedVersions.all() : allowed;
        Revision found = queries.query(path, query, current, rule);
        // Stored as the go command stores it: the .info of the version found, whatever the query.
        return source.info(new ModuleVersion(path, found.version()));
    }
}
