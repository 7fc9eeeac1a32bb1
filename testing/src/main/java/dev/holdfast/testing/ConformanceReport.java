package dev.holdfast.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Records how many inputs a conformance check compared with the go command and how many agreed,
 * one tab-separated line per check in {@code target/conformance/<area>.tsv} of the running module.
 * {@code scripts/conformance-report} turns these files into the table in docs/conformance.md, so
 * the published counts are the ones a test run saw.
 */
public final class ConformanceReport {
    /** Areas written by this JVM: the first write of a run replaces the previous run's file. */
    private static final java.util.Set<String> STARTED = new java.util.HashSet<>();

    private ConformanceReport() {}

    /**
     * Appends one line: {@code area}, {@code check} (what was compared, against what), the number of
     * inputs compared and the number that agreed. Call it before asserting, so a failing run still
     * leaves its counts.
     */
    public static synchronized void record(String area, String check, long compared, long agreed) {
        Path dir = Path.of(System.getProperty("holdfast.conformance.dir", "target/conformance"));
        String line = String.join("\t", area, check.replace('\t', ' '), Long.toString(compared), Long.toString(agreed))
                + "\n";
        try {
            Files.createDirectories(dir);
            StandardOpenOption mode =
                    STARTED.add(area) ? StandardOpenOption.TRUNCATE_EXISTING : StandardOpenOption.APPEND;
            Files.writeString(
                    dir.resolve(area + ".tsv"), line, StandardCharsets.UTF_8, StandardOpenOption.CREATE, mode);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
