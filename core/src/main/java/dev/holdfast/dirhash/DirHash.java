package dev.holdfast.dirhash;

import dev.holdfast.zip.ModuleZip;
import dev.holdfast.zip.archive.ZipArchive;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Computes the {@code h1:} hashes that go.sum files and the checksum database record, exactly as
 * golang.org/x/mod/sumdb/dirhash {@code Hash1}, {@code HashDir} and {@code HashZip} do.
 *
 * <p>All methods stream file contents through SHA-256 with 64 KiB buffers and never hold a whole file
 * in memory. Stateless and thread-safe.
 */
public final class DirHash {
    private static final int BUFFER = 64 << 10;

    /** The digest {@link #sha256()} copies. */
    private static final MessageDigest SHA256 = sha256Instance();

    private static final String NEWLINE_ERROR = "dirhash: filenames with newlines are not supported";
    private static final byte[] GO_MOD = "go.mod".getBytes(StandardCharsets.US_ASCII);

    private DirHash() {}

    /** Opens one named file's content; the caller of {@code open} closes the stream. */
    @FunctionalInterface
    public interface Opener {
        /** Returns the content of the file with the given name. */
        InputStream open(String name) throws IOException;
    }

    /**
     * Returns the {@code h1:} hash of the named files: SHA-256 over the summary lines {@code
     * <hex sha256(content)>  <name>\n}, with names in Go string (UTF-8 byte) order.
     *
     * @throws IllegalArgumentException if a name contains a newline
     * @throws IOException if a file cannot be opened or read
     */
    public static String hash1(List<String> names, Opener opener) throws IOException {
        List<byte[]> raw = new ArrayList<>(names.size());
        for (String name : names) {
            raw.add(name.getBytes(StandardCharsets.UTF_8));
        }
        return hash1Bytes(raw, name -> opener.open(new String(name, StandardCharsets.UTF_8)));
    }

