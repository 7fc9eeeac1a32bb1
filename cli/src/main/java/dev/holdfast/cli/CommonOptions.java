package dev.holdfast.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import java.nio.file.Path;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Option;

/** Options every project command takes: where the project is, and how much to say. */
final class CommonOptions {
    @Option(
            names = {"-C", "--dir"},
            paramLabel = "DIR",
            description = "The Go project directory (default: the current directory).")
    private Path dir = Path.of("");

    @Option(
            names = {"-q", "--quiet"},
            description = "No progress and no summary; results and errors only.")
    private boolean quiet;

    @Option(
            names = {"-v", "--verbose"},
            description = "Log what Holdfast does (info level, on standard error).")
    private boolean verbose;

    @Option(names = "--debug", description = "Log every request, attempt and retry (debug level, on standard error).")
    private boolean debug;

    /** Returns the project directory, absolute. */
    Path dir() {
        return dir.toAbsolutePath().normalize();
    }

    /** Reports whether progress and summaries are off. */
    boolean quiet() {
        return quiet;
    }

    /** Raises Holdfast's log level as the options ask; the default shows warnings only. */
    void configureLogging() {
        if (debug || verbose) {
            Logger holdfast = (Logger) LoggerFactory.getLogger("dev.holdfast");
            holdfast.setLevel(debug ? Level.DEBUG : Level.INFO);
        }
    }
}
