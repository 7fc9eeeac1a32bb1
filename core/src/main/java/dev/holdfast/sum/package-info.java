/**
 * The go.sum file: reading it with the go command's rules, looking up and adding hashes, and writing
 * it back in the go command's order.
 *
 * <p>This package exists because go.sum is what makes a build verifiable: Holdfast must read exactly
 * the lines the go command reads (blank lines skipped, three whitespace-separated fields, the bogus
 * hash of an empty go.mod dropped), fail on the same malformed lines with the same message, and
 * write a file the go command would write byte for byte (module paths in Go string order, versions
 * by semver with {@code /go.mod} after the plain version, hashes sorted and deduplicated), so that
 * rewriting a go.sum never shows up as a diff. Which sums belong in a go.sum (the go command's
 * {@code keep} set) is decided by the module loader, not here.
 */
package dev.holdfast.sum;
