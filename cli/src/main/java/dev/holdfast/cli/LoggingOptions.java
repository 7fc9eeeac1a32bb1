package dev.holdfast.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Option;

/** Options every command takes: how much to say. */
final class LoggingOptions {
    @Option(
            names = {"-q", "--quiet"},
            description = "No progress and no summary; results and errors only (serve: no access log).")
    private boolean quiet;

    @Option(
            names = {"-v", "--verbose"},
            description = "Log what Holdfast does (info level, on standard error).")
    private boolean verbose;

    @Option(names = "--debug", description = "Log every request, attempt and retry (debug level, on standard error).")
    private boolean debug;

    /** Reports whether progress and summaries are off. */
    boolean quiet() {
        return quiet;
    }

    /** Raises Holdfast's log level as the options ask; the default shows warnings only. */
    void configure() {
        if (debug || verbose) {
            Logger holdfast = (Logger) LoggerFactory.getLogger("dev.holdfast");
            holdfast.setLevel(debug ? Level.DEBUG : Level.INFO);
        }
    }
}
