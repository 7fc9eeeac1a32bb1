/**
 * Module loading: from the main module's go.mod to the module graph the go command builds with — the
 * roots, the go.mod files of dependencies read with replacements and exclusions applied, graph pruning,
 * and the build list that minimal version selection picks from it (the go command's {@code
 * cmd/go/internal/modload}, spec §10.7–10.9).
 *
 * <p><b>Why a package of its own.</b> {@code mvs} is pure algorithm over opaque versions and an injected
 * requirement function; it knows nothing of go.mod files. What the go command actually prints for {@code
 * go list -m all} and {@code go mod graph} depends on much more: that only the main module's {@code
 * replace} and {@code exclude} directives count, that a go ≥ 1.17 dependency's own requirements are
 * pruned out of the graph unless it is a root, that go ≥ 1.21 files add an implicit {@code go@V}
 * requirement ordered by Go release order rather than semver, and that roots which are not their path's
 * selected version are rewritten before the graph is reported. This package holds those rules, reading
 * the world only through {@link dev.holdfast.repo.ModuleRepo} (and a replacement directory's go.mod from
 * disk), so that {@code list}, {@code graph}, {@code why} and later {@code down} share one loader.
 *
 * <p><b>Shape.</b> {@link MainModule} parses the main go.mod, and a {@link Workspace} is a go.work with
 * the modules it uses; both are {@link MainModules}, the rules loading asks about (what is a main module,
 * what replaces a module, what is excluded); {@link ModuleLoader} reads dependencies'
 * go.mod files once each, in parallel, as {@link GoModSummary} values; {@link Requirements} are the
 * roots; {@link ModuleGraph} is the loaded graph with its selected versions, forward and reverse edges
 * and per-module failures; {@link ModuleListing} prints it as the go command does. Cycles are ordinary:
 * every module version is read at most once per pruning context.
 */
package dev.holdfast.modload;
