/**
 * Version queries, retractions and deprecations: how {@code go get M@latest}, {@code go list -m
 * M@<v1.3}, {@code go list -m -versions} and {@code go get}'s step-by-step downgrades turn a word or a
 * range into one module version (spec §11; the go command's {@code modload/query.go}, {@code
 * modload/modfile.go} and {@code modload/mvs.go}).
 *
 * <p><b>Why a package of its own.</b> Choosing a version is not minimal version selection ({@code
 * mvs}, which only compares versions it is given) and not a file format ({@code modfile}): it is the
 * go command's policy for which versions exist at all. That policy has many small rules that decide
 * real outcomes, and getting any of them wrong makes Holdfast pick a different version than the go
 * command would, silently:
 *
 * <ul>
 *   <li>Only a source's listed versions are candidates, never pseudo-versions; releases beat
 *       prereleases; {@code >} and {@code >=} take the <em>lowest</em> match; {@code v1.2} does not
 *       match prereleases of {@code v1.2.0}.
 *   <li>{@code +incompatible} versions drop out once a lower compatible version has a go.mod file.
 *   <li>{@code upgrade} and {@code patch} never go below the current version, nor back in time from
 *       a pseudo-version.
 *   <li>Excluded versions (the main module's {@code exclude}) and retracted versions (the author's
 *       {@code retract} in the go.mod of the latest version) are invisible to every query that
 *       chooses, yet a query naming one exact version still finds it: {@link
 *       dev.holdfast.query.AllowedVersions} says which rule applies where, including {@code go get}'s.
 * </ul>
 *
 * <p>Everything is read through {@link dev.holdfast.repo.ModuleRepo}, so the same code answers from
 * a proxy, the module cache or an in-memory test fixture, and does no I/O of its own. Error messages
 * are the go command's, word for word, so that Holdfast's output can be compared with it.
 */
package dev.holdfast.query;
