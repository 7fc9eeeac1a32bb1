package dev.holdfast.cli;

/**
 * Help text several commands share, so that it is written once. Each is one paragraph; picocli wraps it
 * to the usage width.
 */
final class Help {
    /** The exit code of bad input to a command that loads the module graph. */
    static final String BAD_PROJECT =
            "2 bad input (no go.mod, a go.mod that does not parse, an unknown module or version, a missing"
                    + " replacement directory)";

    /** The exit code of an outage. */
    static final String UNAVAILABLE = "3 the network or every upstream was unavailable";

    /** The exit codes of a command that prints what it read of the module graph. */
    static final String GRAPH_EXIT_CODES =
            "Exit codes: 0 printed; " + BAD_PROJECT + "; 1 another failure; " + UNAVAILABLE + ".";

    /** Where the graph commands read from. */
    static final String GRAPH_SOURCES = "The go.mod is found in the project directory (-C) or its nearest"
            + " parent; go.mod files of dependencies come through GOPROXY and the module cache. In workspace"
            + " mode (a go.work at or above the directory, or GOWORK naming one; GOWORK=off leaves it) the"
            + " main modules are those the go.work uses, with its replace directives, as the go command has"
            + " them.";

    private Help() {}
}
