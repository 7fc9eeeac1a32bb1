package dev.holdfast.sumdb;

import dev.holdfast.module.GoStrings;
import dev.holdfast.module.PrefixPatterns;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Optional;

/**
 * Which checksum database to trust and where to reach it, from GOSUMDB as the go command reads it
 * (modfetch {@code dbDial}): {@code off}, a key, or a key and a URL; the key may be the name of a
 * database whose key the go command knows.
 *
 * @param key the verifier key
 * @param url the database's base URL given in GOSUMDB, or null to find it through the GOPROXY list
 *     (a proxy's {@code /sumdb/<name>/}) and else {@code https://<name>}
 */
public record SumdbConfig(NoteKey.Verifier key, String url) {
    /** Returns the database name: the key's name. */
    public String name() {
        return key.name();
    }

    /**
     * Parses GOSUMDB; empty when it is {@code off}.
     *
     * @throws IllegalArgumentException with the go command's message ({@code invalid GOSUMDB: too many
     *     fields}, {@code invalid GOSUMDB: malformed verifier id}, {@code invalid sumdb name (must be
     *     host[/path]): NAME}, {@code missing GOSUMDB})
     */
    public static Optional<SumdbConfig> parse(String gosumdb) {
        // A setting with a key holds a '+'; only a bare name needs the go command's table of names.
        return parse(gosumdb, gosumdb.contains("+") ? KnownKeys.none() : KnownKeys.installed());
    }

    /** Parses GOSUMDB as {@link #parse(String)} does, with {@code known} the databases known by name. */
    static Optional<SumdbConfig> parse(String gosumdb, KnownKeys known) {
        gosumdb = known.aliases().getOrDefault(gosumdb, gosumdb);
        if (gosumdb.equals("off")) {
            return Optional.empty();
        }
        List<String> fields = GoStrings.fields(gosumdb);
        if (fields.isEmpty()) {
            throw new IllegalArgumentException("missing GOSUMDB");
        }
        if (fields.size() > 2) {
            throw new IllegalArgumentException("invalid GOSUMDB: too many fields");
        }
        String keyText = known.keys().getOrDefault(fields.get(0), fields.get(0));
        NoteKey.Verifier key;
        try {
            key = NoteKey.parseVerifier(keyText);
        } catch (IllegalArgumentException e) {
            String hint = keyText.contains("+")
                    ? ""
                    : known.problem()
                            .map(p -> " (the databases the go command knows by name could not be read: " + p + ")")
                            .orElse("");
            throw new IllegalArgumentException("invalid GOSUMDB: " + e.getMessage() + hint, e);
        }
        checkName(key.name());
        String url = null;
        if (fields.size() == 2) {
            url = fields.get(1);
            try {
                new URI(url);
            } catch (URISyntaxException e) {
                throw new IllegalArgumentException("invalid GOSUMDB URL: " + e.getMessage(), e);
            }
        }
        return Optional.of(new SumdbConfig(key, url));
    }

    /**
     * Reports whether the go command consults the database for module {@code path}: GOSUMDB is not
     * {@code off} and no GONOSUMDB pattern matches (modfetch {@code useSumDB}).
     */
    public static boolean isUsed(String gosumdb, String gonosumdb, String path) {
        return !gosumdb.equals("off") && !PrefixPatterns.match(gonosumdb, path);
    }

    /**
     * Checks that a database name is {@code host[/path]}: what {@code https://NAME} parses into a host
     * and a plain path, with no user, port-less oddities, query, fragment, escapes or final slash.
     */
    private static void checkName(String name) {
        boolean ok = !name.endsWith("/") && name.matches("[^/?#@%\\\\\\s]+(/[^?#%\\\\\\s]*)?");
        if (ok) {
            try {
                URI u = new URI("https://" + name);
                ok = u.getRawAuthority() != null && !u.getRawAuthority().isEmpty();
            } catch (URISyntaxException e) {
                ok = false;
            }
        }
        if (!ok) {
            throw new IllegalArgumentException("invalid sumdb name (must be host[/path]): " + name);
        }
    }
}
