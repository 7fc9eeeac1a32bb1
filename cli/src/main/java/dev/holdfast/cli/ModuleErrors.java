package dev.holdfast.cli;

/** Puts a failure in the go command's words: {@code path@version: reason}, never wrapped twice. */
final class ModuleErrors {
    private ModuleErrors() {}

    /** Returns the message for a failure to get {@code path} at {@code query}. */
    static String message(String path, String query, Throwable failure) {
        String reason = failure.getMessage() == null ? failure.toString() : failure.getMessage();
        if (reason.startsWith(path + "@")
                || reason.startsWith("module " + path + ":")
                || reason.startsWith("verifying " + path + "@") // the go command's go.sum mismatch, unprefixed
                || query.isEmpty()) {
            return reason;
        }
        return path + "@" + query + ": " + reason;
    }
}
