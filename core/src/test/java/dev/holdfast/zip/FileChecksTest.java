package dev.holdfast.zip;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.zip.CheckedFiles.FileError;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The classification rules of x/mod/zip checkFiles; expected reasons are zip.go's error texts and
 * the order of rules is zip.go's (first rule that applies wins).
 */
class FileChecksTest {
    private static final String MOD = "module example.com/m\n";

    static ZipFileSource file(String path, String content) {
        return ZipFileSource.of(path, content.getBytes(StandardCharsets.UTF_8));
    }

    /** A source with a declared type and size whose content is only a short go.mod. */
    static ZipFileSource fake(String path, ZipFileSource.Type type, long size) {
        return new ZipFileSource() {
            @Override
            public String path() {
                return path;
            }

            @Override
            public Stat lstat() {
                return new Stat(type, size);
            }

            @Override
            public InputStream open() {
                return new ByteArrayInputStream(MOD.getBytes(StandardCharsets.UTF_8));
            }
        };
    }

    private static CheckedFiles check(ZipFileSource... files) {
        return ModuleZip.checkFiles(List.of(files));
    }

    private static List<ZipFileSource> withGo(String go, ZipFileSource... files) {
        List<ZipFileSource> all = new ArrayList<>();
        all.add(file("go.mod", MOD + "\ngo " + go + "\n"));
        all.addAll(List.of(files));
        return all;
    }

    @Test
    void vendor_beforeGo124_keepsModulesTxtAndDropsPkgVendorFile() {
        CheckedFiles cf = ModuleZip.checkFiles(withGo(
                "1.23",
                file("vendor/modules.txt", ""),
                file("vendor/example.com/x/x.go", ""),
                file("vendor/x.go", ""),
                file("pkg/vendor/vendor.go", ""),
                file("pkg/vendor/foo/foo.go", "")));
        assertThat(cf.valid()).containsExactly("go.mod", "vendor/modules.txt", "vendor/x.go");
        assertThat(cf.omitted())
                .containsExactly(
                        new FileError("vendor/example.com/x/x.go", "file is in vendor directory"),
                        new FileError("pkg/vendor/vendor.go", "file is in vendor directory"),
                        new FileError("pkg/vendor/foo/foo.go", "file is in vendor directory"));
        assertThat(cf.invalid()).isEmpty();
    }

    @Test
    void vendor_fromGo124_dropsModulesTxtAndKeepsPkgVendorFile() {
        CheckedFiles cf = ModuleZip.checkFiles(withGo(
                "1.24",
                file("vendor/modules.txt", ""),
                file("vendor/example.com/x/x.go", ""),
                file("vendor/x.go", ""),
                file("pkg/vendor/vendor.go", ""),
                file("pkg/vendor/foo/foo.go", "")));
        assertThat(cf.valid()).containsExactly("go.mod", "vendor/x.go", "pkg/vendor/vendor.go");
        assertThat(cf.omitted())
                .extracting(FileError::path)
                .containsExactly("vendor/modules.txt", "vendor/example.com/x/x.go", "pkg/vendor/foo/foo.go");
    }

    @Test
    void vendor_noGoLine_countsAsOld() {
        CheckedFiles cf = check(file("go.mod", MOD), file("vendor/modules.txt", ""));
        assertThat(cf.valid()).containsExactly("go.mod", "vendor/modules.txt");
    }

    @Test
    void isVendoredPackage_table() {
        assertThat(FileChecks.isVendoredPackage("vendor/a/b.go", "")).isTrue();
        assertThat(FileChecks.isVendoredPackage("vendor/b.go", "go1.24")).isFalse();
        assertThat(FileChecks.isVendoredPackage("x/vendor/a/b.go", "go1.24")).isTrue();
        assertThat(FileChecks.isVendoredPackage("x/vendor/b.go", "go1.24")).isFalse();
        assertThat(FileChecks.isVendoredPackage("x/vendor/b.go", "go1.23")).isTrue();
        assertThat(FileChecks.isVendoredPackage("vendor", "go1.24")).isFalse();
        assertThat(FileChecks.isVendoredPackage("notvendor/a/b.go", "")).isFalse();
    }

