package dev.holdfast.cli;

import java.io.PrintWriter;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * What every holdfast command has: the logging options, the process environment it runs in and the
 * {@link Context} built from it, its output streams, and one way of turning a failure into a message and an exit code ({@link
 * ErrorReport}). A command is its options and its {@link #run} body: it returns an exit code or throws.
 * Not thread-safe: picocli creates one instance per run.
 */
abstract class HoldfastCommand implements Callable<Integer> {

    @Mixin
    private LoggingOptions logging;

    @Spec
    private CommandSpec spec;

    private Map<String, String> environment = Map.of();
    private boolean terminal;
    private Context context;

    /**
     * Runs the command in process environment {@code env} (where it reads GOPROXY, GOMODCACHE and the
     * rest), drawing progress bars when {@code terminal}; called by {@link Main} before the options are
     * parsed.
     */
    final void runIn(Map<String, String> env, boolean terminal) {
        this.environment = Map.copyOf(env);
        this.terminal = terminal;
    }

    /**
     * Configures logging, runs the command and returns its exit code; a failure is reported on standard
     * error in one line and becomes the exit code of {@link ExitCodes#of}.
     */
    @Override
    public final Integer call() {
        logging.configure();
        try {
            return run();
        } catch (CommandLine.ParameterException usage) {
            throw usage; // picocli reports bad usage with the command's synopsis
        } catch (Exception failure) {
            return ErrorReport.report(name(), failure, err());
        }
    }

    /** Does the command's work and returns its exit code; bad input and failures are thrown. */
    abstract int run() throws Exception;

    /** Returns the command's name, as the user typed it after {@code holdfast}. */
    final String name() {
        return spec.name();
    }

    /** Returns where results go: standard output. */
    final PrintWriter out() {
        return spec.commandLine().getOut();
    }

    /** Returns where progress, notes and errors go: standard error. */
    final PrintWriter err() {
        return spec.commandLine().getErr();
    }

    /** Returns the process environment the command runs in. */
    final Map<String, String> environment() {
        return environment;
    }

    /** Returns the composition root of this run, made on first use. */
    final Context context() {
        if (context == null) {
            context = new Context(environment, Clock.systemUTC());
        }
        return context;
    }

    /** Reports whether standard error is a terminal, so progress may be drawn as a bar. */
    final boolean terminal() {
        return terminal;
    }

    /** Reports whether progress and summaries are off. */
    final boolean quiet() {
        return logging.quiet();
    }

    /** Returns bad usage of this command: a message picocli prints with the synopsis, exit code 2. */
    final CommandLine.ParameterException badUsage(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }
}
