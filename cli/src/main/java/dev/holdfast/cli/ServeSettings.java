package dev.holdfast.cli;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import dev.holdfast.fetch.ProxySource;
import dev.holdfast.fetch.RetryPolicy;
import dev.holdfast.server.ServerConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;

/**
 * The settings of {@code holdfast serve}, each taken from the first place that sets it: a command-line
 * flag ({@code --listen}), an environment variable ({@code HOLDFAST_LISTEN}; a key's dashes become
 * underscores: {@code HOLDFAST_AUTH_BASIC}), the TOML file of {@code --config} (key {@code listen}), else
 * the default. The keys are {@value #KEY_LIST}. An unset upstream or cache is left null here: the
 * command fills them from the go environment and the user cache directory. Relative file names are
 * taken from the working directory.
 *
 * @param host the address to listen on
 * @param port the port to listen on
 * @param upstream the GOPROXY-style upstream list, or null for the go environment's GOPROXY
 * @param cache the store directory, or null for the default under the user cache directory
 * @param offline whether to answer from the store only
 * @param authBasic the password file of basic authentication, or null
 * @param authBearer the token file of bearer authentication, or null
 * @param tlsCert the PEM certificate chain to speak HTTPS with, or null for plain HTTP
 * @param tlsKey the PEM private key of {@code tlsCert}, or null
 * @param shutdownGrace how long a stop waits for downloads in flight
 * @param sumdb the checksum database to verify against before storing, in GOSUMDB form, or null for
 *     none (clients still verify against their own GOSUMDB)
 * @param adminAuth the file of users and tokens who may read {@code /status} and {@code /metrics}, or
 *     null
 * @param upstreamTimeout how long one request to an upstream may take in all (a large zip gets a second
 *     more for each KiB that arrived)
 * @param retryBudget how long a client's request may keep retrying the upstreams
 * @param prefetch how many files to fetch ahead of the go command at a time, 0 for none
 * @param store where the module files are kept: {@code s3://BUCKET[/PREFIX]}, or null for the {@code
 *     cache} directory
 * @param maxSize the most bytes of module files to keep on local disk, 0 for no bound: the cache
 *     directory's store is held under it, and with an S3 store a local tier of that size is kept in
 *     front of the bucket (without it there is none)
 * @param memoryCache the most bytes of zips kept in memory to be sent again without reading them, 0
 *     for none
 */
