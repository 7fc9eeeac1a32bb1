/**
 * What {@code go get M@V} does to a main module's requirements, go.mod and go.sum — computed, explained
 * and then written by the caller — so that {@code holdfast down} and {@code holdfast bisect} leave
 * exactly the files the go command would (spec §10.7; cmd/go's {@code modload/edit.go}, {@code
 * modload/init.go} WriteGoMod and keepSums, {@code modget/get.go}, {@code modfetch/fetch.go}
 * WriteGoSum).
 *
 * <p><b>Why a package of its own.</b> Loading a module graph ({@code modload}) and choosing versions
 * ({@code query}) are read-only. Editing is a third thing with its own rules, and each of them decides
 * real outcomes: lowering one module can lower or remove others because their versions require more
 * than the request allows (a fixed-point iteration with "disqualified" versions tracked separately in
 * pruned and unpruned parts of the graph); a conflicting request must fail with the go command's
 * message instead of picking something; the go.mod is rewritten only when its meaning changed, and
 * go.sum keeps every old line and gains exactly the hashes the go command checked along the way and
 * the new graph needs. The go command does all this silently (golang/go#37764); {@link
 * dev.holdfast.modedit.DowngradePlan} says what changes and why before anything is written.
 *
 * <p><b>Shape.</b> {@link dev.holdfast.modedit.GoGet} runs the command; {@code RequirementEditor} and
 * {@code DisqualificationTracker} port editRequirements; {@code ProjectFiles} holds the two files and
 * the checked hashes; {@link dev.holdfast.modedit.ZipSource} is the seam to the zips the go command
 * downloads (core does no network I/O). Everything else is read through {@link
 * dev.holdfast.repo.ModuleRepo}.
 */
package dev.holdfast.modedit;
