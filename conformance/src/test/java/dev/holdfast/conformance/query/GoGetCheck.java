package dev.holdfast.conformance.query;

import dev.holdfast.modfile.GoModFile;
import dev.holdfast.module.InvalidPathException;
import dev.holdfast.module.ModulePath;
import dev.holdfast.module.ModuleVersion;
import dev.holdfast.query.AllowedVersions;
import dev.holdfast.query.AuthorNotices;
import dev.holdfast.query.QueryException;
import dev.holdfast.query.VersionQuery;
import dev.holdfast.testing.GoToolchain;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * {@code go get M@QUERY} in a copy of a scenario's main module, against Holdfast's prediction with go
 * get's allow rule ({@link AllowedVersions#forGet}): the version the requirement ends at and the
 * deprecation and retraction warnings printed, or that both fail. The modules have no requirements of
 * their own, so the query's answer is the whole outcome.
 */
final class GoGetCheck {
    private GoGetCheck() {}

    /** Runs {@code go get arg} in a fresh copy of the main module and describes the outcome. */
    static String go(QueryScenario s, GoToolchain.Sandbox sandbox, Path dir, String proxyUrl, String arg)
            throws IOException {
        Path work = Files.createDirectories(dir);
        Files.writeString(work.resolve("go.mod"), s.goMod());
        GoToolchain.Run run = sandbox.run(work, Map.of("GOPROXY", proxyUrl), "get", arg);
        if (run.exitCode() != 0) {
            StringBuilder errors = new StringBuilder();
            for (String line : run.stderr().strip().split("\n", -1)) {
                if (!line.startsWith("go: downloading ")) {
                    errors.append(line);
                }
            }
            return "failed: " + errors;
        }
        String path = arg.substring(0, arg.indexOf('@'));
        GoModFile f = GoModFile.parse("go.mod", Files.readAllBytes(work.resolve("go.mod")), null);
        String version = f.requires().stream()
                .filter(r -> r.path().equals(path))
                .map(GoModFile.Require::version)
                .findFirst()
                .orElse("none");
        List<String> warnings = new ArrayList<>();
        for (String line : run.stderr().split("\n", -1)) {
            if (line.startsWith("go: warning: ")
                    || (line.startsWith("go: module ") && line.contains(" is deprecated: "))) {
                warnings.add(line);
            }
        }
        return version + " " + warnings;
    }

    /**
     * Returns the line modget's {@code reportError} prints for a failed query: the error alone when it
     * already names the pattern and the version, else prefixed with {@code path@query}.
     */
    static String reportError(String path, String query, String error) {
        Pattern pattern = Pattern.compile("(?m)(?:[ \t(\"`]|^)" + Pattern.quote(path) + "(?:[ @:;)\"`]|$)");
        Pattern version = Pattern.compile("(?m)(?:[ @(\"`]|^)" + Pattern.quote(query) + "(?:[ :;)\"`]|$)");
        if (pattern.matcher(error).find() && version.matcher(error).find()) {
            return "go: " + error;
        }
        return "go: " + path + "@" + query + ": " + error;
    }

    /**
     * Returns the error go get reports when module {@code path} fails {@code query} with {@code first}:
     * go get also queries every path prefix as a module that might hold package {@code path}, and
     * modload's {@code queryPrefixModules} reports the most useful class of error among them (an
     * unclassified error first, then no matching version, no patch base, invalid path, invalid
     * version, not found).
     */
    private static String prefixError(QueryScenario s, VersionQuery vq, String path, String query, Exception first) {
        Exception[] best = new Exception[6]; // by class, most useful first
        for (String p = path; ; p = p.substring(0, p.lastIndexOf('/'))) {
            Exception e = p.equals(path) ? first : null;
            if (e == null) {
                AllowedVersions allowed =
                        AllowedVersions.forGet(query, s::selected, Set.copyOf(s.excludes()), vq.notices());
                try {
                    vq.query(p, query, s.selected(p), allowed);
                } catch (IOException | RuntimeException failure) {
                    e = failure;
                }
            }
            if (e != null) {
                int rank = errorClass(e);
                if (best[rank] == null) {
                    best[rank] = e;
                }
            }
            if (p.indexOf('/') < 0) {
                break;
            }
        }
        for (Exception e : best) {
            if (e != null) {
                return e.getMessage();
            }
        }
        throw new AssertionError("a prefix module was found for " + path + "@" + query);
    }

    private static int errorClass(Exception e) {
        if (e instanceof QueryException.NoMatchingVersion) {
            return 1;
        }
        if (e instanceof IllegalArgumentException && e.getMessage().startsWith("can't query version \"patch\"")) {
            return 2;
        }
        if (e instanceof InvalidPathException) {
            return 3;
        }
        if (QueryException.isNotExist(e)) {
            return 5;
        }
        if (e.getMessage().contains(": invalid version: ") || e.getMessage().contains(": invalid pseudo-version: ")) {
            return 4;
        }
        return 0;
    }

    /** Returns Holdfast's prediction of {@link #go} for {@code arg}. */
    static String holdfast(QueryScenario s, VersionQuery vq, String proxyUrl, String arg) {
        int at = arg.indexOf('@');
        String path = arg.substring(0, at);
        String query = arg.substring(at + 1);
        AllowedVersions allowed = AllowedVersions.forGet(query, s::selected, Set.copyOf(s.excludes()), vq.notices());
        String version;
        try {
            version = vq.query(path, query, s.selected(path), allowed).version();
        } catch (IOException | RuntimeException e) {
            return "failed: " + reportError(path, query, prefixError(s, vq, path, query, e));
        }
        ModuleVersion m = new ModuleVersion(path, version);
        if (s.goModMissing(m)) {
            // Not a query matter: go get goes on to load the chosen version's go.mod.
            return "failed: go: " + arg + " (" + version + ") requires " + m + ": reading " + proxyUrl
                    + ModulePath.escape(path) + "/@v/" + ModulePath.escapeVersion(version) + ".mod"
                    + ": no such file or directory";
        }
        List<String> warnings = new ArrayList<>();
        try {
            String deprecation = AuthorNotices.shortMessage(vq.notices().deprecation(m), "");
            if (!deprecation.isEmpty()) {
                warnings.add("go: module " + path + " is deprecated: " + deprecation);
            }
        } catch (IOException e) {
            // go get ignores deprecations it cannot load
        }
        try {
            vq.notices().checkRetractions(m);
        } catch (QueryException.Disallowed e) {
            warnings.add("go: warning: " + e.getMessage());
        } catch (IOException e) {
            // and retractions it cannot load
        }
        return version + " " + warnings;
    }
}
