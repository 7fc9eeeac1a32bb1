package dev.holdfast.fetch;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * GOAUTH's {@code git DIR} command, as the go command's {@code gitauth.go}: {@code git credential fill}
 * run in DIR for a URL, its answer read as a URL prefix and the user and password for it. The go command
 * then also checks them with a {@code HEAD} request and has the helper approve or reject them; that
 * step, which only maintains the helper's store, is not copied.
 */
final class GitAuth {
    private GitAuth() {}

    /**
     * Returns the directory of GOAUTH command {@code git DIR}, checked as the go command checks it.
     *
     * @throws IllegalArgumentException with the go command's message when it is missing, relative, or no
     *     directory
     */
    static Path dir(List<String> words) {
        String required = "GOAUTH=git dir method requires an absolute path to the git working directory";
        if (words.size() != 2) {
            throw new IllegalArgumentException(required);
        }
        Path dir = Path.of(words.get(1));
        if (!dir.isAbsolute()) {
            throw new IllegalArgumentException(required + ", dir is not absolute");
        }
        if (!Files.exists(dir)) {
            throw new IllegalArgumentException("GOAUTH=git encountered an error; cannot stat " + dir + ": stat " + dir
                    + ": no such file or directory");
        }
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException(required + ", dir is not a directory");
        }
        return dir;
    }

    /** The credentials {@code git credential fill} gave: a URL prefix and its {@code Authorization}. */
    record Credential(String prefix, GoAuth.Header header) {}

    /**
     * Runs {@code git credential fill} in {@code dir} for {@code url}, as the go command's {@code
     * runGitAuth}: none when git fails, names no URL, or names one that is no prefix of {@code url}.
     */
    static Optional<Credential> fill(Path dir, String url, Map<String, String> env) {
        try {
            ProcessRun run = ProcessRun.of(
                    List.of("git", "credential", "fill"),
                    dir,
                    env,
                    GoAuth.COMMAND_LIMIT,
                    ("url=" + url + "\n").getBytes(StandardCharsets.UTF_8));
            if (run.status() != 0) {
                return Optional.empty();
            }
            return parse(new String(run.out(), StandardCharsets.UTF_8)).filter(c -> url.startsWith(c.prefix()));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /**
     * Parses what {@code git credential fill} prints, as the go command's {@code parseGitAuth}: {@code
     * key=value} lines; the prefix from {@code protocol}, {@code host} and {@code path}, or from a {@code
     * url} line that parses; the user and password. Empty when no prefix can be made.
     */
    static Optional<Credential> parse(String data) {
        String scheme = "";
        String host = "";
        String path = "";
        String fromUrl = null;
        String user = "";
        String password = "";
        for (String line : data.split("\n", -1)) {
            String l = line.strip();
            int eq = l.indexOf('=');
            if (eq < 0) {
                continue;
            }
            String value = l.substring(eq + 1);
            switch (l.substring(0, eq)) {
                case "protocol" -> scheme = value;
                case "host" -> host = value;
                case "path" -> path = value;
                case "username" -> user = value;
                case "password" -> password = value;
                case "url" -> {
                    try {
                        URI u = new URI(value);
                        if (u.isAbsolute() || value.startsWith("/")) {
                            fromUrl = u.toString();
                        }
                    } catch (URISyntaxException e) {
                        // the go command skips a malformed url line, keeping what the others said
                    }
                }
                default -> {}
            }
        }
        String prefix = fromUrl != null ? fromUrl : url(scheme, host, path);
        if (prefix.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(
                new Credential(prefix, new GoAuth.Header("Authorization", BasicAuth.header(user, password))));
    }

    /** Go's {@code url.URL.String} of a scheme, host and path (the path given a leading slash after a host). */
    private static String url(String scheme, String host, String path) {
        StringBuilder b = new StringBuilder();
        if (!scheme.isEmpty()) {
            b.append(scheme).append(':');
        }
        if (!scheme.isEmpty() || !host.isEmpty()) {
            b.append("//").append(host);
        }
        if (!path.isEmpty() && !path.startsWith("/") && !host.isEmpty()) {
            b.append('/');
        }
        return b.append(path).toString();
    }
}
