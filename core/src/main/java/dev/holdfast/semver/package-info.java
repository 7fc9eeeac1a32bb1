/**
 * Semantic versions as the go command reads them, ported from {@code golang.org/x/mod/semver}.
 *
 * <p>Go modules name every release with a semantic version, and everything that picks, orders or
 * prints versions (minimal version selection, {@code @v/list}, {@code go.sum}, queries such as
 * {@code latest}) must agree with the go command on two questions: which strings are versions, and
 * which of two versions is newer. This package answers both exactly as x/mod does, including its two
 * departures from Semantic Versioning 2.0.0: the leading {@code v} is required, and the shorthands
 * {@code vMAJOR} and {@code vMAJOR.MINOR} stand for {@code vMAJOR.0.0} and {@code vMAJOR.MINOR.0}.
 *
 * <p>The package deliberately knows nothing about module paths, pseudo-versions or
 * {@code +incompatible}; those rules live in {@code dev.holdfast.module}, which builds on this one
 * (as Go's {@code module} package builds on {@code semver}, never the other way round).
 */
package dev.holdfast.semver;
