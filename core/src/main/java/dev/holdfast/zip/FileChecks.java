package dev.holdfast.zip;

import dev.holdfast.modfile.GoModFile;
import dev.holdfast.module.GoPath;
import dev.holdfast.module.GoStrings;
import dev.holdfast.module.ModulePath;
import dev.holdfast.zip.CheckedFiles.FileError;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The classification rules of x/mod/zip {@code checkFiles}: which files of a module tree are valid,
 * omitted or invalid, checked in Go's order (the first rule that applies wins).
 */
final class FileChecks {
    static final String NOT_CLEAN = "file path is not clean";
    static final String NOT_RELATIVE = "file path is not relative";
    static final String GO_MOD_CASE = "go.mod files must have lowercase names";
    static final String GO_MOD_SIZE =
            String.format("go.mod file too large (max size is %d bytes)", ModuleZip.MAX_GO_MOD_BYTES);
    static final String LICENSE_SIZE =
            String.format("LICENSE file too large (max size is %d bytes)", ModuleZip.MAX_LICENSE_BYTES);
    static final String VCS = "directory is a version control repository";
    static final String VENDORED = "file is in vendor directory";
    static final String SUBMODULE_FILE = "file is in another module";
    static final String SUBMODULE_DIR = "directory is in another module";
    static final String HG_ARCHIVAL = "file is inserted by 'hg archive' and is always omitted";
    static final String SYMLINK = "file is a symbolic link";
    static final String NOT_REGULAR = "not a regular file";
    static final String TREE_TOO_LARGE =
            String.format("module source tree too large (max size is %d bytes)", ModuleZip.MAX_ZIP_BYTES);

    private FileChecks() {}

    /** The check result plus the valid sources and their sizes, which {@code create} writes. */
    record Result(CheckedFiles checked, List<ZipFileSource> validFiles, List<Long> validSizes) {}

    /** Classifies files exactly as Go's {@code checkFiles}. */
    static Result checkFiles(List<ZipFileSource> files) {
        List<String> valid = new ArrayList<>();
        List<FileError> omitted = new ArrayList<>();
        List<FileError> invalid = new ArrayList<>();
        Set<String> errPaths = new HashSet<>();
        // Go reports each path once: later problems with a path already reported are dropped.
        ErrorSink add = (path, isOmitted, reason) -> {
            if (errPaths.add(path)) {
                (isOmitted ? omitted : invalid).add(new FileError(path, reason));
            }
        };

        // Pass 1: directories holding a go.mod (any case) are module roots; read the root go version.
        Set<String> haveGoMod = new HashSet<>();
        String vers = "";
        for (ZipFileSource f : files) {
            String p = f.path();
            int slash = p.lastIndexOf('/');
            String dir = p.substring(0, slash + 1);
            String base = p.substring(slash + 1);
            if (!equalFold(base, "go.mod")) {
                continue;
            }
            ZipFileSource.Stat stat = add.lstat(f);
            if (stat == null || stat.type() != ZipFileSource.Type.REGULAR) {
                continue;
            }
            haveGoMod.add(dir);
            if (base.equals("go.mod") && dir.isEmpty()) {
                vers = readLangVersion(f, vers);
            }
        }

        Collisions collisions = new Collisions();
        long maxSize = ModuleZip.MAX_ZIP_BYTES;
        Optional<String> sizeError = Optional.empty();
        List<ZipFileSource> validFiles = new ArrayList<>();
        List<Long> validSizes = new ArrayList<>();
        for (ZipFileSource f : files) {
            String p = f.path();
            String problem = checkName(p, vers, haveGoMod);
            if (problem != null) {
                boolean isOmitted =
                        problem.equals(VENDORED) || problem.equals(SUBMODULE_FILE) || problem.equals(HG_ARCHIVAL);
                add.add(p, isOmitted, problem);
                continue;
            }
            ZipFileSource.Stat stat = add.lstat(f);
            if (stat == null) {
                continue;
            }
            String collision = collisions.check(p, stat.type() == ZipFileSource.Type.DIRECTORY);
            if (collision != null) {
                add.add(p, false, collision);
                continue;
            }
            if (stat.type() == ZipFileSource.Type.SYMLINK) {
                add.add(p, true, SYMLINK); // golang/go#27093
                continue;
            }
            if (stat.type() != ZipFileSource.Type.REGULAR) {
                add.add(p, true, NOT_REGULAR);
                continue;
            }
            long size = stat.size();
            if (size >= 0 && size <= maxSize) {
                maxSize -= size;
            } else if (sizeError.isEmpty()) {
                sizeError = Optional.of(TREE_TOO_LARGE);
            }
            if (p.equals("go.mod") && size > ModuleZip.MAX_GO_MOD_BYTES) {
                add.add(p, false, GO_MOD_SIZE);
                continue;
            }
            if (p.equals("LICENSE") && size > ModuleZip.MAX_LICENSE_BYTES) {
                add.add(p, false, LICENSE_SIZE);
                continue;
            }
            valid.add(p);
            validFiles.add(f);
            validSizes.add(size);
        }
        return new Result(new CheckedFiles(valid, omitted, invalid, sizeError), validFiles, validSizes);
    }

