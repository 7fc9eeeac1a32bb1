/**
 * Minimal version selection (MVS): which version of every module a build uses, and how that answer
 * changes when one module is upgraded or downgraded; a port of the go command's {@code
 * cmd/go/internal/mvs} (spec §10).
 *
 * <p><b>MVS in brief.</b> Every module version lists the minimum versions it needs of other modules.
 * Starting from the main module, MVS follows these requirements through the whole graph and selects,
 * for each module path, the <em>highest</em> version that anything reachable requires. Nothing newer
 * than some requirement is ever chosen, so a build never changes because a new release appeared
 * upstream: the build list is a pure function of the go.mod files in the graph. {@link Mvs#req} goes
 * the other way and finds the fewest requirements that reproduce a build list (what go.mod records);
 * {@link Mvs#upgrade} and {@link Mvs#downgrade} move chosen modules while keeping everything else as
 * stable as the graph allows. {@link Graph} is the same selection done incrementally, with the caller
 * pushing requirements in (the go command uses it for pruned module graphs).
 *
 * <p><b>Why comparison is injected.</b> The algorithms treat versions as opaque strings: they only
 * ever need to know which of two versions is higher, and that question is answered by {@link
 * Reqs#max}. The go command orders most versions as semantic versions but {@code go} and {@code
 * toolchain} by Go release order, and puts the main module (version {@code ""}) above everything; its
 * tests use plain string order. Keeping the order outside lets one implementation serve all of them,
 * and is why this package depends on {@code dev.holdfast.module} only, never on {@code semver}.
 *
 * <p><b>Special versions.</b> {@code "none"} means "no version": it is never asked for its
 * requirements during a build list and never appears in one. {@code ""} is the version of the main
 * module; it is dropped from the front of error chains, as the go command does.
 *
 * <p><b>Parallel traversal.</b> The build list walks the graph with up to ten requirement reads in
 * flight at once (virtual threads that end before the call returns), because a {@link Reqs} backed by
 * a module proxy spends its time waiting on the network. The result does not depend on the order in
 * which requirements arrive: selection is a maximum, and errors are reported along the shortest
 * requirement path found by a breadth-first search once the walk is over.
 */
package dev.holdfast.mvs;
