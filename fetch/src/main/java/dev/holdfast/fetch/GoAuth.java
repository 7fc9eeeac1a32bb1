package dev.holdfast.fetch;

import dev.holdfast.module.GoStrings;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The credentials the go command adds to its HTTPS requests, as GOAUTH says ({@code go help goauth}):
 * with the default {@code netrc}, the login and password of each {@code .netrc} machine (the file named
 * by NETRC, else {@code $HOME/.netrc}), sent as basic authentication to the URLs that start with that
 * machine; {@code off} sends none. The go command matches a request's URL without its scheme, cutting
 * one path element after another, so a machine {@code proxy.example.com} covers
 * {@code https://proxy.example.com/...} but not {@code https://proxy.example.com:8443/...}, and never a
 * plain-HTTP URL or one with a user in it. A GOAUTH program is run once, without a URL, as the go command
 * runs it before its first request, and the headers it prints are sent to the URL prefixes it names; one
 * that fails or prints something else adds nothing, as for the go command (which says why only under
 * {@code -x}). After a 4xx answer to an HTTPS request the commands run again, a program with the URL as
 * its argument and the answer's head on its standard input, and the request is sent once more if that gave other credentials ({@link #renewedAfter}).
 * {@code git DIR} asks git's credential helpers for the URL of such an answer ({@link GitAuth}). Earlier
 * commands win over later ones. Thread-safe.
 */
public final class GoAuth {
    /** No credentials at all. */
    public static final GoAuth NONE = new GoAuth(List.of(), Map.of());

    /** How long a GOAUTH program may take. */
    static final Duration COMMAND_LIMIT = Duration.ofSeconds(30);

    private static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+\\-.^_`|~0-9A-Za-z]+");

    /** One header to add. */
    record Header(String name, String value) {}

    private final Map<String, List<Header>> headersByPrefix = new ConcurrentHashMap<>();
    private final List<String> commands;
    private final Map<String, String> env;
    private List<Machine> netrc; // guarded by this

    private GoAuth(List<String> commands, Map<String, String> env) {
        this.commands = List.copyOf(commands);
        this.env = Map.copyOf(env);
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
        for (String command : commands) {
            List<String> words = GoStrings.fields(command.strip());
            if (words.isEmpty()) {
                throw new IllegalArgumentException("GOAUTH encountered an empty command (GOAUTH=" + goauth + ")");
            }
            if (words.getFirst().equals("off")) {
                throw new IllegalArgumentException(
                        "GOAUTH=off cannot be combined with other authentication commands (GOAUTH=" + goauth + ")");
            }
            if (words.getFirst().equals("git")) {
                GitAuth.dir(words);
            }
        }
        GoAuth auth = new GoAuth(commands, env);
        auth.run(null, "");
        return auth;
    }

    /**
     * Runs the GOAUTH commands, last to first so that earlier ones win, as the go command does: without a
     * URL before the first request, with {@code url} after a 4xx answer to it.
     */
    private synchronized void run(String url, String answer) {
        Map<String, List<Header>> byPrefix = headersByPrefix;
        for (String command : commands) {
            switch (GoStrings.fields(command.strip()).getFirst()) {
                case "netrc" -> {
                    if (netrc == null) {
                        netrc = readNetrc(env); // read once, as the go command reads it
                    }
                    List<Machine> lines = netrc;
                    for (Machine m : lines.reversed()) { // the first line for a machine wins
                        byPrefix.put(prefix(m.name()), List.of(new Header("Authorization", m.authorization())));
                    }
                }
                case "git" -> {
                    if (url != null) { // git credential cannot list credentials: only for a URL
                        GitAuth.fill(GitAuth.dir(GoStrings.fields(command.strip())), url, env)
                                .ifPresent(c -> byPrefix.put(prefix(c.prefix()), List.of(c.header())));
                    }
                }
                default ->
                    runProgram(command, url, answer, env).forEach((prefix, headers) -> {
                        if (headers.isEmpty()) {
                            byPrefix.remove(prefix(prefix));
                        } else {
                            byPrefix.put(prefix(prefix), headers);
                        }
                    });
            }
        }
    }

    /**
     * Runs the GOAUTH commands again for the URL of {@code sent} after a 4xx answer ({@code status}, its
     * head {@code answer} as {@link #answerHead} writes it) to it, as the go command does before it retries
     * once; reports whether the credentials for the URL now
     * differ from those {@code sent} carried (another request may have renewed them meanwhile), so that
     * sending it again can make a difference. False for an answer that is no 4xx or a URL that is not
     * HTTPS.
     */
    public boolean renewedAfter(HttpRequest sent, int status, String answer) {
        URI uri = sent.uri();
        if (status < 400 || status >= 500 || commands.isEmpty() || !"https".equals(uri.getScheme())) {
            return false;
        }
        run(uri.toString(), answer);
        return headers(uri).stream()
                .anyMatch(h -> !sent.headers().allValues(h.name()).contains(h.value()));
    }

    /**
     * Returns the head of {@code answer} as the go command writes it to a GOAUTH program's standard input
     * ({@code writeResponseToStdin}): the protocol and status, a newline, the headers as Go's {@code
     * Header.Write} writes them (canonical names in sorted order, one {@code Name: value} line ending in
     * CRLF for each value), and an empty line.
     */
    static String answerHead(HttpResponse<?> answer) {
        StringBuilder b = new StringBuilder(answer.version() == HttpClient.Version.HTTP_2 ? "HTTP/2.0" : "HTTP/1.1")
                .append(' ')
                .append(HttpError.statusLine(answer.statusCode()))
                .append('\n');
        Map<String, List<String>> sorted = new TreeMap<>();
        answer.headers().map().forEach((name, values) -> {
            if (!name.startsWith(":")) { // HTTP/2's pseudo-headers are no headers to Go
                sorted.computeIfAbsent(canonicalName(name), k -> new ArrayList<>())
                        .addAll(values);
            }
        });
        sorted.forEach((name, values) -> values.forEach(v -> b.append(name)
                .append(": ")
                .append(v.replace('\n', ' ').replace('\r', ' ').strip())
                .append("\r\n")));
        return b.append('\n').toString();
    }

    /** Go's {@code CanonicalMIMEHeaderKey}: {@code www-authenticate} becomes {@code Www-Authenticate}. */
    private static String canonicalName(String name) {
        if (!HEADER_NAME.matcher(name).matches()) {
            return name; // not a token: Go leaves it as it is
        }
        StringBuilder b = new StringBuilder(name.length());
        boolean upper = true;
        for (char c : name.toCharArray()) {
            b.append(upper ? Character.toUpperCase(c) : Character.toLowerCase(c));
            upper = c == '-';
        }
        return b.toString();
    }

    /**
     * Returns {@code request} with the {@code Authorization} the go command would add to it, or as it is
     * when it has one already, is not HTTPS or no credentials cover its URL.
     */
    public HttpRequest apply(HttpRequest request) {
        if (headersByPrefix.isEmpty()
                || request.headers().firstValue("Authorization").isPresent()) {
            return request;
        }
        List<Header> headers = headers(request.uri());
        if (headers.isEmpty()) {
            return request;
        }
        HttpRequest.Builder builder = HttpRequest.newBuilder(request, (name, v) -> true);
        add(builder, headers);
        return builder.build();
    }

    private static void add(HttpRequest.Builder builder, List<Header> headers) {
        for (Header h : headers) {
            try {
                builder.header(h.name(), h.value());
            } catch (IllegalArgumentException e) {
                // a header the JDK's client sets itself (Host, Content-Length, ...): left out
            }
        }
    }

    /** Returns the headers for {@code uri}: those of its longest prefix that has some. */
    List<Header> headers(URI uri) {
        if (!"https".equals(uri.getScheme())) {
            return List.of();
        }
        String current = prefix(uri.toString());
        while (true) {
            List<Header> value = headersByPrefix.get(current);
            if (value != null) {
                return value;
            }
            int slash = current.lastIndexOf('/');
            if (slash < 0) {
                return List.of();
            }
            current = current.substring(0, slash);
        }
    }

    /** A credential prefix as the go command keys it: without {@code https://} and a final slash. */
    private static String prefix(String url) {
        String p = url.startsWith("https://") ? url.substring("https://".length()) : url;
        return p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
    }

    /**
     * Runs GOAUTH program {@code command}, with {@code url} as its argument unless null, and returns the
     * headers it gives by URL prefix; none when it cannot be split or run, fails, or prints something
     * {@link #parseProgramOutput} refuses. Its standard input is {@code answer}: the head of the 4xx answer
     * it runs after ({@link #answerHead}), or nothing.
     */
    private static Map<String, List<Header>> runProgram(
            String command, String url, String answer, Map<String, String> env) {
        try {
            List<String> words = new ArrayList<>(GoEnv.flags(command));
            if (url != null) {
                words.add(url);
            }
            ProcessRun run =
                    ProcessRun.of(words, null, env, COMMAND_LIMIT, answer.getBytes(StandardCharsets.ISO_8859_1));
            if (run.status() != 0) {
                return Map.of();
            }
            return parseProgramOutput(new String(run.out(), StandardCharsets.UTF_8));
        } catch (IOException | IllegalArgumentException e) {
            return Map.of();
        }
    }

    /**
     * Parses what a GOAUTH program prints, as the go command does ({@code parseUserAuth}): sets of URL
     * lines, an empty line, {@code Name: value} header lines, an empty line. The URLs lose their {@code
     * https://}.
     *
     * @throws IllegalArgumentException when the output does not follow that form
     */
    static Map<String, List<Header>> parseProgramOutput(String data) {
        Map<String, List<Header>> credentials = new HashMap<>();
        String[] lines = data.split("\n", -1); // every piece but the last ended in a newline
        int i = 0;
        while (i < lines.length - 1 || !lines[i].isEmpty()) {
            List<String> urls = new ArrayList<>();
            for (String line = line(lines, i++, "URLs"); !line.isEmpty(); line = line(lines, i++, "URLs")) {
                URI u = URI.create(line); // IllegalArgumentException for what is no URL
                if (!u.isAbsolute() && !line.startsWith("/")) {
                    throw new IllegalArgumentException("could not parse URL " + line);
                }
                urls.add(line);
            }
            List<Header> headers = new ArrayList<>();
            for (String line = line(lines, i++, "headers"); !line.isEmpty(); line = line(lines, i++, "headers")) {
                int colon = line.indexOf(": ");
                String name = colon < 0 ? "" : line.substring(0, colon);
                String value = colon < 0 ? "" : line.substring(colon + 2).strip();
                if (!HEADER_NAME.matcher(name).matches()
                        || !value.chars().allMatch(c -> c == '\t' || c >= 0x20 && c != 0x7f)) {
                    throw new IllegalArgumentException("invalid format: invalid header line");
                }
                headers.add(new Header(name, value));
            }
            for (String url : urls) {
                credentials.put(
                        url.startsWith("https://") ? url.substring("https://".length()) : url, List.copyOf(headers));
            }
        }
        return credentials;
    }

    /** Returns line {@code i}, which must have ended in a newline. */
    private static String line(String[] lines, int i, String after) {
        if (i >= lines.length - 1) {
            throw new IllegalArgumentException("invalid format: missing empty line after " + after);
        }
        return lines[i];
    }

    /** One complete {@code .netrc} entry. */
    record Machine(String name, String login, String password) {
        String authorization() {
            return BasicAuth.header(login, password);
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
        } catch (IOException | RuntimeException e) {
            return List.of(); // missing: none; unreadable: the go command says so only under -x, and goes on
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