    private interface ErrorSink {
        void add(String path, boolean omitted, String reason);

        /** Returns the lstat of {@code f}, or null after reporting its error as {@code f}'s problem. */
        default ZipFileSource.Stat lstat(ZipFileSource f) {
            try {
                return f.lstat();
            } catch (IOException e) {
                add(f.path(), false, String.valueOf(e.getMessage()));
                return null;
            }
        }
    }

    /** Returns the first name rule that p breaks (Go's order), or null. */
    private static String checkName(String p, String vers, Set<String> haveGoMod) {
        if (!p.equals(GoPath.clean(p))) {
            return NOT_CLEAN;
        }
        if (p.startsWith("/")) {
            return NOT_RELATIVE;
        }
        if (isVendoredPackage(p, vers)) {
            return VENDORED;
        }
        if (inSubmodule(p, haveGoMod)) {
            return SUBMODULE_FILE;
        }
        if (p.equals(".hg_archival.txt")) {
            return HG_ARCHIVAL; // inserted by hg archive; dropped whatever the VCS
        }
        String pathError = checkFilePath(p);
        if (pathError != null) {
            return pathError;
        }
        if (p.toLowerCase(Locale.ROOT).equals("go.mod") && !p.equals("go.mod")) {
            return GO_MOD_CASE;
        }
        return null;
    }

    /** Returns module.CheckFilePath's error text for p, or null if p is a valid file path. */
    static String checkFilePath(String p) {
        try {
            ModulePath.checkFilePath(p);
            return null;
        } catch (RuntimeException e) {
            return e.getMessage();
        }
    }

    private static boolean inSubmodule(String p, Set<String> haveGoMod) {
        while (true) {
            int slash = p.lastIndexOf('/');
            if (slash < 0) {
                return false;
            }
            String dir = p.substring(0, slash + 1);
            if (haveGoMod.contains(dir)) {
                return true;
            }
            p = dir.substring(0, dir.length() - 1);
        }
    }

    /** Returns go/version.Lang("go" + the go.mod's go version), or the previous value on failure. */
    private static String readLangVersion(ZipFileSource f, String previous) {
        byte[] data;
        try (InputStream in = f.open()) {
            // Bounded: a larger go.mod is invalid anyway, and its go line then counts as absent.
            data = in.readNBytes(ModuleZip.MAX_GO_MOD_BYTES + 1);
        } catch (IOException e) {
            return previous;
        }
        if (data.length > ModuleZip.MAX_GO_MOD_BYTES) {
            return "";
        }
        return GoStdlib.GoVersions.lang(goVersion(data));
    }

    /** Returns "go" + the go directive's version as parsed laxly, or "" (Go's parseGoVers). */
    static String goVersion(byte[] goMod) {
        try {
            return GoModFile.parseLax("go.mod", goMod, null)
                    .go()
                    .map(v -> "go" + v)
                    .orElse("");
        } catch (RuntimeException e) {
            return "";
        }
    }

    /**
     * Reports whether a file is in a vendored package (Go's {@code isVendoredPackage}). Go 1.24
     * changed the rule: {@code vendor/modules.txt} became omitted, and {@code pkg/vendor/x.go} stopped
     * being omitted (golang/go#37397); older go versions keep the historical results so that
     * existing checksums stay valid.
     */
    static boolean isVendoredPackage(String name, String vers) {
        boolean go124 = GoStdlib.GoVersions.compare(vers, "go1.24") >= 0;
        if (go124 && name.equals("vendor/modules.txt")) {
            return true;
        }
        int i;
        if (name.startsWith("vendor/")) {
            i = "vendor/".length();
        } else {
            int j = name.indexOf("/vendor/");
            if (j < 0) {
                return false;
            }
            // Before go1.24 the index was not offset by j: the bug is kept for old modules.
            i = go124 ? j + "/vendor/".length() : "/vendor/".length();
        }
        return name.substring(Math.min(i, name.length())).contains("/");
    }

    /** Reports Go's strings.EqualFold for the few names compared here. */
    static boolean equalFold(String a, String b) {
        return GoStdlib.fold(a).equals(GoStdlib.fold(b));
    }

