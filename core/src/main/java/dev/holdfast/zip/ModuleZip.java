package dev.holdfast.zip;

import dev.holdfast.module.GoPath;
import dev.holdfast.module.GoStrings;
import dev.holdfast.module.ModulePath;
import dev.holdfast.module.ModuleVersion;
import dev.holdfast.zip.CheckedFiles.FileError;
import dev.holdfast.zip.archive.ZipArchive;
import dev.holdfast.zip.archive.ZipArchiveWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.ZipException;

/**
 * Creates, checks and extracts module zip files exactly as golang.org/x/mod/zip does: the same files
 * are valid, omitted or invalid with the same reasons, and the entries (hence the {@code h1:} hash)
 * of a created zip equal the go command's. Zip bytes themselves may differ from Go's.
 *
 * <p>Invalid content is reported with {@link ModuleZipException} carrying the go command's message;
 * file system failures are {@link IOException}s. Stateless and thread-safe.
 */
public final class ModuleZip {
    /** Maximum size of a module zip file and of its uncompressed content (x/mod zip.go MaxZipFile). */
    public static final int MAX_ZIP_BYTES = 500 << 20;

    /** Maximum size of a module's go.mod file (x/mod zip.go MaxGoMod). */
    public static final int MAX_GO_MOD_BYTES = 16 << 20;

    /** Maximum size of a module's top-level LICENSE file (x/mod zip.go MaxLICENSE). */
    public static final int MAX_LICENSE_BYTES = 16 << 20;

    private static final int BUFFER = 64 << 10;

    private ModuleZip() {}

    /** Classifies files as Go's {@code CheckFiles} does; never opens a file except the root go.mod. */
    public static CheckedFiles checkFiles(List<ZipFileSource> files) {
        return FileChecks.checkFiles(files).checked();
    }

    /**
     * Classifies the files under {@code dir} as {@link #createFromDir} would see them (Go's {@code
     * CheckDir}); paths in the result are file system paths under {@code dir}. Omitted directories
     * (nested modules, version control directories) are listed without their files.
     */
    public static CheckedFiles checkDir(Path dir) throws IOException {
        FileChecks.DirListing listing = FileChecks.DirListing.list(dir);
        CheckedFiles cf = checkFiles(listing.files());
        List<FileError> omitted = new ArrayList<>(cf.omitted());
        omitted.addAll(listing.omitted());
        return new CheckedFiles(
                cf.valid().stream().map(p -> join(dir, p)).toList(),
                omitted.stream()
                        .map(e -> new FileError(join(dir, e.path()), e.reason()))
                        .toList(),
                cf.invalid().stream()
                        .map(e -> new FileError(join(dir, e.path()), e.reason()))
                        .toList(),
                cf.sizeError());
    }

    /**
     * Checks a zip file's entry names and declared sizes without reading any entry data (Go's {@code
     * CheckZip}); valid paths are the full entry names.
     *
     * @throws ModuleZipException if the module path or version is invalid or the zip is malformed
     */
    public static CheckedFiles checkZip(ModuleVersion mv, Path zipFile) throws IOException {
        return checkedZip(mv, zipFile, "", false).checked();
    }

    /**
     * Writes the module zip of {@code files} to {@code out}: the valid files in input order, named
     * {@code path@version/} + file path, Deflate-compressed with zero modification times. Each file's
     * content is read once, streaming, and may not exceed the size its {@code lstat} reported.
     *
     * @throws ModuleZipException if the version is not canonical, the module path and version do not
     *     match, or any file is invalid
     */
    public static void create(ModuleVersion mv, List<ZipFileSource> files, OutputStream out) throws IOException {
        create(mv, files, out, "create zip: ");
    }

    /**
     * Writes the module zip of the tree under {@code dir} to {@code out} (Go's {@code CreateFromDir}):
     * as {@link #create}, after leaving out version control directories, nested modules, vendored
     * packages and files that are not regular.
     */
    public static void createFromDir(OutputStream out, ModuleVersion mv, Path dir) throws IOException {
        FileChecks.DirListing listing = FileChecks.DirListing.list(dir);
        create(mv, listing.files(), out, "create zip " + dir + ": ");
    }

    private static void create(ModuleVersion mv, List<ZipFileSource> files, OutputStream out, String where)
            throws IOException {
        checkModuleVersion(mv, where);
        FileChecks.Result result = FileChecks.checkFiles(files);
        Optional<String> error = result.checked().error();
        if (error.isPresent()) {
            throw new ModuleZipException(where + error.get());
        }
        ZipArchiveWriter zip = new ZipArchiveWriter(out);
        String prefix = mv.path() + "@" + mv.version() + "/";
        for (int i = 0; i < result.validFiles().size(); i++) {
            ZipFileSource f = result.validFiles().get(i);
            long size = result.validSizes().get(i);
            try (InputStream in = f.open()) {
                if (zip.add(prefix + f.path(), in, size) > size) {
                    throw new ModuleZipException(
                            where + "file " + GoStrings.quote(f.path()) + " is larger than declared size");
                }
            }
        }
        zip.finish();
    }