    @Test
    void submodules_includingUpperCaseGoMod() {
        CheckedFiles cf = check(
                file("go.mod", MOD),
                file("a.go", ""),
                file("sub/go.mod", "module example.com/m/sub\n"),
                file("sub/x.go", ""),
                file("sub/deeper/y.go", ""),
                file("up/GO.MOD", ""),
                file("up/z.go", ""));
        assertThat(cf.valid()).containsExactly("go.mod", "a.go");
        assertThat(cf.omitted())
                .containsExactly(
                        new FileError("sub/go.mod", "file is in another module"),
                        new FileError("sub/x.go", "file is in another module"),
                        new FileError("sub/deeper/y.go", "file is in another module"),
                        new FileError("up/GO.MOD", "file is in another module"),
                        new FileError("up/z.go", "file is in another module"));
    }

    @Test
    void goModCase_atRootIsInvalid() {
        CheckedFiles cf = check(file("GO.MOD", MOD), file("a.go", ""));
        assertThat(cf.invalid()).containsExactly(new FileError("GO.MOD", "go.mod files must have lowercase names"));
        assertThat(cf.valid()).containsExactly("a.go");
    }

    @Test
    void goModSymlink_doesNotMakeASubmodule() {
        CheckedFiles cf = check(fake("sub/go.mod", ZipFileSource.Type.SYMLINK, 0), file("sub/a.go", ""));
        assertThat(cf.valid()).containsExactly("sub/a.go");
        assertThat(cf.omitted()).containsExactly(new FileError("sub/go.mod", "file is a symbolic link"));
    }

    @Test
    void hgArchival_omittedOnlyAtRoot() {
        CheckedFiles cf = check(file(".hg_archival.txt", ""), file("d/.hg_archival.txt", ""));
        assertThat(cf.omitted())
                .containsExactly(
                        new FileError(".hg_archival.txt", "file is inserted by 'hg archive' and is always omitted"));
        assertThat(cf.valid()).containsExactly("d/.hg_archival.txt");
    }

    @Test
    void uncleanAndAbsolutePaths_areInvalid() {
        CheckedFiles cf =
                check(file("a/../b", ""), file("./a", ""), file("a/", ""), file("a//b", ""), file("/abs", ""));
        assertThat(cf.invalid())
                .containsExactly(
                        new FileError("a/../b", "file path is not clean"),
                        new FileError("./a", "file path is not clean"),
                        new FileError("a/", "file path is not clean"),
                        new FileError("a//b", "file path is not clean"),
                        new FileError("/abs", "file path is not relative"));
    }

    @Test
    void badFileName_isInvalidWithCheckFilePathError() {
        CheckedFiles cf = check(file("a:b", ""));
        assertThat(cf.invalid()).hasSize(1);
        assertThat(cf.invalid().get(0).reason()).startsWith("malformed file path \"a:b\": ");
    }

    @Test
    void caseFoldCollisions_asciiAndNonAscii() {
        CheckedFiles cf = check(
                file("a.go", ""),
                file("A.go", ""),
                file("\u00c9t\u00e9.txt", ""),
                file("\u00e9t\u00e9.txt", ""),
                file("K.txt", ""),
                file("\u212a.txt", ""), // KELVIN SIGN folds to k
                file("\u00df", ""),
                file("\u1e9e", "")); // capital sharp s folds to sharp s
        assertThat(cf.valid()).containsExactly("a.go", "\u00c9t\u00e9.txt", "K.txt", "\u00df");
        assertThat(cf.invalid())
                .containsExactly(
                        new FileError("A.go", "case-insensitive file name collision: \"a.go\" and \"A.go\""),
                        new FileError(
                                "\u00e9t\u00e9.txt",
                                "case-insensitive file name collision: \"\u00c9t\u00e9.txt\" and \"\u00e9t\u00e9.txt\""),
                        new FileError(
                                "\u212a.txt", "case-insensitive file name collision: \"K.txt\" and \"\u212a.txt\""),
                        new FileError("\u1e9e", "case-insensitive file name collision: \"\u00df\" and \"\u1e9e\""));
    }

