package dev.holdfast.degraded;

import dev.holdfast.store.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where degraded mode keeps its compromise for a project, and how it is written and removed: the
 * directory {@code .holdfast/degraded} under the module root, holding {@code go.mod} and {@code go.sum}
 * (the overlay for {@code go build -modfile=.holdfast/degraded/go.mod}; the go command derives the
 * go.sum name from the go.mod name), {@code substitutions.json} ({@link OverlayRecord}) and a {@code
 * .gitignore} that keeps all of it out of version control. The project's own go.mod and go.sum are
 * never written.
 *
 * <p>Why under the module root rather than the user cache directory: the overlay belongs to one
 * checkout, moves and disappears with it, and is found without configuration; the go command ignores
 * directories whose names begin with a dot when it matches {@code ./...}, so the overlay's go.mod
 * never becomes a module or package of the build.
 *
 * <p>Each file is written to a temporary file and renamed into place; the record is written last, so
 * a record always describes overlay files that exist. Removal deletes the record first.
 */
public final class Overlay {
    /** The overlay directory, relative to the module root. */
    public static final String DIR = ".holdfast/degraded";

    private static final String RECORD = "substitutions.json";

    private final Path moduleRoot;

    private Overlay(Path moduleRoot) {
        this.moduleRoot = moduleRoot.toAbsolutePath().normalize();
    }

    /** Returns the overlay location of the module rooted at {@code moduleRoot}. */
    public static Overlay of(Path moduleRoot) {
        return new Overlay(moduleRoot);
    }

    /** Returns the overlay directory. */
    public Path dir() {
        return moduleRoot.resolve(DIR);
    }

    /** Returns the overlay go.mod, the file {@code -modfile} names. */
    public Path goMod() {
        return dir().resolve("go.mod");
    }

    /** Returns the overlay go.sum. */
    public Path goSum() {
        return dir().resolve("go.sum");
    }

    /** Returns the substitution record. */
    public Path record() {
        return dir().resolve(RECORD);
    }

    /** Reports whether an overlay is in place (its record exists). */
    public boolean exists() {
        return Files.isRegularFile(record());
    }

    /**
     * Returns the record of the overlay in place, or empty when there is none.
     *
     * @throws IllegalArgumentException if the record is malformed
     */
    public Optional<OverlayRecord> read() throws IOException {
        try {
            return Optional.of(OverlayRecord.parse(Files.readAllBytes(record())));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    /** Writes the overlay: {@code goMod}, {@code goSum}, then {@code record}, replacing any earlier one. */
    public void write(byte[] goMod, byte[] goSum, OverlayRecord record) throws IOException {
        Files.createDirectories(dir());
        replace(
                dir().resolve(".gitignore"),
                "# Written by holdfast: local degraded-mode state.\n*\n".getBytes(StandardCharsets.UTF_8));
        replace(goMod(), goMod);
        replace(goSum(), goSum);
        replace(record(), record.format());
    }

    /**
     * Removes the overlay and, when it is left empty, the {@code .holdfast} directory; reports whether
     * there was an overlay.
     */
    public boolean remove() throws IOException {
        boolean existed = Files.deleteIfExists(record());
        for (String name : new String[] {"go.mod", "go.sum", ".gitignore"}) {
            existed |= Files.deleteIfExists(dir().resolve(name));
        }
        deleteIfEmpty(dir());
        deleteIfEmpty(dir().getParent());
        return existed;
    }

    private static void deleteIfEmpty(Path dir) throws IOException {
        try {
            Files.deleteIfExists(dir);
        } catch (DirectoryNotEmptyException e) {
            // something else lives there: leave it
        }
    }

    private static void replace(Path target, byte[] data) throws IOException {
        AtomicFiles.write(target.toAbsolutePath(), data);
    }
}
