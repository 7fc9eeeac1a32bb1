/**
 * The {@code h1:} hashes of go.sum files and the checksum database (golang.org/x/mod/sumdb/dirhash).
 *
 * <p>This package exists because the hash is the one part of a module download that is contractual:
 * module zip bytes differ between Go releases (their Deflate output changes), but the {@code h1:}
 * hash of names and contents must equal the go command's exactly, or {@code go mod download} and
 * {@code go mod verify} report a checksum mismatch. The hash is SHA-256 over a summary with one line
 * {@code <hex sha256>  <name>\n} per file, names sorted by Go string (UTF-8 byte) order, encoded as
 * {@code h1:} plus standard Base64.
 *
 * <p>Zip files are read with {@link dev.holdfast.zip.archive.ZipArchive}, which reproduces Go's
 * {@code archive/zip} reader (raw names, duplicates, size and CRC checks), because the hash of a zip
 * is defined by what that reader returns.
 */
package dev.holdfast.dirhash;
