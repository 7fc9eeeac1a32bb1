package dev.holdfast.cli;

import dev.holdfast.query.QueryException;
import java.io.PrintWriter;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/**
 * How a failure is put into words on standard error: {@code holdfast COMMAND: reason} for a command
 * that failed, and the go command's {@code path@version: reason} for one module among many, never
 * wrapped twice. The exit code always comes from {@link ExitCodes#of}.
 */
final class ErrorReport {
    private ErrorReport() {}

    /** Prints {@code failure} of command {@code command} on {@code err} in one line and returns its exit code. */
    static int report(String command, Throwable failure, PrintWriter err) {
        err.println("holdfast " + command + ": " + reason(failure));
        return ExitCodes.of(failure);
    }

    /**
     * Returns the failure's own message, or its class and nothing else when it has none; a file-system
     * failure names its file and says what went wrong, as the go command's {@code *PathError} does
     * ({@code /x/y: no such file or directory}), where the JDK would give the file's name alone.
     */
    static String reason(Throwable failure) {
        if (failure instanceof FileSystemException fs && fs.getFile() != null) {
            String what = fs.getReason() != null
                    ? fs.getReason()
                    : switch (fs) {
                        case NoSuchFileException n -> "no such file or directory";
                        case AccessDeniedException a -> "permission denied";
                        case FileAlreadyExistsException e -> "file exists";
                        case NotDirectoryException d -> "not a directory";
                        case DirectoryNotEmptyException d -> "directory not empty";
                        default -> fs.getClass().getSimpleName();
                    };
            return fs.getFile() + (fs.getOtherFile() == null ? "" : " -> " + fs.getOtherFile()) + ": " + what;
        }
        return failure.getMessage() == null ? failure.toString() : failure.getMessage();
    }

    /** Returns the message for a failure to get {@code path} at {@code query}. */
    static String forModule(String path, String query, Throwable failure) {
        String reason = reason(failure);
        if (reason.startsWith(path + "@")
                || reason.startsWith("module " + path + ":")
                || reason.startsWith("verifying " + path + "@") // the go command's go.sum mismatch, unprefixed
                || reason.startsWith("cannot match ") // names the target itself
                || query.isEmpty()) {
            return reason;
        }
        if (failure instanceof QueryException.NoMatchingVersion) {
            return "module " + path + ": " + reason; // it names the query (modload's modinfoError)
        }
        return path + "@" + query + ": " + reason;
    }
}
