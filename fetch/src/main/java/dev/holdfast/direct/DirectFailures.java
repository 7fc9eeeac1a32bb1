package dev.holdfast.direct;

import dev.holdfast.fetch.LocalFailureException;
import dev.holdfast.fetch.ModuleNotFoundException;
import dev.holdfast.fetch.UpstreamException;
import java.io.IOException;
import java.util.regex.Pattern;

/**
 * Turns what the go command printed when a direct fetch failed into the failure kinds of {@link
 * dev.holdfast.fetch.ModuleSource}: "not found" for an answer the repository gave (no such repository,
 * revision or version) and, as the go command decides, for a path whose repository cannot be found at
 * all ({@code unrecognized import path}: a host that does not resolve or refuses connections, a page
 * without a go-import tag), unless the link merely broke on the way; a permanent failure for a refusal
 * (credentials, GOVCS); a transient one for a link that broke mid-way (time-outs, resets, server
 * errors), which a retry can get through. The go command's message is kept as it wrote
 * it, with any password in a URL replaced by {@code xxxxx}.
 */
final class DirectFailures {
    /** Answers that asking again will not change. */
    private static final Pattern NOT_FOUND = Pattern.compile(
            "unknown revision|invalid version|no matching versions|not found|404 Not Found|410 Gone"
                    + "|does not contain|module declares its path as|malformed module path|invalid pseudo-version"
                    + "|disallowed version string|no secure protocol found|is not a valid|repository .* does not exist",
            Pattern.CASE_INSENSITIVE);

    /** A repository or a policy that refused: only a change of credentials or settings helps. */
    private static final Pattern REFUSED = Pattern.compile(
            "terminal prompts disabled|could not read Username|could not read Password|Authentication failed"
                    + "|401 Unauthorized|403 Forbidden|Permission denied|GOVCS disallows|disabled by GOVCS",
            Pattern.CASE_INSENSITIVE);

    /** A link that broke mid-way or a server that failed for now: worth another attempt. */
    private static final Pattern TRANSIENT = Pattern.compile(
            "timeout|timed out|connection reset|broken pipe|unexpected EOF|early EOF|RPC failed|remote end hung up"
                    + "|\\b5\\d\\d\\b|TLS handshake|temporary failure|try again",
            Pattern.CASE_INSENSITIVE);

    /** How the go command begins a failure to find the repository of a path (vcs.RepoRootForImportPath). */
    private static final String UNRECOGNIZED = "unrecognized import path";

    private static final Pattern PASSWORD_IN_URL = Pattern.compile("(://[^/@\\s:]*):[^/@\\s]*@");

    /** How much of the go command's message is kept. */
    static final int MAX_MESSAGE = 2048;

    private DirectFailures() {}

    /**
     * Returns the failure the go command reported with {@code stderr}; {@code credentials} describes the
     * credential sources that were available, for a refusal's message.
     */
    static IOException of(String stderr, Credentials credentials) {
        String message = clean(stderr);
        if (message.contains("executable file not found in $PATH")) {
            // A tool missing here (git, hg) is Holdfast's machine's failure, not the repository's answer.
            return new LocalFailureException(message, null);
        }
        boolean refused = REFUSED.matcher(message).find();
        if (message.contains(UNRECOGNIZED) && !TRANSIENT.matcher(message).find()) {
            // No repository could be found for the path: the go command's lookupDirect calls that "not
            // found" whatever the cause (a host that does not resolve, refuses, or answers without a
            // go-import tag), so its GOPROXY walk goes on and a package query tries the shorter paths.
            return new ModuleNotFoundException(refused ? message + " (" + credentials.describe() + ")" : message);
        }
        if (refused) {
            return new UpstreamException(message + " (" + credentials.describe() + ")", 403, false);
        }
        if (NOT_FOUND.matcher(message).find()) {
            return new ModuleNotFoundException(message);
        }
        return new UpstreamException(message, 502, TRANSIENT.matcher(message).find());
    }

    /** Returns the message without the go command's {@code go: } prefix, passwords or control characters. */
    static String clean(String stderr) {
        String message = stderr.strip();
        StringBuilder kept = new StringBuilder();
        for (String line : message.split("\n")) {
            String l = line.startsWith("go: ") ? line.substring(4) : line;
            if (l.isBlank()) {
                continue;
            }
            kept.append(kept.isEmpty() ? "" : "\n\t").append(l.strip());
        }
        String redacted = PASSWORD_IN_URL.matcher(kept).replaceAll("$1:xxxxx@");
        StringBuilder graphic = new StringBuilder();
        redacted.codePoints()
                .filter(c -> c == '\n' || c == '\t' || !Character.isISOControl(c))
                .limit(MAX_MESSAGE)
                .forEach(graphic::appendCodePoint);
        return graphic.isEmpty() ? "the go command failed without a message" : graphic.toString();
    }
}
