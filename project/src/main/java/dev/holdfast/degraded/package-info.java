/**
 * Degraded mode: keeping a build going through an outage with what the local module cache already
 * holds, every compromise written down, and going back to the exact versions once the network
 * returns (MISSION C2–C4).
 *
 * <p><b>Why a package of its own.</b> Fetching ({@code dev.holdfast.fetch}) knows one module version
 * at a time and must never hand out anything but what was asked for; module loading ({@code
 * dev.holdfast.modload}) knows the graph but not where files come from. Substituting a cached version
 * for one that cannot be had touches both and adds rules of its own: which cached version stands in
 * ({@link dev.holdfast.degraded.NearestCached}), how the graph is re-read so that the substitute's own
 * requirements count ({@link dev.holdfast.degraded.SubstitutingResolver}), and where the compromise is
 * written so that the project's go.mod and go.sum are never touched ({@link
 * dev.holdfast.degraded.Overlay}: an overlay go.mod and go.sum for {@code go build -modfile}, and a
 * record of every substitution next to them).
 *
 * <p>Substitutes are expressed the go command's own way, as {@code replace} directives in the overlay
 * go.mod ({@code replace example.com/a v1.2.0 => example.com/a v1.3.0}), so the unmodified go command
 * builds exactly the graph Holdfast resolved, and {@code go list -m all} shows every compromise.
 */
package dev.holdfast.degraded;
