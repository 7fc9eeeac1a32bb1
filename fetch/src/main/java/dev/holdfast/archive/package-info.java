/**
 * Module archives: a single file carrying module versions in module-cache layout with a manifest of
 * their hashes and go.sum lines, so a cache can be carried into a network without internet ({@code
 * holdfast export} and {@code import}). Nothing read from an archive is stored before every file in it
 * has been checked against the manifest by the same {@link dev.holdfast.fetch.Verifier} code that checks
 * downloads.
 */
package dev.holdfast.archive;