    /**
     * Extracts a module zip into {@code targetDir} after checking every rule of {@link #checkZip}
     * (Go's {@code Unzip}). The target must be absent or empty. Files are created exclusively with
     * mode 0444 and directories with 0777 (both less the umask); no path can leave {@code targetDir};
     * each file's data is capped at its declared size. On failure, files already written remain, as
     * with Go (the go command removes the directory).
     *
     * @throws ModuleZipException if the zip is invalid, malformed or its data exceeds declared sizes
     */
    public static void unzip(Path targetDir, ModuleVersion mv, Path zipFile) throws IOException {
        String where = "unzip " + zipFile + ": ";
        if (Files.isDirectory(targetDir)) {
            try (Stream<Path> children = Files.list(targetDir)) {
                if (children.findAny().isPresent()) {
                    throw new ModuleZipException(where + "target directory " + targetDir + " exists and is not empty");
                }
            }
        }
        CheckedZip checked = checkedZip(mv, zipFile, where, true);
        try (ZipArchive archive = checked.archive()) {
            Optional<String> error = checked.checked().error();
            if (error.isPresent()) {
                throw new ModuleZipException(where + error.get());
            }
            Extractor.extract(targetDir, archive, mv.path() + "@" + mv.version() + "/", where);
        }
    }

    /** A checked zip and, when asked for, the open archive for extraction. */
    private record CheckedZip(ZipArchive archive, CheckedFiles checked) {}

    private static CheckedZip checkedZip(ModuleVersion mv, Path zipFile, String where, boolean keepOpen)
            throws IOException {
        long zipSize = Files.size(zipFile);
        checkModuleVersion(mv, where);
        if (zipSize > MAX_ZIP_BYTES) {
            String msg =
                    String.format("module zip file is too large (%d bytes; limit is %d bytes)", zipSize, MAX_ZIP_BYTES);
            return new CheckedZip(null, new CheckedFiles(List.of(), List.of(), List.of(), Optional.of(msg)));
        }
        ZipArchive archive;
        try {
            archive = ZipArchive.open(zipFile);
        } catch (ZipException e) {
            throw new ModuleZipException(where + e.getMessage(), e);
        }
        try {
            CheckedFiles cf = ZipEntryChecks.check(mv, archive.entries());
            if (!keepOpen) {
                archive.close();
            }
            return new CheckedZip(keepOpen ? archive : null, cf);
        } catch (RuntimeException e) {
            archive.close();
            throw e;
        }
    }

    private static void checkModuleVersion(ModuleVersion mv, String where) {
        String canonical = ModulePath.canonicalVersion(mv.version());
        if (!canonical.equals(mv.version())) {
            throw new ModuleZipException(where + "version " + GoStrings.quote(mv.version())
                    + " is not canonical (should be " + GoStrings.quote(canonical) + ")");
        }
        try {
            ModuleVersion.check(mv.path(), mv.version());
        } catch (RuntimeException e) {
            throw new ModuleZipException(where + e.getMessage(), e);
        }
    }

    /** Returns Go's filepath.Join(dir, p) for a slash path p. */
    private static String join(Path dir, String p) {
        return GoPath.clean(dir + "/" + p);
    }

    /** The rules Go's {@code checkZip} applies to each central-directory entry. */
    private static final class ZipEntryChecks {
        private ZipEntryChecks() {}

        static CheckedFiles check(ModuleVersion mv, List<ZipArchive.Entry> entries) {
            String prefix = mv.path() + "@" + mv.version() + "/";
            byte[] prefixBytes = prefix.getBytes(StandardCharsets.UTF_8);
            List<String> valid = new ArrayList<>();
            List<FileError> invalid = new ArrayList<>();
            FileChecks.Collisions collisions = new FileChecks.Collisions();
            Optional<String> sizeError = Optional.empty();
            long size = 0;
            for (ZipArchive.Entry e : entries) {
                String problem = null;
                if (!e.nameStartsWith(prefixBytes)) {
                    problem = "path does not have prefix " + GoStrings.quote(prefix);
                } else {
                    String name = e.name().substring(prefix.length());
                    if (name.isEmpty()) {
                        continue;
                    }
                    boolean isDir = name.endsWith("/");
                    if (isDir) {
                        name = name.substring(0, name.length() - 1);
                    }
                    problem = checkName(e, name, isDir, collisions, prefixBytes.length);
                    if (problem == null && isDir) {
                        continue;
                    }
                    if (problem == null) {
                        long sz = e.uncompressedSize();
                        if (sz >= 0 && MAX_ZIP_BYTES - size >= sz) {
                            size += sz;
                        } else if (sizeError.isEmpty()) {
                            sizeError = Optional.of(String.format(
                                    "total uncompressed size of module contents too large (max size is %d bytes)",
                                    MAX_ZIP_BYTES));
                        }
                        if (name.equals("go.mod") && sz > MAX_GO_MOD_BYTES) {
                            problem = FileChecks.GO_MOD_SIZE;
                        } else if (name.equals("LICENSE") && sz > MAX_LICENSE_BYTES) {
                            problem = FileChecks.LICENSE_SIZE;
                        }
                    }
                }
                if (problem != null) {
                    invalid.add(new FileError(e.name(), problem));
                } else {
                    valid.add(e.name());
                }
            }
            return new CheckedFiles(valid, List.of(), invalid, sizeError);
        }

