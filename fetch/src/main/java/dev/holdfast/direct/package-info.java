/**
 * Fetching modules from version control, as {@code direct} in GOPROXY does: {@link
 * dev.holdfast.direct.DirectSource} runs the installed go command with {@code GOPROXY=direct} in a module
 * cache of its own and answers the proxy protocol from what it wrote there. The go command is the
 * reference for everything this covers (meta-tag discovery, VCS schemes, GOINSECURE and GOVCS,
 * pseudo-versions, {@code +incompatible}, synthesized go.mod files, the module zip), so running it gives
 * its answers byte for byte, with the user's own credentials ({@code .netrc}, git's credential helpers,
 * SSH). This package adds what a proxy needs around it: a deadline that kills a hanging VCS command,
 * bounded concurrency and disk use, and failures classified for the fall-back rules, with a message that
 * says which credential sources were tried when a repository refused.
 */
package dev.holdfast.direct;
