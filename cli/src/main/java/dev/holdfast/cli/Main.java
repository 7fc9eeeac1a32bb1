package dev.holdfast.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code holdfast} command: parses the command line and runs the chosen subcommand. */
@Command(
        name = "holdfast",
        mixinStandardHelpOptions = true,
        subcommands = {FetchCommand.class, ServeCommand.class},
        versionProvider = Main.Version.class,
        description = {
            "Keeps Go builds going when the network fails and keeps dependencies from drifting.",
            "",
            "Holdfast works with the unmodified go command: it reads the same go.mod, go.sum,",
            "module cache and go environment (GOPROXY, GONOSUMDB, ...) the go command does."
        },
        footer = {
            "",
            "Exit codes: 0 success, 1 findings or a failed check, 2 bad usage or bad input,",
            "3 the network or an upstream was unavailable and nothing could substitute."
        })
public final class Main implements Runnable {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    /** Runs holdfast with {@code args} and exits with its exit code. */
    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs holdfast with {@code args} and returns the exit code, without exiting. */
    static int run(String... args) {
        return new CommandLine(new Main())
                .setExecutionExceptionHandler(Main::failed)
                .setExitCodeExceptionMapper(ExitCodes::of)
                .execute(args);
    }

    /** Reports a command's failure on standard error in one line and returns its exit code. */
    private static int failed(Exception failure, CommandLine command, CommandLine.ParseResult parsed) {
        String message = failure.getMessage() == null ? failure.toString() : failure.getMessage();
        command.getErr().println("holdfast " + command.getCommandName() + ": " + message);
        return ExitCodes.of(failure);
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** Reports the version recorded in the jar's manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = Main.class.getPackage().getImplementationVersion();
            return new String[] {"holdfast " + (version == null ? "(development build)" : version)};
        }
    }
}
