package dev.holdfast.drift;

import java.util.Locale;
import java.util.Objects;

/**
 * One thing {@code holdfast drift} found: what kind of problem, how bad, a message a person can act
 * on, the one-line fix, and the go.mod or go.sum line it is about.
 *
 * @param kind what kind of problem it is
 * @param severity how bad it is; usually {@link Kind#severity()}
 * @param message one line saying what is wrong, naming the module and version
 * @param fix one line saying what to do about it (usually a go command to run)
 * @param location the file and line the finding points at
 */
public record Finding(Kind kind, Severity severity, String message, String fix, Location location) {

    /** Checks that nothing is null. */
    public Finding {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(fix, "fix");
        Objects.requireNonNull(location, "location");
    }

    /** Returns a finding of {@code kind} at its usual severity. */
    static Finding of(Kind kind, String message, String fix, Location location) {
        return new Finding(kind, kind.severity(), message, fix, location);
    }

    /**
     * Returns the finding as one line: {@code file:line: severity [kind]: message; fix: fix} ({@code file:}
     * alone for a finding about the file as a whole).
     */
    public String format() {
        return location.file() + (location.line() > 0 ? ":" + location.line() : "") + ": " + severity.label() + " ["
                + kind.id() + "]: " + message + "; fix: " + fix;
    }

    /**
     * A line of a file in the main module's directory.
     *
     * @param file the file name relative to the main module's directory ({@code go.mod}, {@code go.sum})
     * @param line the 1-based line number, or 0 for the file as a whole (a module go.mod has no line for)
     */
    public record Location(String file, int line) {
        /** Checks the line number. */
        public Location {
            Objects.requireNonNull(file, "file");
            if (line < 0) {
                throw new IllegalArgumentException("line " + line + " < 0");
            }
        }
    }

    /** How bad a finding is, in SARIF's words; ordered from worst to mildest. */
    public enum Severity {
        /** The build is wrong, unverifiable or insecure as it stands. */
        ERROR,
        /** The build works but drifts from what was intended, or is weaker than it should be. */
        WARNING,
        /** Worth knowing; nothing is wrong yet. */
        NOTE;

        /** Returns the SARIF level and command-line name: {@code error}, {@code warning} or {@code note}. */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** Reports whether this severity is at least as bad as {@code threshold}. */
        public boolean reaches(Severity threshold) {
            return compareTo(threshold) <= 0;
        }

        /**
         * Returns the severity named {@code label} ({@code error}, {@code warning}, {@code note}).
         *
         * @throws IllegalArgumentException for any other name
         */
        public static Severity parse(String label) {
            for (Severity s : values()) {
                if (s.label().equals(label)) {
                    return s;
                }
            }
            throw new IllegalArgumentException("unknown severity \"" + label + "\": want error, warning or note");
        }
    }