    /** Returns the {@code h1:} hash of a go.mod file: {@link #hash1} over the single name "go.mod". */
    public static String hashGoMod(byte[] goMod) {
        try {
            // The bytes are in memory: digest them directly (graph loading hashes thousands of go.mod
            // files, and a read buffer per file was a tenth of a 10,000-version list's samples).
            return hash1Digests(List.of(GO_MOD), name -> sha256().digest(goMod));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e); // cannot happen: the data is in memory
        }
    }

    /**
     * Returns the {@code h1:} hash of the tree under {@code dir}, naming each file {@code prefix + "/" +
     * relative slash path} (the go command passes {@code path@version}, as {@code go mod verify}
     * does). Every non-directory is hashed, and symbolic links are read through (Go's {@code
     * filepath.Walk} lists them as files).
     */
    public static String hashDir(Path dir, String prefix) throws IOException {
        List<String> names = dirFiles(dir, prefix);
        String trimmed = prefix.isEmpty() ? "" : stripTrailingSlashes(prefix);
        return hash1(names, name -> Files.newInputStream(dir.resolve(relative(name, trimmed))));
    }

    /**
     * Returns the slash-separated names of the files under {@code dir} in Go's walk order, each with
     * the directory replaced by {@code prefix} (Go's {@code DirFiles}).
     */
    public static List<String> dirFiles(Path dir, String prefix) throws IOException {
        BasicFileAttributes root = Files.readAttributes(dir, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        if (!root.isDirectory()) {
            throw new IOException(dir + " is not a directory");
        }
        List<String> files = new ArrayList<>();
        walk(dir, "", files);
        String base = prefix.isEmpty() ? "" : stripTrailingSlashes(prefix) + "/";
        files.replaceAll(rel -> base + rel);
        return files;
    }

    /**
     * Returns the {@code h1:} hash of a zip file's content: every entry name as stored (with its
     * {@code path@version/} prefix) and its uncompressed data, read the way Go's {@code archive/zip}
     * reads it (raw name bytes, last of duplicated names wins, declared sizes and CRC-32 enforced).
     *
     * <p>Unlike Go's {@code HashZip}, archives that the go command could never extract (larger than
     * {@link ModuleZip#MAX_ZIP_BYTES} on disk or in declared uncompressed content) are refused before
     * any data is read, so a zip bomb costs no more than reading its directory.
     *
     * @throws java.util.zip.ZipException if the archive is malformed or too large
     */
    public static String hashZip(Path zip) throws IOException {
        try (ZipArchive archive = ZipArchive.open(zip)) {
            if (archive.size() > ModuleZip.MAX_ZIP_BYTES) {
                throw new java.util.zip.ZipException(String.format(
                        "module zip file is too large (%d bytes; limit is %d bytes)",
                        archive.size(), ModuleZip.MAX_ZIP_BYTES));
            }
            Map<Key, ZipArchive.Entry> byName = new HashMap<>();
            List<byte[]> names = new ArrayList<>();
            for (ZipArchive.Entry e : archive.entries()) {
                byte[] name = e.nameBytes();
                names.add(name);
                byName.put(new Key(name), e); // Go's map: the last entry of a name wins
            }
            checkDeclaredTotal(byName.values());
            Map<Key, byte[]> digests = new HashMap<>();
            byte[] buf = new byte[BUFFER];
            return hash1Digests(names, name -> {
                Key key = new Key(name);
                byte[] d = digests.get(key);
                if (d == null) {
                    try (InputStream in = archive.open(byName.get(key))) {
                        d = sha256(in, buf);
                    }
                    digests.put(key, d);
                }
                return d;
            });
        }
    }

    private static void checkDeclaredTotal(Iterable<ZipArchive.Entry> entries) throws IOException {
        long total = 0;
        for (ZipArchive.Entry e : entries) {
            long size = e.uncompressedSize();
            if (size < 0 || ModuleZip.MAX_ZIP_BYTES - total < size) {
                throw new java.util.zip.ZipException(String.format(
                        "total uncompressed size of module contents too large (max size is %d bytes)",
                        ModuleZip.MAX_ZIP_BYTES));
            }
            total += size;
        }
    }

    private interface ByteOpener {
        InputStream open(byte[] name) throws IOException;
    }

    private interface Digester {
        byte[] digest(byte[] name) throws IOException;
    }

    static String hash1Bytes(List<byte[]> names, ByteOpener opener) throws IOException {
        byte[] buf = new byte[BUFFER];
        return hash1Digests(names, name -> {
            try (InputStream in = opener.open(name)) {
                return sha256(in, buf);
            }
        });
    }

    private static String hash1Digests(List<byte[]> names, Digester digester) throws IOException {
        List<byte[]> sorted = new ArrayList<>(names);
        sorted.sort(Arrays::compareUnsigned);
        MessageDigest summary = sha256();
        HexFormat hex = HexFormat.of();
        for (byte[] name : sorted) {
            for (byte b : name) {
                if (b == '\n') {
                    throw new IllegalArgumentException(NEWLINE_ERROR);
                }
            }
            byte[] digest = digester.digest(name);
            summary.update(hex.formatHex(digest).getBytes(StandardCharsets.US_ASCII));
            summary.update(new byte[] {' ', ' '});
            summary.update(name);
            summary.update((byte) '\n');
        }
        return "h1:" + Base64.getEncoder().encodeToString(summary.digest());
    }

    static byte[] sha256(InputStream in, byte[] buf) throws IOException {
        MessageDigest md = sha256();
        for (int n; (n = in.read(buf)) >= 0; ) {
            md.update(buf, 0, n);
        }
        return md.digest();
    }

    /**
     * Returns a new SHA-256 digest, a copy of one made once: {@code MessageDigest.getInstance} looks the
     * algorithm up among the providers and checks it against the security constraints every time, which
     * cost more than hashing a module's small files or a checksum-database tile's nodes (issue 16).
     */
    public static MessageDigest sha256() {
        try {
            return (MessageDigest) SHA256.clone();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("SHA-256 digests can be copied in every JDK", e);
        }
    }

    private static MessageDigest sha256Instance() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** Walks like Go's filepath.Walk: names sorted by bytes, links not followed, dirs not listed. */
    private static void walk(Path dir, String rel, List<String> out) throws IOException {
        List<String> names = new ArrayList<>();
        try (Stream<Path> children = Files.list(dir)) {
            children.forEach(c -> names.add(c.getFileName().toString()));
        }
        names.sort((a, b) -> Arrays.compareUnsigned(utf8(a), utf8(b)));
        for (String name : names) {
            Path child = dir.resolve(name);
            String childRel = rel.isEmpty() ? name : rel + "/" + name;
            BasicFileAttributes attrs =
                    Files.readAttributes(child, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            if (attrs.isDirectory()) {
                walk(child, childRel, out);
            } else {
                out.add(childRel);
            }
        }
    }

    private static String relative(String name, String prefix) {
        String rel = name.startsWith(prefix) ? name.substring(prefix.length()) : name;
        while (rel.startsWith("/")) {
            rel = rel.substring(1);
        }
        return rel;
    }

    private static String stripTrailingSlashes(String s) {
        int end = s.length();
        while (end > 1 && s.charAt(end - 1) == '/') {
            end--;
        }
        return s.substring(0, end);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** A byte-array map key compared by content. */
    private record Key(byte[] bytes) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Arrays.equals(bytes, k.bytes);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(bytes);
        }

        @Override
        public String toString() {
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }
}
