package dev.holdfast.query;

import dev.holdfast.modfile.GoModFile;
import dev.holdfast.modfile.GoModSyntaxException;
import dev.holdfast.module.GoStrings;
import dev.holdfast.module.ModuleVersion;
import dev.holdfast.semver.Semver;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What module authors say about their versions in the go.mod of their latest version: which versions
 * are retracted, why, and whether the whole module is deprecated (spec §11.2; modload's {@code
 * CheckRetractions}, {@code CheckDeprecation} and {@code ShortMessage}).
 *
 * <p>The "latest" version is chosen ignoring retractions and excludes (highest release, else highest
 * prerelease, else the source's latest revision) and replaced if the main module replaces it; its
 * go.mod is parsed laxly. When the main module replaces all versions of a module, nothing of it is
 * retracted or deprecated. Results, failures included, are cached per module for the lifetime of the
 * owning {@link VersionQuery}. Thread-safe.
 */
public final class AuthorNotices {
    /** Longer rationales and deprecation messages are not printed (ShortMessage's maxLen). */
    static final int MAX_MESSAGE_BYTES = 500;

    private final VersionQuery query;
    private final QueryRepo repo;
    private final ConcurrentHashMap<String, CompletableFuture<ModuleVersion>> latest = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<ModuleVersion, CompletableFuture<Summary>> summaries = new ConcurrentHashMap<>();

    /** The parts of a latest go.mod that matter here. */
    private record Summary(List<GoModFile.Retract> retracts, String deprecated) {}

    AuthorNotices(VersionQuery query, QueryRepo repo) {
        this.query = query;
        this.repo = repo;
    }

    /**
     * Returns the version whose go.mod holds {@code path}'s retractions and deprecation, after
     * replacement (Go's {@code queryLatestVersionIgnoringRetractions}): the replacement of all versions
     * if there is one, else the latest version ignoring retractions and excludes, replaced if replaced.
     *
     * @throws IOException the query's failure, for example {@link QueryException.NoMatchingVersion}
     */
    public ModuleVersion latestIgnoringRetractions(String path) throws IOException {
        return cached(latest, path, () -> {
            Optional<ModuleVersion> all = repo.replacement(new ModuleVersion(path, ""));
            if (all.isPresent()) {
                return all.get();
            }
            String v = query.query(path, "latest", "", AllowedVersions.all()).version();
            ModuleVersion found = new ModuleVersion(path, v);
            return repo.replacement(found).orElse(found);
        });
    }

    /**
     * Returns normally unless the author retracted {@code m} (Go's {@code CheckRetractions}).
     *
     * @throws QueryException.Disallowed {@code P@V: retracted by module author[: rationale]}
     * @throws IOException {@code loading module retractions for P@V: ...} when the latest go.mod cannot
     *     be found, read or parsed; its cause is the original failure
     */
    public void checkRetractions(ModuleVersion m) throws IOException {
        List<String> rationale = retraction(m);
        if (rationale != null) {
            throw QueryException.Disallowed.retracted(m, rationale);
        }
    }

    /** Reports whether the author retracted {@code m}; failures as for {@link #checkRetractions}. */
    public boolean isRetracted(ModuleVersion m) throws IOException {
        return retraction(m) != null;
    }

    /**
     * Returns what {@code go list -m -retracted} shows as {@code Retracted} for {@code m}: the rationale
     * of every retraction covering it (unshortened, empty ones left out), or {@code ["retracted by
     * module author"]} when none gave a reason; empty when {@code m} is not retracted.
     */
    public List<String> retracted(ModuleVersion m) throws IOException {
        List<String> rationale = retraction(m);
        if (rationale == null) {
            return List.of();
        }
        return rationale.isEmpty() ? List.of("retracted by module author") : rationale;
    }

    /** Returns the non-empty rationales if m is retracted, else null. */
    private List<String> retraction(ModuleVersion m) throws IOException {
        if (m.version().isEmpty()
                || repo.replacement(new ModuleVersion(m.path(), "")).isPresent()) {
            return null; // the main module, a directory, or replaced entirely: nothing to retract
        }
        Summary summary;
        try {
            summary = summary(latestIgnoringRetractions(m.path()));
        } catch (IOException | RuntimeException e) {
            throw new IOException("loading module retractions for " + m + ": " + unwrap(e), e);
        }
        List<String> rationale = new ArrayList<>();
        boolean retracted = false;
        for (GoModFile.Retract r : summary.retracts()) {
            if (Semver.compare(r.low(), m.version()) <= 0 && Semver.compare(m.version(), r.high()) <= 0) {
                retracted = true;
                if (!r.rationale().isEmpty()) {
                    rationale.add(r.rationale());
                }
            }
        }
        return retracted ? rationale : null;
    }

    /**
     * Returns the deprecation message of {@code m}'s module, unshortened, or {@code ""} when it is not
     * deprecated, is a main module or directory ({@code m}'s version is {@code ""}), or is replaced
     * entirely (Go's {@code CheckDeprecation}).
     *
     * @throws IOException {@code loading deprecation for P: ...}; its cause is the original failure
     */
    public String deprecation(ModuleVersion m) throws IOException {
        if (m.version().isEmpty()
                || repo.replacement(new ModuleVersion(m.path(), "")).isPresent()) {
            return "";
        }
        try {
            return summary(latestIgnoringRetractions(m.path())).deprecated();
        } catch (IOException | RuntimeException e) {
            throw new IOException("loading deprecation for " + m.path() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Returns {@code message} made safe to print on one terminal line (Go's {@code ShortMessage}): its
     * first line, trimmed; {@code emptyDefault} if that is empty; a fixed note instead if it is longer
     * than 500 bytes or holds a character that is neither graphic nor space.
     */
    public static String shortMessage(String message, String emptyDefault) {
        int nl = message.indexOf('\n');
        if (nl >= 0) {
            message = message.substring(0, nl);
        }
        message = GoStrings.trimSpace(message);
        if (message.isEmpty()) {
            return emptyDefault;
        }
        if (message.getBytes(StandardCharsets.UTF_8).length > MAX_MESSAGE_BYTES) {
            return "(message omitted: too long)";
        }
        for (int i = 0; i < message.length(); ) {
            int cp = message.codePointAt(i);
            if (!GoStrings.isGraphic(cp) && !GoStrings.isSpace(cp)) {
                return "(message omitted: contains non-printable characters)";
            }
            i += Character.charCount(cp);
        }
        return message;
    }

    private Summary summary(ModuleVersion rm) throws IOException {
        return cached(summaries, rm, () -> {
            byte[] data = repo.repo().goMod(rm);
            try {
                GoModFile f = GoModFile.parseLax("go.mod", data, null);
                String deprecated = f.module().map(GoModFile.Module::deprecated).orElse("");
                return new Summary(f.retracts(), deprecated);
            } catch (GoModSyntaxException e) {
                throw new IOException(rm + ": parsing go.mod: " + e.getMessage(), e);
            }
        });
    }

    /**
     * Returns the message of {@code e} without the {@code P@V: } or {@code module P: } prefix the go
     * command's {@code ModuleError} adds, as CheckRetractions attributes the error to the version being
     * checked instead.
     */
    static String unwrap(Throwable e) {
        String msg = String.valueOf(e.getMessage());
        if (e instanceof QueryException) {
            return msg;
        }
        int colon = msg.indexOf(": ");
        if (colon < 0) {
            return msg;
        }
        String head = msg.substring(0, colon);
        if (head.startsWith("module ") && head.indexOf(' ', "module ".length()) < 0) {
            return msg.substring(colon + 2);
        }
        int at = head.indexOf('@');
        if (at > 0 && head.indexOf(' ') < 0) {
            String rest = msg.substring(colon + 2);
            String version = head.substring(at + 1);
            for (String noun : new String[] {"version", "pseudo-version"}) {
                if (rest.startsWith("invalid " + noun + ": ")) {
                    // A ModuleError around an InvalidVersionError: Go unwraps to the latter's own text.
                    return noun + " " + GoStrings.quote(version) + " invalid: "
                            + rest.substring(("invalid " + noun + ": ").length());
                }
            }
            return rest;
        }
        return msg;
    }

    @FunctionalInterface
    private interface Loader<V> {
        V load() throws IOException;
    }

    /** Returns the cached value for key, loading it once; failures are cached and rethrown too. */
    private static <K, V> V cached(ConcurrentHashMap<K, CompletableFuture<V>> cache, K key, Loader<V> loader)
            throws IOException {
        CompletableFuture<V> mine = new CompletableFuture<>();
        CompletableFuture<V> theirs = cache.putIfAbsent(key, mine);
        if (theirs == null) {
            try {
                mine.complete(loader.load());
            } catch (Throwable t) {
                mine.completeExceptionally(t); // even an Error must not leave other callers waiting
            }
            theirs = mine;
        }
        try {
            return theirs.join();
        } catch (CompletionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof UncheckedIOException u) {
                throw u.getCause();
            }
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw e;
        }
    }
}
