/**
 * Module zip files: creating them from a file list or a directory, checking them, and extracting
 * them, with the rules of golang.org/x/mod/zip.
 *
 * <p>This package exists because a module zip is only useful if the go command would accept it and
 * compute the same {@code h1:} hash from it. The constraints (x/mod zip.go package documentation):
 *
 * <ul>
 *   <li>every entry starts with {@code <module>@<version>/}; the module path is valid, the version
 *       canonical and consistent with the path's major version suffix, and the rest of the entry name
 *       is a valid file path ({@code module.CheckFilePath});
 *   <li>no two paths are equal under Unicode case folding, and no path is both a file and a
 *       directory;
 *   <li>a go.mod file may appear only at the top level and only as {@code go.mod} (not {@code
 *       GO.MOD}); directories holding any other go.mod are nested modules and are left out;
 *   <li>the zip file and the total uncompressed size are at most {@link ModuleZip#MAX_ZIP_BYTES}
 *       (500 MiB); go.mod and LICENSE at most 16 MiB each;
 *   <li>each entry's data matches its declared uncompressed size;
 *   <li>symbolic links and other irregular files, vendored packages, version control directories and
 *       {@code .hg_archival.txt} are omitted; from go 1.24 on (the root go.mod's go line) {@code
 *       vendor/modules.txt} is omitted too and {@code pkg/vendor/x.go} is kept.
 * </ul>
 *
 * <p>Which file is valid, omitted or invalid, and the reason text, must equal x/mod's, because the
 * proxy reports them and the conformance tests compare them. Sizes are checked from the declared
 * sizes before any data is read, and reading is capped by those sizes, so neither a zip bomb nor an
 * oversized file costs more than the limits. The zip format itself is read and written by {@link
 * dev.holdfast.zip.archive}, which behaves like Go's {@code archive/zip}.
 */
package dev.holdfast.zip;
