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
 * go.sum.
 *
 * @param dir the directory the command runs in, absolute
 * @param root the module root: {@code dir} or its nearest parent with a go.mod
 * @param goMod the bytes of go.mod
 * @param goSum the bytes of go.sum, or null when there is none
 */
record GoProject(Path dir, Path root, byte[] goMod, byte[] goSum) {

    /**
     * Reads the project that governs {@code dir}: its nearest go.mod and the go.sum beside it.
     *
     * @throws GoModException with the go command's message when there is no go.mod
     */
    static GoProject read(Path dir) throws IOException {
        Path root = MainModule.findRoot(dir)
                .orElseThrow(() -> new GoModException(
                        "go.mod file not found in current directory or any parent directory; see 'go help modules'"));
        byte[] goMod = GoModFile.read(root.resolve("go.mod"));
        byte[] goSum;
        try (InputStream in = Files.newInputStream(root.resolve("go.sum"))) {
            goSum = in.readNBytes(GoSum.MAX_GO_SUM_BYTES + 1); // too large is reported by the parser
        } catch (NoSuchFileException e) {
            goSum = null;
        }
        return new GoProject(dir.toAbsolutePath().normalize(), root, goMod, goSum);
    }

    /**
     * Returns the parsed go.sum, empty when there is none.
     *
     * @throws dev.holdfast.sum.MalformedGoSumException naming the file, as {@link GoSum#read} does
     */
    GoSum sums() {
        return goSum == null
                ? GoSum.empty()
                : GoSum.parse(root.resolve("go.sum").toString(), goSum);
    }

    /**
     * Returns the check against go.sum; chain the next check with {@code orElse}. The go command names
     * the file by its base name in mismatch messages (fetch.go checkModSum).
     */
    GoSumVerifier goSumVerifier() {
        return new GoSumVerifier(sums(), "go.sum");
    }
}
