/**
 * The {@code holdfast} command line: one picocli command per subcommand, configuration, and the only
 * place where concrete sources and stores are wired together. Exceptions become exit codes here and
 * nowhere else (0 success, 1 findings, 2 bad input, 3 unavailable).
 */
package dev.holdfast.cli;
