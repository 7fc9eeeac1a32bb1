package dev.holdfast.server;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * Who may use the server: nobody needs to authenticate ({@link #NONE}), or every request except the
 * health and readiness probes must carry HTTP basic credentials from a password file or a bearer
 * token from a token file. Neither file holds a secret in the clear if its owner does not want it to:
 *
 * <ul>
 *   <li>The password file has one {@code user:hash} line per user, the hash a SHA-512 or SHA-256
 *       crypt hash ({@code $6$...} or {@code $5$...}, as {@code openssl passwd -6} or {@code mkpasswd
 *       -m sha-512} print it).
 *   <li>The token file has one token per line, either the token itself or {@code sha256:} and the
 *       hex SHA-256 of the token.
 * </ul>
 *
 * <p>In both, blank lines and lines starting with {@code #} are ignored. The go command sends basic
 * credentials written into its GOPROXY URL ({@code https://user:password@host}) or found in its
 * {@code .netrc}, and any header a GOAUTH command prints. Passwords that passed are remembered (as a
 * SHA-256 of the credentials) for a few minutes, so that a build's hundreds of requests do not each
 * pay for the deliberately slow hash. Thread-safe.
 */
public final class ServerAuth {
    /** No authentication: every request is let through. */
    public static final ServerAuth NONE = new ServerAuth(Map.of(), List.of());

    private static final int MIN_TOKEN_LENGTH = 16;
    private static final String REALM = "holdfast";

    private final Map<String, String> users;
    private final List<byte[]> tokenHashes;
    private final Cache<String, Boolean> passed = Caffeine.newBuilder()
            .maximumSize(1_000)
            .expireAfterWrite(Duration.ofMinutes(5))
            .build();

    private ServerAuth(Map<String, String> users, List<byte[]> tokenHashes) {
        this.users = Map.copyOf(users);
        this.tokenHashes = List.copyOf(tokenHashes);
    }

    /**
     * Returns the authentication that the password file {@code passwords} and the token file {@code
     * tokens} describe (either may be null; both null is {@link #NONE}).
     *
     * @throws IOException if a file cannot be read
     * @throws IllegalArgumentException naming the file and line of a malformed entry, or if the files
     *     name nobody at all
     */
    public static ServerAuth load(Path passwords, Path tokens) throws IOException {
        if (passwords == null && tokens == null) {
            return NONE;
        }
        Map<String, String> users = new LinkedHashMap<>();
        if (passwords != null) {
            users = parsePasswords(passwords.toString(), Files.readString(passwords, StandardCharsets.UTF_8));
        }
        List<byte[]> hashes = new ArrayList<>();
        if (tokens != null) {
            hashes = parseTokens(tokens.toString(), Files.readString(tokens, StandardCharsets.UTF_8));
        }
        if (users.isEmpty() && hashes.isEmpty()) {
            throw new IllegalArgumentException("authentication files name no user and no token: " + passwords
                    + (tokens == null ? "" : ", " + tokens));
        }
        return new ServerAuth(users, hashes);
    }

    /**
     * Returns the authentication of one file that may hold both kinds of line: {@code user:hash} lines
     * (basic, the hash starting with {@code $}) and token lines (bearer); for {@code --admin-auth}.
     *
     * @throws IOException if the file cannot be read
     * @throws IllegalArgumentException naming the file and line of a malformed entry, or if it names nobody
     */
    public static ServerAuth loadMixed(Path file) throws IOException {
        List<String> lines =
                Files.readString(file, StandardCharsets.UTF_8).lines().toList();
        StringBuilder passwords = new StringBuilder();
        StringBuilder tokens = new StringBuilder();
        for (String line : lines) {
            boolean basic = line.strip().matches("[^:\\s]+:\\$.*");
            passwords.append(basic ? line : "").append('\n'); // blank lines keep the line numbers
            tokens.append(basic ? "" : line).append('\n');
        }
        ServerAuth auth = new ServerAuth(
                parsePasswords(file.toString(), passwords.toString()), parseTokens(file.toString(), tokens.toString()));
        if (!auth.enabled()) {
            throw new IllegalArgumentException("authentication file names no user and no token: " + file);
        }
        return auth;
    }

    /** Reports whether requests must authenticate. */
    public boolean enabled() {
        return !users.isEmpty() || !tokenHashes.isEmpty();
    }

    /** Reports whether a request with the {@code Authorization} header {@code authorization} may pass. */
    boolean permits(Optional<String> authorization) {
        if (!enabled()) {
            return true;
        }
        if (authorization.isEmpty()) {
            return false;
        }
        String value = authorization.get().strip();
        int space = value.indexOf(' ');
        if (space < 0) {
            return false;
        }
        String scheme = value.substring(0, space).toLowerCase(Locale.ROOT);
        String credentials = value.substring(space + 1).strip();
        return switch (scheme) {
            case "basic" -> basic(credentials);
            case "bearer" -> bearer(credentials);
            default -> false;
        };
    }

    /** Returns the {@code WWW-Authenticate} challenge of a 401 answer. */
    String challenge() {
        List<String> schemes = new ArrayList<>();
        if (!users.isEmpty()) {
            schemes.add("Basic realm=\"" + REALM + "\", charset=\"UTF-8\"");
        }
        if (!tokenHashes.isEmpty()) {
            schemes.add("Bearer realm=\"" + REALM + "\"");
        }
        return String.join(", ", schemes);
    }

    private boolean basic(String encoded) {
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return false;
        }
        int colon = decoded.indexOf(':');
        String hash = colon < 0 ? null : users.get(decoded.substring(0, colon));
        if (hash == null) {
            return false;
        }
        String key = HexFormat.of().formatHex(sha256(decoded + "\n" + hash));
        if (passed.getIfPresent(key) != null) {
            return true;
        }
        boolean ok = ShaCrypt.check(decoded.substring(colon + 1), hash);
        if (ok) {
            passed.put(key, Boolean.TRUE);
        }
        return ok;
    }

    private boolean bearer(String token) {
        byte[] hash = sha256(token);
        boolean ok = false;
        for (byte[] known : tokenHashes) {
            ok |= MessageDigest.isEqual(hash, known); // no early exit: the time does not tell which
        }
        return ok;
    }

    static Map<String, String> parsePasswords(String file, String text) {
        Map<String, String> users = new LinkedHashMap<>();
        forEachEntry(file, text, (where, line) -> {
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException(where + "not a user:hash line");
            }
            String user = line.substring(0, colon);
            String hash = line.substring(colon + 1);
            if (!ShaCrypt.isHash(hash)) {
                throw new IllegalArgumentException(where + "user " + user + ": "
                        + (hash.startsWith("$2") ? "bcrypt hashes are not supported" : "not a $6$ or $5$ crypt hash")
                        + "; make one with: openssl passwd -6");
            }
            if (users.put(user, hash) != null) {
                throw new IllegalArgumentException(where + "user " + user + " listed twice");
            }
        });
        return users;
    }

    static List<byte[]> parseTokens(String file, String text) {
        List<byte[]> hashes = new ArrayList<>();
        forEachEntry(file, text, (where, line) -> {
            if (line.startsWith("sha256:")) {
                String hex = line.substring("sha256:".length());
                if (!hex.matches("[0-9a-fA-F]{64}")) {
                    throw new IllegalArgumentException(where + "sha256: must be followed by 64 hex digits");
                }
                hashes.add(HexFormat.of().parseHex(hex));
            } else if (line.length() < MIN_TOKEN_LENGTH || line.chars().anyMatch(Character::isWhitespace)) {
                throw new IllegalArgumentException(
                        where + "a token must be at least " + MIN_TOKEN_LENGTH + " characters without spaces");
            } else {
                hashes.add(sha256(line));
            }
        });
        return hashes;
    }

    /**
     * Calls {@code entry} with each line of {@code text} that is neither blank nor a {@code #} comment,
     * stripped, and the {@code file:line: } prefix its error messages start with.
     */
    private static void forEachEntry(String file, String text, BiConsumer<String, String> entry) {
        List<String> lines = text.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (!line.isEmpty() && !line.startsWith("#")) {
                entry.accept(file + ":" + (i + 1) + ": ", line);
            }
        }
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks SHA-256", e);
        }
    }
}
