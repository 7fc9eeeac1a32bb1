package dev.holdfast.fetch;

import dev.holdfast.module.GoPath;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The go env file that {@code go env -w} writes, found and read as the go command's {@code cfg.EnvFile}
 * and {@code readEnvFile} do.
 */
final class GoEnvFile {
    private GoEnvFile() {}

    /**
     * Returns the file's name for {@code env} (Linux rules): {@code $GOENV} if set, none if it is {@code
     * off}, else {@code $XDG_CONFIG_HOME/go/env} (which must be absolute) or {@code $HOME/.config/go/env};
     * {@code ""} when there is none.
     */
    static String name(Map<String, String> env) {
        String file = env.getOrDefault("GOENV", "");
        if (!file.isEmpty()) {
            return file.equals("off") ? "" : file;
        }
        String dir = env.getOrDefault("XDG_CONFIG_HOME", "");
        if (dir.isEmpty()) {
            String home = env.getOrDefault("HOME", "");
            if (home.isEmpty()) {
                return "";
            }
            dir = home + "/.config";
        } else if (!dir.startsWith("/")) {
            return ""; // "path in $XDG_CONFIG_HOME is relative": the go command then reads no file
        }
        return GoPath.join(dir, "go/env");
    }

    /**
     * Returns the settings in file {@code name}: one {@code KEY=value} per line, the value being
     * everything after the first {@code =}; lines that are empty, lack {@code =} or do not start with
     * {@code A-Z} are skipped; a later line wins. A missing or unreadable file has no settings.
     */
    static Map<String, String> read(String name) {
        Map<String, String> settings = new HashMap<>();
        if (name.isEmpty()) {
            return settings;
        }
        String data;
        try {
            data = new String(Files.readAllBytes(Path.of(name)), StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            return settings; // the go command silently ignores an unreadable file
        }
        for (String line : data.split("\n", -1)) {
            int eq = line.indexOf('=');
            if (eq < 0 || line.charAt(0) < 'A' || line.charAt(0) > 'Z') {
                continue;
            }
            settings.put(line.substring(0, eq), line.substring(eq + 1));
        }
        return settings;
    }
}
