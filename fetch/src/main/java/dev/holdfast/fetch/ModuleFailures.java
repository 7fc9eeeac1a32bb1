package dev.holdfast.fetch;

import dev.holdfast.module.ModulePath;
import dev.holdfast.module.PseudoVersion;
import java.io.IOException;

/**
 * Turns a transport failure into a module source failure with the go command's message shape (its
 * {@code proxyRepo.versionError}): {@code module P: ...} without a version, {@code P@V: ...} for a
 * canonical version and {@code P@V: invalid version: ...} for a query such as a branch name.
 */
final class ModuleFailures {
    private ModuleFailures() {}

    /** Returns the message prefix for failures about {@code path} at {@code version} ({@code ""} for none). */
    static String prefix(String path, String version) {
        if (version.isEmpty()) {
            return "module " + path + ": ";
        }
        if (!version.equals(ModulePath.canonicalVersion(version))) {
            String noun = PseudoVersion.isPseudoVersion(version) ? "pseudo-version" : "version";
            return path + "@" + version + ": invalid " + noun + ": ";
        }
        return path + "@" + version + ": ";
    }

    /**
     * Returns {@code e} as a failure of module {@code path} at {@code version}: a 404 or 410 becomes
     * {@link ModuleNotFoundException}, another status an {@link UpstreamException} (transient for 429 and
     * 5xx), an oversized zip a permanent {@link UpstreamException}; other failures keep their kind.
     */
    static IOException of(String path, String version, IOException e) {
        String message = prefix(path, version) + e.getMessage();
        IOException failure =
                switch (e) {
                    case HttpError h when h.isNotExist() -> new ModuleNotFoundException(message, h);
                    case HttpError h ->
                        new UpstreamException(message, h.statusCode(), isTransient(h.statusCode()), h.retryAfter());
                    case ResponseTooLargeException r -> new ResponseTooLargeException(message);
                    case ProxyTransport.ZipTooLargeException z -> new UpstreamException(message, 200, false);
                    default -> Failures.withMessage(e, message);
                };
        if (failure.getCause() == null) {
            failure.initCause(e);
        }
        return failure;
    }

    /** Reports whether an answer with HTTP status {@code status} may change if asked again. */
    static boolean isTransient(int status) {
        return status == 429 || status >= 500;
    }
}
