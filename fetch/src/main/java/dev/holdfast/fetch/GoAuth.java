package dev.holdfast.fetch;

import dev.holdfast.module.GoStrings;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The credentials the go command adds to its HTTPS requests, as GOAUTH says ({@code go help goauth}):
 * with the default {@code netrc}, the login and password of each {@code .netrc} machine (the file named
 * by NETRC, else {@code $HOME/.netrc}), sent as basic authentication to the URLs that start with that
 * machine; {@code off} sends none. The go command matches a request's URL without its scheme, cutting
 * one path element after another, so a machine {@code proxy.example.com} covers
 * {@code https://proxy.example.com/...} but not {@code https://proxy.example.com:8443/...}, and never a
 * plain-HTTP URL or one with a user in it. The other GOAUTH commands ({@code git DIR} and programs) are
 * not run: requests go without what they would add. Immutable and thread-safe.
 */
public final class GoAuth {
    /** No credentials at all. */
    public static final GoAuth NONE = new GoAuth(Map.of());

    private final Map<String, String> authorizationByPrefix;

    private GoAuth(Map<String, String> authorizationByPrefix) {
        this.authorizationByPrefix = Map.copyOf(authorizationByPrefix);
    }

    /**
     * Returns the credentials of process environment {@code env} (GOAUTH, NETRC and HOME, read as the go
     * command reads them). An unreadable {@code .netrc} gives none, as it does for the go command.
     *
     * @throws IllegalArgumentException with the go command's message for a GOAUTH it refuses
     */
    public static GoAuth forEnv(Map<String, String> env) throws IOException {
        String goauth = GoEnv.setting(env, "GOAUTH");
        if (goauth.isEmpty()) {
            goauth = "netrc";
        }
        if (goauth.equals("off")) {
            return NONE;
        }
        List<String> commands = List.of(goauth.split(";", -1)).reversed();
        Map<String, String> byPrefix = new HashMap<>();
        for (String command : commands) {
            List<String> words = GoStrings.fields(command.strip());
            if (words.isEmpty()) {
                throw new IllegalArgumentException("GOAUTH encountered an empty command (GOAUTH=" + goauth + ")");
            }
            switch (words.getFirst()) {
                case "off" ->
                    throw new IllegalArgumentException(
                            "GOAUTH=off cannot be combined with other authentication commands (GOAUTH=" + goauth + ")");
                case "netrc" -> {
                    List<Machine> lines = readNetrc(env);
                    for (Machine m : lines.reversed()) { // the first line for a machine wins
                        byPrefix.put(prefix(m.name()), m.authorization());
                    }
                }
                default -> {} // git DIR and programs are not run
            }
        }
        return new GoAuth(byPrefix);
    }

    /**
     * Returns {@code request} with the {@code Authorization} the go command would add to it, or as it is
     * when it has one already, is not HTTPS or no credentials cover its URL.
     */
    public HttpRequest apply(HttpRequest request) {
        if (authorizationByPrefix.isEmpty()
                || request.headers().firstValue("Authorization").isPresent()) {
            return request;
        }
        return authorization(request.uri())
                .map(value -> HttpRequest.newBuilder(request, (name, v) -> true)
                        .header("Authorization", value)
                        .build())
                .orElse(request);
    }

    /** Returns the {@code Authorization} value for {@code uri}, or empty. */
    Optional<String> authorization(URI uri) {
        if (!"https".equals(uri.getScheme())) {
            return Optional.empty();
        }
        String current = prefix(uri.toString());
        while (true) {
            String value = authorizationByPrefix.get(current);
            if (value != null) {
                return Optional.of(value);
            }
            int slash = current.lastIndexOf('/');
            if (slash < 0) {
                return Optional.empty();
            }
            current = current.substring(0, slash);
        }
    }

    /** A credential prefix as the go command keys it: without {@code https://} and a final slash. */
    private static String prefix(String url) {
        String p = url.startsWith("https://") ? url.substring("https://".length()) : url;
        return p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
    }

    /** One complete {@code .netrc} entry. */
    record Machine(String name, String login, String password) {
        String authorization() {
            return "Basic "
                    + Base64.getEncoder().encodeToString((login + ":" + password).getBytes(StandardCharsets.UTF_8));
        }
    }

    /** Reads the {@code .netrc} the go command reads; none when it is missing or cannot be read. */
    private static List<Machine> readNetrc(Map<String, String> env) {
        String name = env.getOrDefault("NETRC", "");
        if (name.isEmpty()) {
            String home = env.getOrDefault("HOME", "");
            if (home.isEmpty()) {
                return List.of(); // the go command: $HOME is not defined, so no credentials
            }
            name = Path.of(home, ".netrc").toString();
        }
        try {
            return parseNetrc(Files.readString(Path.of(name), StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException | RuntimeException e) {
            return List.of(); // the go command reports it only under -x and goes on without
        }
    }

    /**
     * Parses {@code .netrc} text as the go command does ({@code cmd/go/internal/auth.parseNetrc}): pairs
     * of fields, an entry complete once it has a machine, a login and a password, {@code macdef} bodies
     * skipped up to an empty line, and nothing read after a line that ends in {@code default}.
     */
    static List<Machine> parseNetrc(String data) {
        List<Machine> machines = new ArrayList<>();
        String machine = "";
        String login = "";
        String password = "";
        boolean inMacro = false;
        for (String line : data.split("\n", -1)) {
            if (inMacro) {
                if (line.isEmpty()) {
                    inMacro = false;
                }
                continue;
            }
            List<String> f = GoStrings.fields(line);
            int i = 0;
            for (; i < f.size() - 1; i += 2) {
                switch (f.get(i)) {
                    case "machine" -> {
                        machine = f.get(i + 1);
                        login = "";
                        password = "";
                    }
                    case "login" -> login = f.get(i + 1);
                    case "password" -> password = f.get(i + 1);
                    case "macdef" -> inMacro = true;
                    default -> {}
                }
                if (!machine.isEmpty() && !login.isEmpty() && !password.isEmpty()) {
                    machines.add(new Machine(machine, login, password));
                    machine = "";
                    login = "";
                    password = "";
                }
            }
            if (i < f.size() && f.get(i).equals("default")) {
                break;
            }
        }
        return machines;
    }
}
