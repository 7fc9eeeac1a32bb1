package dev.holdfast.sumdb;

import dev.holdfast.fetch.GoCommand;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The checksum databases the go command knows by name alone: GOSUMDB may name one instead of giving
 * its key, and one name has an alias served elsewhere. Holdfast does not carry its own copy of that
 * table (it would name a host of the Go project in our code, and could go stale); it reads the table
 * from the installed go command's source under {@code $GOROOT/src/cmd/go/internal/modfetch}, where
 * every Go distribution ships it.
 *
 * @param keys the verifier key of each known database name
 * @param aliases for an alias of a database, the GOSUMDB setting it stands for ({@code name url})
 * @param problem why the table could not be read, or empty when it was
 */
record KnownKeys(Map<String, String> keys, Map<String, String> aliases, Optional<String> problem) {
    private static final Pattern TABLE = Pattern.compile("knownGOSUMDB\\s*=\\s*map\\[string]string\\{([^}]*)}");
    private static final Pattern ENTRY = Pattern.compile("\"([^\"]+)\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern ALIAS =
            Pattern.compile("if gosumdb == \"([^\"]+)\" \\{\\s*gosumdb = \"([^\"]+)\"\\s*}");

    private static volatile KnownKeys installed;

    KnownKeys {
        keys = Map.copyOf(keys);
        aliases = Map.copyOf(aliases);
    }

    /** Returns the table of the go command on the PATH, read once per process. */
    static KnownKeys installed() {
        KnownKeys k = installed;
        if (k == null) {
            k = fromGoCommand(GoCommand.onPath(), System.getenv());
            installed = k;
        }
        return k;
    }

    /** Returns the table of the go command {@code go} run in {@code environment} (its GOROOT). */
    static KnownKeys fromGoCommand(GoCommand go, Map<String, String> environment) {
        try {
            String goroot = go.env(environment, List.of("GOROOT")).getOrDefault("GOROOT", "");
            if (goroot.isEmpty()) {
                return unreadable("go env GOROOT is empty");
            }
            return fromGoroot(Path.of(goroot));
        } catch (IOException e) {
            return unreadable(e.getMessage());
        }
    }

    /** Returns the table in the go command's source under {@code goroot}. */
    static KnownKeys fromGoroot(Path goroot) {
        Path modfetch = goroot.resolve("src/cmd/go/internal/modfetch");
        try {
            Map<String, String> keys = new LinkedHashMap<>();
            Matcher table = TABLE.matcher(Files.readString(modfetch.resolve("key.go"), StandardCharsets.UTF_8));
            if (!table.find()) {
                return unreadable("no knownGOSUMDB table in " + modfetch.resolve("key.go"));
            }
            for (Matcher e = ENTRY.matcher(table.group(1)); e.find(); ) {
                keys.put(e.group(1), e.group(2));
            }
            Map<String, String> aliases = new LinkedHashMap<>();
            Matcher alias = ALIAS.matcher(Files.readString(modfetch.resolve("sumdb.go"), StandardCharsets.UTF_8));
            while (alias.find()) {
                aliases.put(alias.group(1), alias.group(2));
            }
            return new KnownKeys(keys, aliases, Optional.empty());
        } catch (IOException e) {
            return unreadable("reading the go command's source: " + e.getMessage());
        }
    }

    /** Returns an empty table, for settings that carry their key. */
    static KnownKeys none() {
        return new KnownKeys(Map.of(), Map.of(), Optional.empty());
    }

    private static KnownKeys unreadable(String why) {
        return new KnownKeys(Map.of(), Map.of(), Optional.of(why));
    }
}
