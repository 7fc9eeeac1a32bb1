package dev.holdfast.direct;

import dev.holdfast.fetch.ProcessRun;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The credential sources a direct fetch had, named for a message when a repository refused: the
 * {@code .netrc} file (the go command's and git's), git's credential helpers and SSH. Only whether each
 * is there is said, never what it holds.
 *
 * @param environment the environment the go command ran with
 */
record Credentials(Map<String, String> environment) {
    private static final Duration GIT_LIMIT = Duration.ofSeconds(10);

    /** Returns the sources tried, for example {@code credentials tried: .netrc /home/u/.netrc (absent), ...}. */
    String describe() {
        List<String> tried = new ArrayList<>();
        tried.add(netrc());
        tried.add(helpers());
        tried.add(ssh());
        return "credentials tried: " + String.join(", ", tried);
    }

    private String netrc() {
        String name = environment.getOrDefault("NETRC", "");
        if (name.isEmpty()) {
            String home = environment.getOrDefault("HOME", "");
            if (home.isEmpty()) {
                return ".netrc (no HOME or NETRC)";
            }
            name = Path.of(home, ".netrc").toString();
        }
        return ".netrc " + name + (Files.isReadable(Path.of(name)) ? " (present)" : " (absent)");
    }

    private String helpers() {
        try {
            ProcessRun run = ProcessRun.of(
                    List.of(
                            ProcessRun.onPath("git", environment).toString(),
                            "config",
                            "--get-all",
                            "credential.helper"),
                    null,
                    environment,
                    GIT_LIMIT);
            String names = new String(run.out(), StandardCharsets.UTF_8)
                    .strip()
                    .lines()
                    .map(Credentials::helperName)
                    .filter(s -> !s.isEmpty())
                    .reduce((a, b) -> a + " " + b)
                    .orElse("");
            return names.isEmpty() ? "git credential helper (none configured)" : "git credential helper " + names;
        } catch (IOException e) {
            return "git credential helper (git config failed: " + e.getMessage() + ")";
        }
    }

    /** The helper's name only: a helper line may carry options such as a file name or a token. */
    private static String helperName(String line) {
        String first = line.strip().split("\\s+")[0];
        return first.startsWith("!") ? "(a shell command)" : first;
    }

    private String ssh() {
        if (!environment.getOrDefault("GIT_SSH_COMMAND", "").isEmpty()) {
            return "ssh (GIT_SSH_COMMAND)";
        }
        if (!environment.getOrDefault("SSH_AUTH_SOCK", "").isEmpty()) {
            return "ssh (agent)";
        }
        String home = environment.getOrDefault("HOME", "");
        return !home.isEmpty() && Files.isDirectory(Path.of(home, ".ssh")) ? "ssh (~/.ssh)" : "ssh (no agent or keys)";
    }
}
