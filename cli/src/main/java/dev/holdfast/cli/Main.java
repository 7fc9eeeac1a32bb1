package dev.holdfast.cli;

import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code holdfast} command: parses the command line and runs the chosen subcommand. */
@Command(
        name = "holdfast",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = {
            "Keeps Go builds going when the network fails, and dependencies from drifting.",
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
    /**
     * The commands by name, in the order --help lists them. Building picocli's model of a command reads
     * its annotations and fields by reflection; doing that for every command costs a short command about
     * 0.2 s, so a run builds only the command it runs ({@link #commandLine}).
     */
    static final Map<String, Class<? extends HoldfastCommand>> COMMANDS = commands();

    private static Map<String, Class<? extends HoldfastCommand>> commands() {
        Map<String, Class<? extends HoldfastCommand>> commands = new LinkedHashMap<>();
        commands.put("fetch", FetchCommand.class);
        commands.put("list", ListCommand.class);
        commands.put("graph", GraphCommand.class);
        commands.put("why", WhyCommand.class);
        commands.put("download", DownloadCommand.class);
        commands.put("warm", WarmCommand.class);
        commands.put("export", ExportCommand.class);
        commands.put("import", ImportCommand.class);
        commands.put("down", DownCommand.class);
        commands.put("bisect", BisectCommand.class);
        commands.put("status", StatusCommand.class);
        commands.put("recover", RecoverCommand.class);
        commands.put("serve", ServeCommand.class);
        commands.put("verify", VerifyCommand.class);
        commands.put("drift", DriftCommand.class);
        return Collections.unmodifiableMap(commands);
    }

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    /** Runs holdfast with {@code args} and exits with its exit code. */
    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("serve")) {
            CarrierThreads.widenForServing(); // before any virtual thread exists
        }
        System.exit(run(args));
    }

    /** Runs holdfast with {@code args} and returns the exit code, without exiting. */
    static int run(String... args) {
        boolean terminal = System.console() != null && System.console().isTerminal();
        return execute(args, System.getenv(), System.out, System.err, terminal);
    }

    /**
     * Runs holdfast in this process as if started with {@code args} in process environment {@code env}
     * (where it reads GOPROXY, GOMODCACHE and the rest, as {@link System#getenv()} in {@link #main}), writing
     * results to {@code out} and progress and errors to {@code err}, and returns the exit code. Never exits
     * and never draws a progress bar. The streams are flushed, not closed. Log lines ({@code --verbose},
     * {@code --debug}, warnings) still go to the process's standard error, through the logging setup.
     * Thread-safe as far as the options go; {@code --verbose} and {@code --debug} change the process-wide
     * log level. {@code holdfast serve} runs until the calling thread is interrupted (or the process gets
     * SIGTERM or SIGINT), then stops gracefully and returns 0.
     */
    public static int execute(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
        return execute(args, env, out, err, false);
    }

    private static int execute(
            String[] args, Map<String, String> env, PrintStream out, PrintStream err, boolean terminal) {
        PrintWriter outWriter = new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), true);
        PrintWriter errWriter = new PrintWriter(new OutputStreamWriter(err, StandardCharsets.UTF_8), true);
        try {
            return commandLine(args, new Factory(Map.copyOf(env), terminal))
                    .setOut(outWriter)
                    .setErr(errWriter)
                    .setExecutionExceptionHandler(Main::failed)
                    .setParameterExceptionHandler(Main::badUsage)
                    .setExitCodeExceptionMapper(ExitCodes::of)
                    .execute(args);
        } finally {
            outWriter.flush();
            errWriter.flush();
        }
    }

    /**
     * Returns the command line for {@code args}: the root with only the command {@code args} names when
     * it names one, else (no command, --help, --version, a misspelt command) with all of them, so usage and
     * "did you mean" see every command.
     */
    static CommandLine commandLine(String[] args, CommandLine.IFactory factory) {
        CommandLine root = new CommandLine(new Main(), factory);
        Class<? extends HoldfastCommand> chosen = args.length > 0 ? COMMANDS.get(args[0]) : null;
        if (chosen != null) {
            root.addSubcommand(args[0], new CommandLine(chosen, factory));
        } else {
            COMMANDS.forEach((name, type) -> root.addSubcommand(name, new CommandLine(type, factory)));
        }
        return root;
    }

    /**
     * Creates the commands as picocli would and tells each the environment it runs in ({@link
     * HoldfastCommand#runIn}), so adding a command takes one line in {@link #COMMANDS} and
     * nothing here.
     */
    private record Factory(Map<String, String> env, boolean terminal) implements CommandLine.IFactory {
        @Override
        public <K> K create(Class<K> type) throws Exception {
            K created = CommandLine.defaultFactory().create(type);
            if (created instanceof HoldfastCommand command) {
                command.runIn(env, terminal);
            }
            return created;
        }
    }

    /**
     * Reports bad usage (an unknown option, a missing parameter) in two lines, the problem and where help
     * is, instead of the whole usage message after it, and returns the bad-usage exit code.
     */
    private static int badUsage(CommandLine.ParameterException failure, String[] args) {
        CommandLine command = failure.getCommandLine();
        PrintWriter err = command.getErr();
        err.println("holdfast: " + failure.getMessage());
        if (failure instanceof CommandLine.UnmatchedArgumentException unmatched) {
            CommandLine.UnmatchedArgumentException.printSuggestions(unmatched, err);
        }
        String name = command.getCommandSpec().qualifiedName();
        err.println("Run '" + name + " --help' for usage.");
        return ExitCodes.BAD_INPUT;
    }

    /** Reports a failure that escaped a command on standard error in one line and returns its exit code. */
    private static int failed(Exception failure, CommandLine command, CommandLine.ParseResult parsed) {
        return ErrorReport.report(command.getCommandName(), failure, command.getErr());
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
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