record ServeSettings(
        String host,
        int port,
        String upstream,
        Path cache,
        boolean offline,
        Path authBasic,
        Path authBearer,
        Path tlsCert,
        Path tlsKey,
        Duration shutdownGrace,
        String sumdb,
        Path adminAuth,
        Duration upstreamTimeout,
        Duration retryBudget,
        int prefetch,
        String store,
        long maxSize,
        long memoryCache) {
    static final String DEFAULT_LISTEN = "127.0.0.1:3000";
    static final String KEY_LIST = "listen, upstream, cache, offline, auth-basic, auth-bearer, tls-cert, tls-key,"
            + " shutdown-grace, sumdb, admin-auth, upstream-timeout, retry-budget, prefetch, store,"
            + " max-size, memory-cache";
    /** The most files prefetched at a time that the setting accepts. */
    static final int MAX_PREFETCH = 64;

    private static final Pattern SIZE = Pattern.compile("([0-9]+)\\s*([KMGT]i?B?|B)?", Pattern.CASE_INSENSITIVE);

    private static final List<String> KEYS = List.of(KEY_LIST.split(", "));

    /** Checks that TLS has both files or neither, and that an offline cache is not bounded. */
    ServeSettings {
        if ((tlsCert == null) != (tlsKey == null)) {
            throw new IllegalArgumentException("TLS needs both a certificate (tls-cert) and its key (tls-key)");
        }
        if (offline && maxSize > 0) {
            throw new IllegalArgumentException("max-size evicts zips that an offline server cannot fetch again;"
                    + " use max-size or offline, not both");
        }
    }

    /** Returns plain-HTTP settings without authentication and with the default shutdown grace. */
    ServeSettings(String host, int port, String upstream, Path cache, boolean offline) {
        this(
                host,
                port,
                upstream,
                cache,
                offline,
                null,
                null,
                null,
                null,
                ServerConfig.DEFAULT_SHUTDOWN_GRACE,
                null,
                null,
                ProxySource.Timeouts.DEFAULT.total(),
                RetryPolicy.defaults().budget(),
                ServerConfig.DEFAULT_PREFETCH,
                null,
                0,
                ServerConfig.DEFAULT_MEMORY_CACHE);
    }

    /** The launcher's own variables ({@code ./holdfast}), which are not settings of serve. */
    private static final List<String> LAUNCHER_VARIABLES =
            List.of("HOLDFAST_JAVA_HOME", "HOLDFAST_JAVA_OPTS", "HOLDFAST_AOT");

    /**
     * Returns a warning for each {@code HOLDFAST_} variable of {@code env} that is neither a setting nor
     * the launcher's, such as {@code HOLDFAST_MAXSIZE}: serve ignores it, and a misspelt setting would
     * otherwise go unnoticed. Sorted by name.
     */
    static List<String> unknownVariables(Map<String, String> env) {
        List<String> warnings = new ArrayList<>();
        for (String name : new TreeSet<>(env.keySet())) {
            if (!name.startsWith("HOLDFAST_") || LAUNCHER_VARIABLES.contains(name)) {
                continue;
            }
            String key = name.substring("HOLDFAST_".length())
                    .toLowerCase(Locale.ROOT)
                    .replace('_', '-');
            if (KEYS.contains(key)) {
                continue;
            }
            String squeezed = key.replace("-", "");
            String near = KEYS.stream()
                    .filter(k -> k.replace("-", "").equals(squeezed))
                    .findFirst()
                    .map(k -> " (did you mean HOLDFAST_"
                            + k.toUpperCase(Locale.ROOT).replace('-', '_') + "?)")
                    .orElse("");
            warnings.add(name + " is not a setting of serve and is ignored" + near);
        }
        return warnings;
    }

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
            String value = env.get("HOLDFAST_" + key.toUpperCase(Locale.ROOT).replace('-', '_'));
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
        String grace = merged.get("shutdown-grace");
        String upstreamTimeout = merged.get("upstream-timeout");
        String retryBudget = merged.get("retry-budget");
        return new ServeSettings(
                host.isEmpty() ? "0.0.0.0" : host,
                port,
                merged.get("upstream"),
                path(merged.get("cache")),
                parseBoolean(merged.getOrDefault("offline", "false")),
                path(merged.get("auth-basic")),
                path(merged.get("auth-bearer")),
                path(merged.get("tls-cert")),
                path(merged.get("tls-key")),
                grace == null ? ServerConfig.DEFAULT_SHUTDOWN_GRACE : duration("shutdown-grace", grace),
                emptyToNull(merged.get("sumdb")),
                path(merged.get("admin-auth")),
                upstreamTimeout == null
                        ? ProxySource.Timeouts.DEFAULT.total()
                        : duration("upstream-timeout", upstreamTimeout),
                retryBudget == null ? RetryPolicy.defaults().budget() : duration("retry-budget", retryBudget),
                prefetch(merged.getOrDefault("prefetch", String.valueOf(ServerConfig.DEFAULT_PREFETCH))),
                emptyToNull(merged.get("store")),
                size("max-size", merged.getOrDefault("max-size", "0"), "no bound"),
                merged.containsKey("memory-cache")
                        ? size("memory-cache", merged.get("memory-cache"), "none")
                        : ServerConfig.DEFAULT_MEMORY_CACHE);
    }

    /** Parses the prefetch setting: a count of files at a time, 0 or {@code off} for none. */
    private static int prefetch(String value) {
        String v = value.strip().toLowerCase(Locale.ROOT);
        if (v.equals("off") || v.equals("false")) {
            return 0;
        }
        try {
            int n = Integer.parseInt(v);
            if (n >= 0 && n <= MAX_PREFETCH) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("prefetch must be a number of files from 0 to " + MAX_PREFETCH
                + " (0 or off: none), not \"" + value + "\"");
    }

    /**
     * Parses the size setting {@code key}: a number of bytes with an optional unit, {@code KiB}, {@code
     * MiB}, {@code GiB} and {@code TiB} (or {@code K}, {@code M}, {@code G}, {@code T}) counting in 1024s
     * and {@code KB}, {@code MB}, {@code GB} and {@code TB} in 1000s; 0 or {@code off} for what {@code
     * zero} says.
     */
    static long size(String key, String value, String zero) {
        String v = value.strip();
        if (v.equalsIgnoreCase("off") || v.equals("0")) {
            return 0;
        }
        Matcher m = SIZE.matcher(v);
        if (m.matches()) {
            String unit = m.group(2) == null ? "" : m.group(2).toUpperCase(Locale.ROOT);
            int power = unit.isEmpty() || unit.equals("B") ? 0 : "KMGT".indexOf(unit.charAt(0)) + 1;
            long base = unit.length() == 2 && unit.endsWith("B") ? 1000 : 1024;
            try {
                long bytes = Long.parseLong(m.group(1));
                for (int i = 0; i < power; i++) {
                    bytes = Math.multiplyExact(bytes, base);
                }
                if (bytes > 0) {
                    return bytes;
                }
            } catch (ArithmeticException | NumberFormatException e) {
                // reported below
            }
        }
        throw new IllegalArgumentException(key + " must be a size like 20GiB, 500MB or 1073741824 (0 or off: " + zero
                + "), not \"" + value + "\"");
    }

    private static String emptyToNull(String value) {
        return value == null || value.isBlank() || value.strip().equals("off") ? null : value.strip();
    }

    private static Path path(String name) {
        return name == null || name.isEmpty()
                ? null
                : Path.of(name).toAbsolutePath().normalize();
    }

    private static Duration duration(String key, String text) {
        try {
            return GoDuration.parse(text);
        } catch (CommandLine.TypeConversionException e) {
            throw new IllegalArgumentException(key + ": " + e.getMessage(), e);
        }
    }

    private static Map<String, String> readToml(Path file) {
        byte[] data;
        try {
            data = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("--config " + file + ": no such file", e);
        } catch (IOException e) {
            throw new IllegalArgumentException("--config " + file + ": cannot be read: " + e.getMessage(), e);
        }
        JsonNode root;
        try {
            root = new TomlMapper().readTree(data);
        } catch (JacksonException e) {
            JsonLocation at = e.getLocation();
            throw new IllegalArgumentException(
                    file + ": not valid TOML: " + e.getOriginalMessage()
                            + (at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")"),
                    e);
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": not valid TOML: " + e.getMessage(), e);
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : root.properties()) {
            if (!KEYS.contains(e.getKey())) {
                throw new IllegalArgumentException(
                        file + ": unknown setting \"" + e.getKey() + "\" (known: " + KEY_LIST + ")");
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
