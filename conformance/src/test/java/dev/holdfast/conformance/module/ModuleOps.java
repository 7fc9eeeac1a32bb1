package dev.holdfast.conformance.module;

import static java.util.Map.entry;

import dev.holdfast.conformance.module.OracleDiff.Fn;
import dev.holdfast.module.GoPath;
import dev.holdfast.module.GoStrings;
import dev.holdfast.module.ModulePath;
import dev.holdfast.module.ModuleVersion;
import dev.holdfast.module.PrefixPatterns;
import dev.holdfast.module.PseudoVersion;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The Holdfast side of each oracle op in {@code oracle/module.go}, with the same string arguments and
 * result encoding.
 */
final class ModuleOps {

    private ModuleOps() {}

    static final Map<String, Fn> OPS = Map.ofEntries(
            entry("module.checkPath", a -> {
                ModulePath.check(a.get(0));
                return "";
            }),
            entry("module.checkImportPath", a -> {
                ModulePath.checkImportPath(a.get(0));
                return "";
            }),
            entry("module.checkFilePath", a -> {
                ModulePath.checkFilePath(a.get(0));
                return "";
            }),
            entry("module.check", a -> {
                ModuleVersion.check(a.get(0), a.get(1));
                return "";
            }),
            entry("module.escapePath", a -> ModulePath.escape(a.get(0))),
            entry("module.unescapePath", a -> ModulePath.unescape(a.get(0))),
            entry("module.escapeVersion", a -> ModulePath.escapeVersion(a.get(0))),
            entry("module.unescapeVersion", a -> ModulePath.unescapeVersion(a.get(0))),
            entry("module.splitPathVersion", a -> ModulePath.splitPathVersion(a.get(0))
                    .map(p -> p.prefix() + "|" + p.pathMajor())
                    .orElse("")),
            entry("module.checkPathMajor", a -> {
                ModulePath.checkPathMajor(a.get(0), a.get(1));
                return "";
            }),
            entry("module.matchPathMajor", a -> String.valueOf(ModulePath.matchPathMajor(a.get(0), a.get(1)))),
            entry("module.pathMajorPrefix", a -> {
                try {
                    return ModulePath.pathMajorPrefix(a.get(0));
                } catch (IllegalArgumentException e) {
                    // Go panics here; the oracle reports a panic as "panic: " and its value.
                    throw new IllegalArgumentException("panic: " + e.getMessage(), e);
                }
            }),
            entry("module.canonicalVersion", a -> ModulePath.canonicalVersion(a.get(0))),
            entry("module.versionString", a -> new ModuleVersion(a.get(0), a.get(1)).toString()),
            entry(
                    "module.sortOrder",
                    a -> String.valueOf(ModuleVersion.ORDER.compare(
                            new ModuleVersion(a.get(0), a.get(1)), new ModuleVersion(a.get(2), a.get(3))))),
            entry("module.matchPrefixPatterns", a -> String.valueOf(PrefixPatterns.match(a.get(0), a.get(1)))),
            entry("path.matchBool", a -> String.valueOf(PrefixPatterns.pathMatch(a.get(0), a.get(1)))),
            entry("path.clean", a -> GoPath.clean(a.get(0))),
            entry("path.dir", a -> GoPath.dir(a.get(0))),
            entry("path.join", a -> GoPath.join(a.get(0), a.get(1))),
            entry("module.isPseudoVersion", a -> String.valueOf(PseudoVersion.isPseudoVersion(a.get(0)))),
            entry("module.isZeroPseudoVersion", a -> String.valueOf(PseudoVersion.isZeroPseudoVersion(a.get(0)))),
            entry(
                    "module.pseudoVersion",
                    a -> PseudoVersion.pseudoVersion(
                            a.get(0), a.get(1), Instant.ofEpochSecond(Long.parseLong(a.get(2))), a.get(3))),
            entry("module.zeroPseudoVersion", a -> PseudoVersion.zeroPseudoVersion(a.get(0))),
            entry(
                    "module.pseudoVersionTime",
                    a -> String.valueOf(PseudoVersion.time(a.get(0)).getEpochSecond())),
            entry("module.pseudoVersionRev", a -> PseudoVersion.rev(a.get(0))),
            entry("module.pseudoVersionBase", a -> PseudoVersion.base(a.get(0))),
            entry("strconv.quote", a -> GoStrings.quote(a.get(0))),
            entry("strconv.quoteRune", a -> GoStrings.quoteRune(Integer.parseInt(a.get(0)))));

    /** Ops that take one string: a path, a version or any text. */
    static final List<String> ON_PATHS = List.of(
            "module.checkPath",
            "module.checkImportPath",
            "module.checkFilePath",
            "module.escapePath",
            "module.unescapePath",
            "module.splitPathVersion",
            "module.pathMajorPrefix",
            "path.clean",
            "path.dir",
            "strconv.quote");

    /** Ops that take one version string. */
    static final List<String> ON_VERSIONS = List.of(
            "module.escapeVersion",
            "module.unescapeVersion",
            "module.canonicalVersion",
            "module.isPseudoVersion",
            "module.isZeroPseudoVersion",
            "module.zeroPseudoVersion",
            "module.pseudoVersionTime",
            "module.pseudoVersionRev",
            "module.pseudoVersionBase",
            "module.checkFilePath",
            "strconv.quote");

    /** Ops that take a (path, version) pair. */
    static final List<String> ON_PATH_VERSION_PAIRS = List.of("module.check", "module.versionString");

    /** Ops that take a (version, pathMajor) pair. */
    static final List<String> ON_VERSION_PATH_MAJOR_PAIRS = List.of("module.checkPathMajor", "module.matchPathMajor");

    /** Ops that take a pair of strings: a (pattern, name) pair, or two path elements for path.Join. */
    static final List<String> ON_PATTERN_PAIRS = List.of("module.matchPrefixPatterns", "path.matchBool", "path.join");
}
