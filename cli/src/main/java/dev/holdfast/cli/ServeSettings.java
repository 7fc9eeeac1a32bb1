package dev.holdfast.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The settings of {@code holdfast serve}, each taken from the first place that sets it: a command-line
 * flag, an environment variable ({@code HOLDFAST_LISTEN}, {@code HOLDFAST_UPSTREAM}, {@code
 * HOLDFAST_CACHE}, {@code HOLDFAST_OFFLINE}), the TOML file of {@code --config} (keys {@code listen},
 * {@code upstream}, {@code cache}, {@code offline}), else the default. An unset upstream or cache is
 * left null here: the command fills them from the go environment and the user cache directory.
 *
 * @param host the address to listen on
 * @param port the port to listen on
 * @param upstream the GOPROXY-style upstream list, or null for the go environment's GOPROXY
 * @param cache the store directory, or null for the default under the user cache directory
 * @param offline whether to answer from the store only
 */
record ServeSettings(String host, int port, String upstream, Path cache, boolean offline) {
    static final String DEFAULT_LISTEN = "127.0.0.1:3000";
    private static final Set<String> KEYS = Set.of("listen", "upstream", "cache", "offline");

    /**
     * Resolves the settings from {@code flags} (null values are unset), the environment {@code env} and
     * the TOML file {@code configFile} (null for none).
     *
     * @throws IllegalArgumentException for a malformed value or an unknown key in the file
     * @throws IOException if the file cannot be read
     */
    static ServeSettings resolve(Map<String, String> flags, Map<String, String> env, Path configFile)
            throws IOException {
        Map<String, String> merged = new LinkedHashMap<>();
        if (configFile != null) {
            merged.putAll(readToml(configFile));
        }
        for (String key : KEYS) {
            String value = env.get("HOLDFAST_" + key.toUpperCase(Locale.ROOT));
            if (value != null && !value.isEmpty()) {
                merged.put(key, value);
            }
        }
        flags.forEach((k, v) -> {
            if (v != null) {
                merged.put(k, v);
            }
        });
        String listen = merged.getOrDefault("listen", DEFAULT_LISTEN);
        int colon = listen.lastIndexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("listen address \"" + listen + "\" is not HOST:PORT");
        }
        String host = listen.substring(0, colon).replaceAll("^\\[|]$", "");
        int port;
        try {
            port = Integer.parseInt(listen.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("listen address \"" + listen + "\" has no numeric port");
        }
        String cache = merged.get("cache");
        return new ServeSettings(
                host.isEmpty() ? "0.0.0.0" : host,
                port,
                merged.get("upstream"),
                cache == null ? null : Path.of(cache).toAbsolutePath().normalize(),
                parseBoolean(merged.getOrDefault("offline", "false")));
    }

    private static Map<String, String> readToml(Path file) throws IOException {
        JsonNode root = new TomlMapper().readTree(file.toFile());
        Map<String, String> values = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!KEYS.contains(e.getKey())) {
                throw new IllegalArgumentException(
                        file + ": unknown setting \"" + e.getKey() + "\" (known: cache, listen, offline, upstream)");
            }
            if (e.getValue().isContainerNode()) {
                throw new IllegalArgumentException(file + ": setting \"" + e.getKey() + "\" must be a single value");
            }
            values.put(e.getKey(), e.getValue().asText());
        }
        return values;
    }

    private static boolean parseBoolean(String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "1", "true", "yes", "on" -> true;
            case "0", "false", "no", "off", "" -> false;
            default -> throw new IllegalArgumentException("offline must be true or false, not \"" + value + "\"");
        };
    }

    /**
     * Returns the user cache directory as Go's {@code os.UserCacheDir} finds it: {@code
     * $XDG_CACHE_HOME} if set and absolute, else {@code $HOME/Library/Caches} on macOS, else {@code
     * $HOME/.cache}.
     *
     * @throws IllegalArgumentException if neither XDG_CACHE_HOME nor HOME is usable
     */
    static Path userCacheDir(Map<String, String> env, String osName) {
        String xdg = env.getOrDefault("XDG_CACHE_HOME", "");
        if (!xdg.isEmpty() && Path.of(xdg).isAbsolute()) {
            return Path.of(xdg);
        }
        String home = env.getOrDefault("HOME", "");
        if (home.isEmpty()) {
            throw new IllegalArgumentException("neither $XDG_CACHE_HOME nor $HOME are defined");
        }
        return osName.toLowerCase(Locale.ROOT).startsWith("mac")
                ? Path.of(home, "Library", "Caches")
                : Path.of(home, ".cache");
    }
}