        private static String checkName(
                ZipArchive.Entry e, String name, boolean isDir, FileChecks.Collisions collisions, int prefixLen) {
            if (!GoPath.clean(name).equals(name)) {
                return FileChecks.NOT_CLEAN;
            }
            if (!e.hasUtf8Name()) {
                byte[] raw = e.nameBytes();
                int end = raw.length - (isDir ? 1 : 0);
                byte[] rawName = java.util.Arrays.copyOfRange(raw, prefixLen, end);
                return "malformed file path " + GoStrings.quote(rawName) + ": invalid UTF-8";
            }
            String pathError = FileChecks.checkFilePath(name);
            if (pathError != null) {
                return pathError;
            }
            String collision = collisions.check(name, isDir);
            if (collision != null || isDir) {
                return collision;
            }
            String base = name.substring(name.lastIndexOf('/') + 1);
            if (FileChecks.equalFold(base, "go.mod")) {
                if (!base.equals(name)) {
                    return "go.mod file not in module root directory";
                }
                if (!name.equals("go.mod")) {
                    return FileChecks.GO_MOD_CASE;
                }
            }
            return null;
        }
    }

    /** Writes checked entries below the target directory. */
    private static final class Extractor {
        private Extractor() {}

        static void extract(Path targetDir, ZipArchive archive, String prefix, String where) throws IOException {
            Path root = targetDir.toAbsolutePath().normalize();
            createDirectories(root, false);
            for (ZipArchive.Entry e : archive.entries()) {
                String name = e.name().substring(prefix.length());
                if (name.isEmpty() || name.endsWith("/")) {
                    continue;
                }
                Path dst = root.resolve(name).normalize();
                if (!dst.startsWith(root) || dst.equals(root)) {
                    // Unreachable after checkZip's path rules; kept so no write can escape the target.
                    throw new ModuleZipException(where + "file path escapes target: " + GoStrings.quote(name));
                }
                createDirectories(dst.getParent(), true);
                try (InputStream in = archive.open(e);
                        OutputStream out = createExclusive(dst)) {
                    long limit = e.uncompressedSize() + 1;
                    if (copy(in, out, limit) >= limit) {
                        throw new ModuleZipException(String.format(
                                "%suncompressed size of file %s is larger than declared size (%d bytes)",
                                where, e.name(), e.uncompressedSize()));
                    }
                } catch (ZipException ze) {
                    throw new ModuleZipException(where + ze.getMessage(), ze);
                }
            }
        }

        private static long copy(InputStream in, OutputStream out, long limit) throws IOException {
            byte[] buf = new byte[BUFFER];
            long total = 0;
            while (total < limit) {
                int n = in.read(buf, 0, (int) Math.min(buf.length, limit - total));
                if (n < 0) {
                    break;
                }
                out.write(buf, 0, n);
                total += n;
            }
            return total;
        }

        private static OutputStream createExclusive(Path file) throws IOException {
            Set<OpenOption> options =
                    Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
            try {
                var readOnly = PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("r--r--r--"));
                return Channels.newOutputStream(Files.newByteChannel(file, options, readOnly));
            } catch (UnsupportedOperationException e) {
                return Channels.newOutputStream(Files.newByteChannel(file, options));
            }
        }

        /** Creates dir and its parents with mode 0777; below the target, refuses symbolic links. */
        private static void createDirectories(Path dir, boolean noLinks) throws IOException {
            try {
                var all = PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxrwxrwx"));
                Files.createDirectories(dir, all);
            } catch (UnsupportedOperationException e) {
                Files.createDirectories(dir);
            }
            if (noLinks
                    && !Files.readAttributes(dir, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS)
                            .isDirectory()) {
                throw new IOException("not a directory: " + dir);
            }
        }
    }
}
