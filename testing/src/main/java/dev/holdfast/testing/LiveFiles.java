package dev.holdfast.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * The regular files under a directory that another process is changing while a test watches it: a server
 * filling its cache renames and deletes temporary files between the moment a walk lists a directory and
 * the moment it opens it, which {@link Files#walk} reports as an {@link UncheckedIOException}. A walk that
 * meets such a change is started again, so a poll sees a consistent picture instead of failing.
 */
public final class LiveFiles {
    private static final int ATTEMPTS = 50;

    private LiveFiles() {}

    /**
     * Returns the sizes of the regular files under {@code dir} whose names {@code name} accepts, or none if
     * {@code dir} does not exist.
     *
     * @throws IllegalStateException if the directory changed during every one of 50 walks
     */
    public static List<Long> sizes(Path dir, Predicate<String> name) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            if (!Files.isDirectory(dir)) {
                return List.of();
            }
            try (Stream<Path> files = Files.walk(dir)) {
                return files.filter(Files::isRegularFile)
                        .filter(f -> name.test(f.getFileName().toString()))
                        .map(f -> f.toFile().length())
                        .toList();
            } catch (NoSuchFileException e) {
                // dir itself went away after the check: look again
            } catch (UncheckedIOException e) {
                if (!(e.getCause() instanceof NoSuchFileException)) {
                    throw e;
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        throw new IllegalStateException(dir + " changed during each of " + ATTEMPTS + " walks");
    }
}
