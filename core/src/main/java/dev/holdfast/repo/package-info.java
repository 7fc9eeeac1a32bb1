/**
 * What the dependency algorithms may learn about modules out in the world, and nothing more: the
 * versions a module lists, the version it calls latest, a revision's canonical version, and a
 * version's go.mod file.
 *
 * <p><b>Why a seam of its own.</b> Module loading ({@code modload}) and version queries ({@code query})
 * run in {@code core}, which does no I/O, yet they must read go.mod files and version lists from a
 * proxy, the module cache or a test fixture. {@link ModuleRepo} is the one door: {@code fetch} adapts
 * its {@code ModuleSource} stack to it, tests use an in-memory map. It mirrors the part of the go
 * command's {@code modfetch.Repo} that the loader uses, and keeps zips out: no graph decision ever
 * needs one.
 */
package dev.holdfast.repo;
