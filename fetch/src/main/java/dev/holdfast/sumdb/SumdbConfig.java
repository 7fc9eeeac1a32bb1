package dev.holdfast.sumdb;

import dev.holdfast.module.GoStrings;
import dev.holdfast.module.PrefixPatterns;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Map;
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
    /**
     * The database names whose keys the go command knows without being told (spec 12.1). The one
     * entry is the Go project's public database, the go command's default GOSUMDB.
     */
    static final Map<String, String> KNOWN_KEYS =
            Map.of("sum.golang.org", "sum.golang.org+033de0ae+Ac4zctda0e5eza+HJyk9SxEdh+s3Ux18htTTAD8OuAn8");

    /** The alias of that database reachable where its own name is not (spec 12.1). */
    private static final String ALIAS = "sum.golang.google.cn";

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
        if (gosumdb.equals(ALIAS)) {
            gosumdb = "sum.golang.org https://" + ALIAS;
        }
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
        String keyText = KNOWN_KEYS.getOrDefault(fields.get(0), fields.get(0));
        NoteKey.Verifier key;
        try {
            key = NoteKey.parseVerifier(keyText);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid GOSUMDB: " + e.getMessage(), e);
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
