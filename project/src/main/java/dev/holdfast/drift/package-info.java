/**
 * {@code holdfast drift}: finds where a Go project has drifted — between go.mod, go.sum and what {@code
 * go mod tidy} would make of them; between go.sum, the module cache and the checksum database; between
 * the build and what module authors say about it (retractions, deprecations, newer patches); in the go
 * environment's security settings; and between two environments' build lists — and says, for each
 * finding, how bad it is, where it is (a go.mod or go.sum line) and what to do ({@link
 * dev.holdfast.drift.Finding}); {@link dev.holdfast.drift.SarifLog} writes findings for code scanning.
 *
 * <p>Why it exists, and why here: a build that passes today can rest on go.sum lines nobody checked, a
 * requirement silently raised by a dependency, a {@code replace} to someone's laptop directory or a
 * {@code GONOSUMDB} pattern wider than meant; CI should fail on those with findings a person can act on.
 * The checks need the module graph and version queries (core) and also module content from the module
 * cache, the GOPROXY stack and the checksum database client, which live in fetch; so the package is in
 * fetch, and the command line only wires it and prints.
 */
package dev.holdfast.drift;
