/**
 * Reads, edits and writes go.mod files exactly as the go command does (a port of
 * golang.org/x/mod/modfile, go.mod only).
 *
 * <p>Why a faithful port rather than a simple parser: Holdfast edits go.mod files that users keep
 * under version control, next to the go command editing the same files. Any difference in how a
 * file is written back, a moved comment, a different blank line, a re-quoted path or another
 * order of lines in a block, shows up as a dirty diff that the user did not ask for, and as churn
 * when the go command and Holdfast take turns. So:
 *
 * <ul>
 *   <li>The syntax tree keeps every comment, attached where x/mod attaches it (before a line, at
 *       the end of a line, or as a free-standing block), and blank lines inside blocks.
 *   <li>The tree holds bytes, not decoded text: a file with invalid UTF-8 round-trips unchanged,
 *       tokens sort in byte order and columns count runes, as in Go.
 *   <li>{@link dev.holdfast.modfile.GoModFile} keeps its directives in step with the tree, so an
 *       edit changes only the lines it must, with x/mod's rules for where new lines go.
 *   <li>Error messages are x/mod's, word for word, with the same positions.
 * </ul>
 *
 * <p>{@code GoModFile.parse} is for the main module, where every directive must be known;
 * {@code parseLax} is for dependencies, whose go.mod files may use directives from newer go
 * versions.
 */
package dev.holdfast.modfile;