    @Test
    void caseOnlyDifferenceInDirectories_collides() {
        CheckedFiles cf = check(file("A/x.go", ""), file("a/y.go", ""));
        assertThat(cf.invalid())
                .containsExactly(new FileError("a/y.go", "case-insensitive file name collision: \"A\" and \"a\""));
    }

    @Test
    void dottedCapitalI_doesNotFoldToI() {
        // unicode.SimpleFold keeps U+0130 and U+0131 apart from i and I.
        CheckedFiles cf = check(file("i", ""), file("\u0130", ""), file("\u0131", ""));
        assertThat(cf.valid()).containsExactly("i", "\u0130", "\u0131");
    }

    @Test
    void fileAndDirectoryWithOneName_andDuplicates() {
        CheckedFiles cf = check(file("d", ""), file("d/x", ""), file("f", ""), file("f", ""));
        assertThat(cf.invalid())
                .containsExactly(
                        new FileError("d/x", "entry \"d\" is both a file and a directory"),
                        new FileError("f", "multiple entries for file \"f\""));
        assertThat(cf.valid()).containsExactly("d", "f");
    }

    @Test
    void symlinksAndIrregularFiles_areOmitted() {
        CheckedFiles cf = check(
                fake("link", ZipFileSource.Type.SYMLINK, 4),
                fake("pipe", ZipFileSource.Type.OTHER, 0),
                fake("dir", ZipFileSource.Type.DIRECTORY, 0));
        assertThat(cf.omitted())
                .containsExactly(
                        new FileError("link", "file is a symbolic link"),
                        new FileError("pipe", "not a regular file"),
                        new FileError("dir", "not a regular file"));
    }

    @Test
    void goModAndLicenseSize_exactlyAtLimitAndOneOver() {
        long max = ModuleZip.MAX_GO_MOD_BYTES;
        assertThat(check(fake("go.mod", ZipFileSource.Type.REGULAR, max)).valid())
                .containsExactly("go.mod");
        assertThat(check(fake("go.mod", ZipFileSource.Type.REGULAR, max + 1)).invalid())
                .containsExactly(new FileError("go.mod", "go.mod file too large (max size is 16777216 bytes)"));
        assertThat(check(fake("LICENSE", ZipFileSource.Type.REGULAR, max)).valid())
                .containsExactly("LICENSE");
        assertThat(check(fake("LICENSE", ZipFileSource.Type.REGULAR, max + 1)).invalid())
                .containsExactly(new FileError("LICENSE", "LICENSE file too large (max size is 16777216 bytes)"));
        // Only the top-level files are limited.
        assertThat(check(fake("sub/LICENSE", ZipFileSource.Type.REGULAR, max + 1))
                        .valid())
                .containsExactly("sub/LICENSE");
    }

    @Test
    void totalSize_exactlyAtLimitAndOneOver() {
        long half = ModuleZip.MAX_ZIP_BYTES / 2;
        CheckedFiles at =
                check(fake("a", ZipFileSource.Type.REGULAR, half), fake("b", ZipFileSource.Type.REGULAR, half));
        assertThat(at.sizeError()).isEmpty();
        assertThat(at.isValid()).isTrue();
        CheckedFiles over =
                check(fake("a", ZipFileSource.Type.REGULAR, half), fake("b", ZipFileSource.Type.REGULAR, half + 1));
        assertThat(over.sizeError()).contains("module source tree too large (max size is 524288000 bytes)");
        assertThat(over.valid()).containsExactly("a", "b");
        assertThat(over.error()).isEqualTo(Optional.of("module source tree too large (max size is 524288000 bytes)"));
    }

    @Test
    void errorText_listsInvalidFiles() {
        CheckedFiles cf = check(file("a/../b", ""), file("/x", ""));
        assertThat(cf.error()).contains("a/../b: file path is not clean\n/x: file path is not relative");
    }
}
