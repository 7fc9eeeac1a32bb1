package dev.holdfast.cli;

import dev.holdfast.fetch.GoSumVerifier;
import dev.holdfast.modfile.GoModFile;
import dev.holdfast.modload.GoModException;
import dev.holdfast.modload.MainModule;
import dev.holdfast.sum.GoSum;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * A Go project's files as a command found them when it started: the directory it runs in, the module
 * root (the nearest directory with a go.mod, as the go command finds it), and the bytes of go.mod and
 * go.sum — or of the files GOFLAGS' {@code -modfile} names instead.
 *
 * @param dir the directory the command runs in, absolute
 * @param root the module root: {@code dir} or its nearest parent with a go.mod
 * @param goMod the bytes of go.mod
 * @param goSum the bytes of go.sum, or null when there is none
 * @param goModName the go.mod file as messages name it: {@code go.mod} relative to {@code dir}, or the
 *     {@code -modfile} value as given
 * @param goSumFile the go.sum file, absolute
 */
record GoProject(Path dir, Path root, byte[] goMod, byte[] goSum, String goModName, Path goSumFile) {

    /**
     * Reads the project that governs {@code dir}: its nearest go.mod and the go.sum beside it.
     *
     * @throws GoModException with the go command's message when there is no go.mod
     */
    static GoProject read(Path dir) throws IOException {
        return read(dir, "");
    }

    /**
     * Reads the project that governs {@code dir} as {@link #read(Path)} does, but with {@code modFile} (a
     * {@code -modfile} value, relative to {@code dir}; {@code ""} for none) read instead of the root's go.mod,
     * and the {@code .sum} file beside it instead of go.sum: a go.mod must still exist to mark the root.
     *
     * @throws IllegalArgumentException with the go command's {@code chdir} message when {@code dir} is not a
     *     directory
     * @throws GoModException with the go command's message when there is no go.mod, {@code modFile} does not
     *     end in {@code .mod} or cannot be opened
     */
    static GoProject read(Path dir, String modFile) throws IOException {
        Path here = ProjectCommand.checkDirectory(dir);
        if (!modFile.isEmpty() && !modFile.endsWith(".mod")) {
            throw new GoModException("-modfile=" + modFile + ": file does not have .mod extension");
        }
        Path root = MainModule.findRoot(here)
                .orElseThrow(() -> new GoModException(
                        "go.mod file not found in current directory or any parent directory; see 'go help modules'"));
        Path goModFile = modFile.isEmpty()
                ? root.resolve("go.mod")
                : here.resolve(modFile).normalize();
        Path goSumFile = modFile.isEmpty()
                ? root.resolve("go.sum")
                : here.resolve(modFile.substring(0, modFile.length() - ".mod".length()) + ".sum")
                        .normalize();
        byte[] goMod;
        try {
            goMod = GoModFile.read(goModFile);
        } catch (NoSuchFileException e) {
            if (modFile.isEmpty()) {
                throw e;
            }
            throw new GoModException("open " + modFile + ": no such file or directory");
        }
        byte[] goSum;
        try (InputStream in = Files.newInputStream(goSumFile)) {
            goSum = in.readNBytes(GoSum.MAX_GO_SUM_BYTES + 1); // too large is reported by the parser
        } catch (NoSuchFileException e) {
            goSum = null;
        }
        String name = modFile.isEmpty() ? MainModule.shortPath(here, goModFile) : modFile;
        return new GoProject(here, root, goMod, goSum, name, goSumFile);
    }

    /**
     * Returns the parsed go.sum, empty when there is none.
     *
     * @throws dev.holdfast.sum.MalformedGoSumException naming the file, as {@link GoSum#read} does
     */
    GoSum sums() {
        return goSum == null ? GoSum.empty() : GoSum.parse(goSumFile.toString(), goSum);
    }

    /**
     * Returns the check against go.sum; chain the next check with {@code orElse}. The go command names
     * the file by its base name in mismatch messages (fetch.go checkModSum).
     */
    GoSumVerifier goSumVerifier() {
        return new GoSumVerifier(sums(), "go.sum");
    }
}
