package dev.holdfast.conformance.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.holdfast.module.ModuleVersion;
import dev.holdfast.query.AllowedVersions;
import dev.holdfast.query.QueryException;
import dev.holdfast.query.VersionQuery;
import dev.holdfast.repo.Revision;
import dev.holdfast.semver.Semver;
import dev.holdfast.testing.GoToolchain;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code go list -m} checks of one scenario: each runs the go command once with all of the
 * scenario's arguments ({@code -e -json}, so errors come back per argument) and emulates the same
 * listing with Holdfast's {@link VersionQuery}, as {@code modload.listModules} and {@code build.go}'s
 * {@code addUpdate}, {@code addVersions}, {@code addRetraction} and {@code addDeprecation} would.
 */
enum GoListChecks {
    /** {@code go list -m P@Q}: the query's version and time, or its error. */
    QUERY("go list -m M@QUERY (version or error)", false, false),
    /** {@code go list -m -retracted P@Q}: excluded and retracted versions allowed, Retracted filled in. */
    QUERY_RETRACTED("go list -m -retracted M@QUERY (version, Retracted, error)", true, false),
    /** {@code go list -m -versions P}: retracted and excluded versions hidden. */
    VERSIONS("go list -m -versions M", false, true),
    /** {@code go list -m -retracted -versions P}: excluded versions hidden. */
    VERSIONS_RETRACTED("go list -m -retracted -versions M", true, true),
    /** {@code go list -m -u -retracted P@V}: Retracted, Deprecated and Update of existing versions. */
    UPDATE("go list -m -u -retracted M@V (Retracted, Deprecated, Update)", true, false),
    /** {@code go list -m -u -retracted P} for the main module's requirements: the same for selected versions. */
    UPDATE_REQUIRED("go list -m -u -retracted M, M required (Retracted, Deprecated, Update)", true, false);

    private static final ObjectMapper JSON = new ObjectMapper();

    final String description;
    private final boolean retracted;
    private final boolean versions;

    GoListChecks(String description, boolean retracted, boolean versions) {
        this.description = description;
        this.retracted = retracted;
        this.versions = versions;
    }

    /** Returns the go command's arguments for this check of {@code s}. */
    List<String> arguments(QueryScenario s) {
        return switch (this) {
            case QUERY, QUERY_RETRACTED -> s.queries();
            case VERSIONS, VERSIONS_RETRACTED -> s.paths();
            case UPDATE -> s.exact().stream().map(ModuleVersion::toString).toList();
            case UPDATE_REQUIRED -> List.copyOf(s.requires().keySet());
        };
    }