    /** Finds case-insensitive collisions and paths used as both file and directory. */
    static final class Collisions {
        private final Map<String, Boolean> isDirByPath = new HashMap<>();
        private final Map<String, String> pathByFold = new HashMap<>();

        /** Records p (and its parent directories) and returns Go's error text, or null. */
        String check(String p, boolean isDir) {
            String key = GoStdlib.fold(p);
            String other = pathByFold.get(key);
            if (other != null) {
                if (!p.equals(other)) {
                    return "case-insensitive file name collision: " + GoStrings.quote(other) + " and "
                            + GoStrings.quote(p);
                }
                if (isDir != isDirByPath.get(other)) {
                    return "entry " + GoStrings.quote(p) + " is both a file and a directory";
                }
                if (!isDir) {
                    return "multiple entries for file " + GoStrings.quote(p);
                }
                // The same directory is met again through its children: that is fine.
            } else {
                pathByFold.put(key, p);
                isDirByPath.put(p, isDir);
            }
            String parent = GoPath.dir(p);
            return parent.equals(".") ? null : check(parent, true);
        }
    }

    /**
     * The files {@code CreateFromDir} and {@code CheckDir} consider (Go's {@code listFilesInDir}): a
     * walk in Go's lexical order that leaves out version control directories, nested modules,
     * vendored packages and files that are not regular, reporting each as omitted.
     */
    record DirListing(List<ZipFileSource> files, List<FileError> omitted) {
        static DirListing list(Path dir) throws IOException {
            String vers = "";
            Path goMod = dir.resolve("go.mod");
            if (Files.isRegularFile(goMod)) {
                try (InputStream in = Files.newInputStream(goMod)) {
                    byte[] data = in.readNBytes(ModuleZip.MAX_GO_MOD_BYTES + 1);
                    vers = data.length > ModuleZip.MAX_GO_MOD_BYTES ? "" : GoStdlib.GoVersions.lang(goVersion(data));
                } catch (IOException e) {
                    vers = ""; // Go ignores an unreadable go.mod here
                }
            }
            DirListing listing = new DirListing(new ArrayList<>(), new ArrayList<>());
            BasicFileAttributes root = Files.readAttributes(dir, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            listing.visit(dir, ".", root, vers, true);
            return new DirListing(List.copyOf(listing.files), List.copyOf(listing.omitted));
        }

        private void visit(Path file, String slashPath, BasicFileAttributes info, String vers, boolean isRoot)
                throws IOException {
            boolean vendored = isVendoredPackage(slashPath, vers);
            if (vendored) {
                omitted.add(new FileError(slashPath, VENDORED));
            }
            if (info.isDirectory()) {
                // A vendored directory is reported and still walked, as Go's walk function returns nil.
                if (!isRoot && !vendored) {
                    String base = file.getFileName().toString();
                    if (List.of(".bzr", ".git", ".hg", ".svn").contains(base)) {
                        omitted.add(new FileError(slashPath, VCS));
                        return;
                    }
                    Path goMod = file.resolve("go.mod");
                    if (Files.exists(goMod, LinkOption.NOFOLLOW_LINKS)
                            && !Files.isDirectory(goMod, LinkOption.NOFOLLOW_LINKS)) {
                        omitted.add(new FileError(slashPath, SUBMODULE_DIR));
                        return;
                    }
                }
                for (String name : sortedNames(file)) {
                    Path child = file.resolve(name);
                    BasicFileAttributes a =
                            Files.readAttributes(child, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                    visit(child, isRoot ? name : slashPath + "/" + name, a, vers, false);
                }
                return;
            }
            if (vendored) {
                return;
            }
            if (!info.isRegularFile()) {
                omitted.add(new FileError(slashPath, NOT_REGULAR));
                return;
            }
            ZipFileSource.Stat stat = new ZipFileSource.Stat(ZipFileSource.Type.REGULAR, info.size());
            files.add(new ZipFileSource() {
                @Override
                public String path() {
                    return slashPath;
                }

                @Override
                public ZipFileSource.Stat lstat() {
                    return stat; // Go's dirFile reuses the walk's FileInfo
                }

                @Override
                public InputStream open() throws IOException {
                    return Files.newInputStream(file);
                }
            });
        }

        private static List<String> sortedNames(Path dir) throws IOException {
            List<String> names = new ArrayList<>();
            try (Stream<Path> children = Files.list(dir)) {
                children.forEach(c -> names.add(c.getFileName().toString()));
            }
            names.sort((a, b) ->
                    Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8)));
            return names;
        }
    }
}