    /**
     * The kinds of finding, one per check; each has a stable id (the SARIF rule id), a usual severity,
     * a one-line description and a longer help text.
     */
    public enum Kind {
        GO_SUM_MISSING(
                "go-sum-missing",
                Severity.ERROR,
                "go.sum lacks a line the build needs",
                "go mod tidy would add this line: the build needs the hash of this go.mod or module zip, and"
                        + " with -mod=readonly (the default) the go command stops with 'missing go.sum entry'."),
        GO_SUM_EXTRA(
                "go-sum-extra",
                Severity.NOTE,
                "go.sum has a line the build does not need",
                "go mod tidy would drop this line: no module in the module graph or package in the build needs"
                        + " it. Harmless, but it hides which hashes the build really depends on."),
        GO_SUM_CACHE_MISMATCH(
                "go-sum-cache-mismatch",
                Severity.ERROR,
                "go.sum hash differs from the module cache",
                "The hash recorded in go.sum is not the hash of the go.mod or zip in the module cache. Either"
                        + " go.sum was edited or the cached content was replaced; the go command refuses to build"
                        + " with a checksum mismatch. Find out which side is wrong before changing either."),
        GO_SUM_SUMDB_MISMATCH(
                "go-sum-sumdb-mismatch",
                Severity.ERROR,
                "go.sum hash differs from the checksum database",
                "The checksum database (GOSUMDB) records a different hash for this module version, or none at"
                        + " all: the bits this project recorded are not the bits everybody else was served."),
        SUMDB_MISBEHAVIOR(
                "sumdb-misbehavior",
                Severity.ERROR,
                "the checksum database cannot prove its answer",
                "The checksum database served a tree that is inconsistent with the one verified before (a"
                        + " forked log) or an answer it cannot prove. This is a security error: stop and"
                        + " investigate before trusting any new hash."),
        SUMDB_UNREACHABLE(
                "sumdb-unreachable",
                Severity.WARNING,
                "the checksum database could not be reached",
                "The checksum database (GOSUMDB) did not answer — nobody there, timed out, or failing — so go.sum"
                        + " was checked against the module cache only, not against the hashes everybody else was"
                        + " served. The go command needs the database only for hashes go.sum lacks. Run drift"
                        + " again where it can be reached, set GONOSUMDB for private modules, or use --offline"
                        + " where it never can."),
        MODULE_CACHE_MODIFIED(
                "module-cache-modified",
                Severity.ERROR,
                "a module in the module cache was modified",
                "What go mod verify reports: a cached zip or extracted directory no longer has the hash"
                        + " recorded when it was downloaded."),
        REQUIRE_BELOW_SELECTED(
                "require-below-selected",
                Severity.ERROR,
                "go.mod requires a version below the one the build selects",
                "Minimal version selection picks a higher version than go.mod states, because another module"
                        + " requires it. go.mod no longer says what is built; go mod tidy raises the requirement."
                        + " With -mod=readonly (the default) the go command refuses to build: 'updates to go.mod"
                        + " needed'."),
        INDIRECT_WRONG(
                "indirect-wrong",
                Severity.WARNING,
                "a requirement's // indirect marking is wrong",
                "A module the main module imports directly is marked // indirect, or one it does not import"
                        + " directly is not. go mod tidy corrects the marking."),
        REQUIRE_MISSING(
                "require-missing",
                Severity.ERROR,
                "the main module imports a package no requirement provides",
                "A package the main module (or its tests) imports comes from a module go.mod does not require"
                        + " (or from none at all); with -mod=readonly the go command refuses to build."),
        REPLACE_DIRECTORY(
                "replace-directory",
                Severity.WARNING,
                "go.mod replaces a module with a local directory",
                "A replace directive points at a directory: the build depends on files outside the module"
                        + " cache and go.sum, which other machines and CI may not have or may have differently."),
        REPLACE_MODULE(
                "replace-module",
                Severity.WARNING,
                "go.mod replaces a module with another module or version",
                "A replace directive substitutes another module (a fork) or pins another version: what is"
                        + " built is not what the requirement names."),
        EXCLUDE_UNUSED(
                "exclude-unused",
                Severity.NOTE,
                "go.mod excludes a version nothing requires",
                "No module in the module graph requires the excluded version, so the exclude directive has"
                        + " no effect."),
        RETRACTED(
                "retracted",
                Severity.WARNING,
                "the build uses a retracted version",
                "The module's author retracted this version (a retract directive in the module's latest"
                        + " go.mod), usually because it is broken or unsafe."),
        DEPRECATED(
                "deprecated",
                Severity.NOTE,
                "the build uses a deprecated module",
                "The module's author deprecated the whole module (a Deprecated comment on its latest go.mod's"
                        + " module line), usually naming a successor. A note, as go list -m -u shows it: tidy"
                        + " real projects depend on deprecated modules (prometheus on six), and moving off one"
                        + " is planned work, not a broken build."),
        PATCH_AVAILABLE(
                "patch-available",
                Severity.NOTE,
                "a newer patch release is available",
                "A higher patch release of the selected minor version exists (go get M@patch would move to it)."),
        GOSUMDB_OFF(
                "gosumdb-off",
                Severity.ERROR,
                "GOSUMDB=off: downloads are not checked against the checksum database",
                "With GOSUMDB=off the go command trusts the first download of every module it has no go.sum"
                        + " line for."),
        PRIVATE_PATTERN_PUBLIC(
                "private-pattern-public",
                Severity.WARNING,
                "GONOSUMDB, GOPRIVATE or GOINSECURE matches a public module",
                "A pattern meant for private modules also matches a module the configured GOPROXY serves, so"
                        + " that module skips the checksum database (GONOSUMDB, GOPRIVATE) or may be fetched"
                        + " without TLS checks (GOINSECURE)."),
        GOFLAGS_MOD_MOD(
                "goflags-mod-mod",
                Severity.WARNING,
                "GOFLAGS has -mod=mod",
                "With -mod=mod the go command updates go.mod and go.sum as it goes instead of failing when"
                        + " they are incomplete, so a build can differ from what was committed."),
        GOPROXY_DIRECT(
                "goproxy-direct",
                Severity.WARNING,
                "GOPROXY=direct: no module proxy",
                "Every module is fetched from its version control origin: no proxy cache to survive deleted or"
                        + " rewritten tags, and no way to serve modules when an origin is down."),
        LOOKUP_FAILED(
                "lookup-failed",
                Severity.WARNING,
                "a module's versions could not be looked up",
                "Asking for a module's versions, retractions or deprecation failed (the proxy refused or could"
                        + " not be reached), so drift cannot say whether it is retracted, deprecated or behind a"
                        + " patch release; go list -m -u fails on it too."),
        GOPROXY_OFF(
                "goproxy-off",
                Severity.NOTE,
                "GOPROXY=off: no downloads",
                "Only the module cache (or vendor directory) can be used; anything missing fails the build."),
        BUILD_LIST_ADDED(
                "build-list-added",
                Severity.NOTE,
                "a module is in the build list but not in the other one",
                "The build list gained a module compared with the --against build list."),
        BUILD_LIST_REMOVED(
                "build-list-removed",
                Severity.NOTE,
                "a module of the other build list is not in this one",
                "The build list lost a module compared with the --against build list."),
        BUILD_LIST_RAISED(
                "build-list-raised",
                Severity.NOTE,
                "a module's selected version is higher than in the other build list",
                "The build selects a higher version of the module than the --against build list."),
        BUILD_LIST_LOWERED(
                "build-list-lowered",
                Severity.WARNING,
                "a module's selected version is lower than in the other build list",
                "The build selects a lower version of the module than the --against build list: a downgrade.");

        private final String id;
        private final Severity severity;
        private final String description;
        private final String help;

        Kind(String id, Severity severity, String description, String help) {
            this.id = id;
            this.severity = severity;
            this.description = description;
            this.help = help;
        }

        /** Returns the stable identifier, used as the SARIF rule id. */
        public String id() {
            return id;
        }

        /** Returns the usual severity. */
        public Severity severity() {
            return severity;
        }

        /** Returns a one-line description of the problem. */
        public String description() {
            return description;
        }

        /** Returns a few sentences on why it matters. */
        public String help() {
            return help;
        }

        /** Reports whether the kind is about the integrity of what is built (hashes, the checksum database). */
        public boolean security() {
            return switch (this) {
                case GO_SUM_CACHE_MISMATCH,
                        GO_SUM_SUMDB_MISMATCH,
                        SUMDB_MISBEHAVIOR,
                        SUMDB_UNREACHABLE,
                        MODULE_CACHE_MODIFIED,
                        GOSUMDB_OFF,
                        PRIVATE_PATTERN_PUBLIC -> true;
                default -> false;
            };
        }
    }
}