    /** Runs the go command in {@code work} and returns its answer for each argument, in order. */
    List<Answer> go(QueryScenario s, GoToolchain.Sandbox sandbox, Path work, String proxyUrl) {
        List<String> args = new ArrayList<>(List.of("list", "-m", "-e", "-json"));
        if (retracted) {
            args.add("-retracted");
        }
        if (versions) {
            args.add("-versions");
        }
        if (this == UPDATE || this == UPDATE_REQUIRED) {
            args.add("-u");
        }
        List<String> targets = arguments(s);
        if (targets.isEmpty()) {
            return List.of();
        }
        args.addAll(targets);
        GoToolchain.Run run = sandbox.run(work, Map.of("GOPROXY", proxyUrl), args.toArray(String[]::new));
        List<Answer> answers = new ArrayList<>();
        try (var values = JSON.readerFor(JsonNode.class).<JsonNode>readValues(run.stdout())) {
            while (values.hasNext()) {
                answers.add(Answer.parse(values.next()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (answers.size() != targets.size()) {
            throw new AssertionError(s.name() + ": " + answers.size() + " answers for " + targets.size()
                    + " arguments\n" + run.describe());
        }
        return answers;
    }

    /** Returns Holdfast's answer for argument {@code arg} of this check. */
    Answer holdfast(QueryScenario s, VersionQuery vq, String arg) {
        if (versions) {
            AllowedVersions allowed = retracted
                    ? AllowedVersions.notExcluded(Set.copyOf(s.excludes()))
                    : vq.allowed(Set.copyOf(s.excludes()));
            try {
                return Answer.of("").withVersions(vq.versions(arg, allowed));
            } catch (IOException | RuntimeException e) {
                return Answer.of("").withFirstError(e.getMessage());
            }
        }
        if (this == UPDATE_REQUIRED) {
            // The selected version, completed from the source as moduleInfo does, then -u and -retracted.
            arg = arg + "@" + s.selected(arg);
        }
        int at = arg.indexOf('@');
        String path = arg.substring(0, at);
        String query = arg.substring(at + 1);
        AllowedVersions allowed = retracted || VersionQuery.isRevisionQuery(query)
                ? AllowedVersions.all()
                : vq.allowed(Set.copyOf(s.excludes()));
        Answer a;
        String version;
        try {
            Revision rev = vq.query(path, query, s.selected(path), allowed);
            if (rev.version().isEmpty()) {
                return Answer.of(""); // the main module
            }
            version = rev.version();
            a = Answer.of(version).withTime(rev.time());
        } catch (IOException | RuntimeException e) {
            // The go command still fills in the other fields, with the query standing in for the version.
            version = query;
            a = Answer.of(query).withFirstError(modinfoError(path, query, e));
        }
        ModuleVersion m = new ModuleVersion(path, version);
        if (retracted) {
            a = addRetraction(vq, a, m);
        }
        if (this == UPDATE || this == UPDATE_REQUIRED) {
            a = addUpdate(s, vq, a, m);
            a = addDeprecation(vq, a, m);
        }
        return a;
    }

    /** Returns the part of the go command's answer this check compares. */
    Answer compared(Answer go) {
        // -versions of a required module also shows its selected version, which is not a query result.
        return versions ? Answer.of("").withVersions(go.versions()).withFirstError(go.error()) : go;
    }

    /** The go command's {@code modinfoError}: the message with the path (and query) it lacks. */
    private static String modinfoError(String path, String query, Exception e) {
        if (e instanceof QueryException.NoMatchingVersion) {
            return "module " + path + ": " + e.getMessage();
        }
        if (e instanceof IOException) {
            return e.getMessage(); // Disallowed and the source's failures name the module already
        }
        return path + "@" + query + ": " + e.getMessage();
    }

    private static Answer addRetraction(VersionQuery vq, Answer a, ModuleVersion m) {
        try {
            return a.withRetracted(vq.notices().retracted(m));
        } catch (IOException e) {
            return ignorable(e) ? a : a.withFirstError(e.getMessage());
        }
    }

    private static Answer addUpdate(QueryScenario s, VersionQuery vq, Answer a, ModuleVersion m) {
        if (m.version().isEmpty()) {
            return a;
        }
        try {
            Revision up = vq.query(m.path(), "upgrade", m.version(), vq.allowed(Set.copyOf(s.excludes())));
            return Semver.compare(up.version(), m.version()) > 0 ? a.withUpdate(up.version()) : a;
        } catch (QueryException e) {
            return a;
        } catch (IOException | RuntimeException e) {
            return QueryException.isNotExist(e) ? a : a.withFirstError(e.getMessage());
        }
    }

    private static Answer addDeprecation(VersionQuery vq, Answer a, ModuleVersion m) {
        try {
            return a.withDeprecated(vq.notices().deprecation(m));
        } catch (IOException e) {
            return ignorable(e) ? a : a.withFirstError(e.getMessage());
        }
    }

    /** Reports whether the go command drops this failure: no matching version, or not found. */
    private static boolean ignorable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof QueryException.NoMatchingVersion) {
                return true;
            }
        }
        return QueryException.isNotExist(e);
    }
}
