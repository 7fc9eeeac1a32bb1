/**
 * The zip file format as Go's {@code archive/zip} reads and writes it.
 *
 * <p>This package exists because module zip checks and {@code h1:} hashes are defined by what Go's
 * reader returns, and {@link java.util.zip.ZipFile} returns something else for hostile archives: it
 * rejects names that are not valid UTF-8 (Go keeps the bytes and later reports {@code invalid
 * UTF-8}), and it inflates past an entry's declared size without complaint and never verifies CRC-32
 * (Go fails with {@code zip: not a valid zip file} or {@code zip: checksum error}). Duplicated names
 * behave alike (JDK 25 lists every record and a lookup by name finds the last, as Go's {@code
 * HashZip} does), but reading by record keeps that independent of the JDK version. {@link java.util.zip.ZipOutputStream} cannot write the zero modification time Go
 * writes. Only Store and Deflate are supported, as in Go.
 */
package dev.holdfast.zip.archive;
