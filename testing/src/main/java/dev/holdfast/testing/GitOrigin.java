package dev.holdfast.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Git repositories on a made-up host, reached the way the go command reaches a private repository:
 * a {@code go-import} meta tag at {@code http://HOST/PATH?go-get=1}, then git's smart HTTP protocol
 * ({@code git http-backend}) at {@code http://HOST/PATH.git}.
 *
 * <p>The host does not resolve; the origin listens on an ephemeral port of 127.0.0.1 as an HTTP
 * forward proxy, so a process given {@link #proxyEnv()} ({@code HTTP_PROXY} and {@code HTTPS_PROXY}
 * pointing here, {@code GOINSECURE} for the host) reaches it for both the go command's meta-tag
 * lookup and git's fetches, without ports 80 and 443 or a network namespace. HTTPS ({@code CONNECT})
 * is refused at once, so clients fall back to HTTP as GOINSECURE allows; the {@code git://} scheme is
 * refused through {@code GIT_PROXY_COMMAND}.
 *
 * <p>Repositories are bare repositories under the root directory ({@link #repo}); a repository can
 * require a user and password for git ({@link #requireLogin}) or hang ({@link #hang}). Every request's path is logged ({@link
 * #requests}). Thread-safe.
 */
public final class GitOrigin implements AutoCloseable {
    private final String host;
    private final Path root;
    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final List<String> requests = new ArrayList<>();
    private final Map<String, String> logins = new HashMap<>();
    private final java.util.Set<String> hanging = new java.util.HashSet<>();

    private GitOrigin(String host, Path root) throws IOException {
        this.host = host;
        this.root = root;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    /**
     * Returns an origin for {@code host} (a name that does not resolve, such as {@code git.example.test})
     * serving the bare repositories under {@code root}, already listening.
     */
    public static GitOrigin open(String host, Path root) throws IOException {
        Files.createDirectories(root);
        return new GitOrigin(host, root);
    }

    /** Returns the host name module paths start with. */
    public String host() {
        return host;
    }

    /**
     * Returns the environment that sends a process's HTTP to this origin: {@code HTTP_PROXY}, {@code
     * HTTPS_PROXY} (lower case too, for git), {@code GOINSECURE} for the host and a {@code
     * GIT_PROXY_COMMAND} that fails {@code git://} at once.
     */
    public Map<String, String> proxyEnv() {
        String proxy = "http://127.0.0.1:" + server.getAddress().getPort();
        Map<String, String> env = new HashMap<>();
        for (String name : List.of("HTTP_PROXY", "HTTPS_PROXY", "http_proxy", "https_proxy")) {
            env.put(name, proxy);
        }
        env.put("NO_PROXY", "");
        env.put("no_proxy", "");
        env.put("GOINSECURE", host);
        env.put("GIT_PROXY_COMMAND", "false");
        return env;
    }

    /**
     * Returns a new bare repository {@code name} (for example {@code team/lib}, served at {@code
     * HOST/team/lib} and {@code HOST/team/lib.git}), holding what the work tree {@code work} has
     * committed, all branches and tags. Call again after more commits to publish them.
     */
    public Path publish(String name, Path work) throws IOException {
        Path bare = root.resolve(name + ".git");
        if (!Files.isDirectory(bare)) {
            Files.createDirectories(bare.getParent());
            Git.run(root, "init", "--bare", "--quiet", bare.toString());
        }
        Git.run(work, "push", "--quiet", "--force", bare.toString(), "refs/heads/*:refs/heads/*");
        Git.run(work, "push", "--quiet", "--force", bare.toString(), "refs/tags/*:refs/tags/*");
        Git.run(
                bare,
                "symbolic-ref",
                "HEAD",
                Git.run(work, "symbolic-ref", "HEAD").strip());
        return bare;
    }

    /** Makes repository {@code name} answer only requests with this user and password (basic auth). */
    public synchronized void requireLogin(String name, String user, String password) {
        logins.put(name, user + ":" + password);
    }

    /** Makes repository {@code name} never answer git's requests (its meta tag still comes): a hung server. */
    public synchronized void hang(String name) {
        hanging.add(name);
    }

    private synchronized boolean hangs(String repo) {
        return hanging.contains(repo);
    }

    /** Returns the paths of the requests so far (query strings included), in arrival order. */
    public synchronized List<String> requests() {
        return List.copyOf(requests);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            URI uri = exchange.getRequestURI();
            String path = uri.getRawPath() == null ? "" : uri.getRawPath();
            synchronized (this) {
                requests.add(exchange.getRequestMethod() + " " + path
                        + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()));
            }
            if (exchange.getRequestMethod().equals("CONNECT") || !host.equals(uri.getHost())) {
                send(exchange, 502, "text/plain", "only http://" + host + "/ is served here\n");
                return;
            }
            String repo = repoOf(path);
            if (repo == null) {
                send(exchange, 404, "text/plain", "no repository at " + path + "\n");
                return;
            }
            if ("go-get=1".equals(uri.getRawQuery())) {
                // As the big forges do, the meta tag is public even for a private repository: git's fetch is not.
                String meta = "<html><head><meta name=\"go-import\" content=\"" + host + "/" + repo + " git http://"
                        + host + "/" + repo + ".git\"></head></html>\n";
                send(exchange, 200, "text/html", meta);
                return;
            }
            if (!authorized(repo, exchange)) {
                exchange.getResponseHeaders().set("WWW-Authenticate", "Basic realm=\"" + repo + "\"");
                send(exchange, 401, "text/plain", "login required for " + repo + "\n");
                return;
            }
            if (hangs(repo)) {
                try {
                    Thread.sleep(Duration.ofMinutes(10)); // until the client gives up, or close() ends it
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return;
            }
            backend(exchange, path, uri.getRawQuery());
        }
    }

    /** Returns the repository {@code path} is in (without {@code .git}), or null. */
    private String repoOf(String path) {
        String rest = path.startsWith("/") ? path.substring(1) : path;
        String candidate = rest;
        while (!candidate.isEmpty()) {
            String name = candidate.endsWith(".git") ? candidate.substring(0, candidate.length() - 4) : candidate;
            if (Files.isDirectory(root.resolve(name + ".git"))) {
                return name;
            }
            int slash = candidate.lastIndexOf('/');
            candidate = slash < 0 ? "" : candidate.substring(0, slash);
        }
        return null;
    }

    private synchronized boolean authorized(String repo, HttpExchange exchange) {
        String login = logins.get(repo);
        if (login == null) {
            return true;
        }
        String header = exchange.getRequestHeaders().getFirst("Authorization");
        String expected = "Basic " + Base64.getEncoder().encodeToString(login.getBytes(StandardCharsets.UTF_8));
        return expected.equals(header);
    }

    /** Runs {@code git http-backend} as a CGI program for the request. */
    private void backend(HttpExchange exchange, String path, String query) throws IOException {
        ProcessBuilder builder = new ProcessBuilder("git", "http-backend");
        Map<String, String> env = builder.environment();
        env.put("GIT_PROJECT_ROOT", root.toString());
        env.put("GIT_HTTP_EXPORT_ALL", "1");
        env.put("PATH_INFO", path.endsWith(".git") || path.contains(".git/") ? path : withGit(path));
        env.put("QUERY_STRING", query == null ? "" : query);
        env.put("REQUEST_METHOD", exchange.getRequestMethod());
        env.put("REMOTE_ADDR", "127.0.0.1");
        copyHeader(exchange, "Content-Type", env, "CONTENT_TYPE");
        copyHeader(exchange, "Content-Length", env, "CONTENT_LENGTH");
        copyHeader(exchange, "Content-Encoding", env, "HTTP_CONTENT_ENCODING");
        copyHeader(exchange, "Git-Protocol", env, "GIT_PROTOCOL");
        Process process = builder.start();
        Thread.ofVirtual().start(() -> {
            try (InputStream in = exchange.getRequestBody();
                    OutputStream out = process.getOutputStream()) {
                in.transferTo(out);
            } catch (IOException e) {
                // the backend ended early; its answer says why
            }
        });
        InputStream out = process.getInputStream();
        int status = 200;
        String line;
        while (!(line = headerLine(out)).isEmpty()) {
            int colon = line.indexOf(':');
            String name = line.substring(0, colon).strip();
            String value = line.substring(colon + 1).strip();
            if (name.equalsIgnoreCase("Status")) {
                status = Integer.parseInt(value.substring(0, 3));
            } else {
                exchange.getResponseHeaders().add(name, value);
            }
        }
        exchange.sendResponseHeaders(status, 0);
        try (OutputStream body = exchange.getResponseBody()) {
            out.transferTo(body);
        }
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    /** The repository path with {@code .git} inserted after the repository name. */
    private String withGit(String path) {
        String repo = repoOf(path);
        return "/" + repo + ".git" + path.substring(repo.length() + 1);
    }

    private static void copyHeader(HttpExchange exchange, String header, Map<String, String> env, String name) {
        String value = exchange.getRequestHeaders().getFirst(header);
        if (value != null) {
            env.put(name, value);
        }
    }

    private static String headerLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1 && b != '\n') {
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.ISO_8859_1);
    }

    private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    /** Runs git with a fixed identity and dates, so repositories are reproducible. */
    public static final class Git {
        private Git() {}

        /**
         * Runs {@code git args} in {@code dir} and returns its standard output.
         *
         * @throws IOException if git fails, with its standard error
         */
        public static String run(Path dir, String... args) throws IOException {
            return runAt(dir, "2024-01-02T03:04:05Z", args);
        }

        /** Runs {@code git args} in {@code dir} with author and committer date {@code date} (ISO 8601). */
        public static String runAt(Path dir, String date, String... args) throws IOException {
            List<String> command = new ArrayList<>(List.of(
                    "git",
                    "-c",
                    "init.defaultBranch=main",
                    "-c",
                    "user.name=Holdfast Test",
                    "-c",
                    "user.email=test@holdfast.invalid",
                    "-c",
                    "commit.gpgsign=false",
                    "-c",
                    "tag.gpgsign=false"));
            command.addAll(List.of(args));
            ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
            builder.environment().put("GIT_AUTHOR_DATE", date);
            builder.environment().put("GIT_COMMITTER_DATE", date);
            builder.environment().put("GIT_CONFIG_NOSYSTEM", "1");
            builder.environment().put("GIT_CONFIG_GLOBAL", "/dev/null");
            Process process = builder.start();
            process.getOutputStream().close();
            byte[] err;
            String out;
            try (InputStream e = process.getErrorStream()) {
                out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                err = e.readAllBytes();
            }
            try {
                if (process.waitFor() != 0) {
                    throw new IOException(String.join(" ", command) + ": " + new String(err, StandardCharsets.UTF_8));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new UncheckedIOException(new IOException("interrupted", e));
            }
            return out;
        }
    }
}
