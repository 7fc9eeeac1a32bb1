package dev.holdfast.conformance.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.conformance.download.HoldfastCli;
import dev.holdfast.fetch.GoCommand;
import dev.holdfast.fetch.GoEnv;
import dev.holdfast.fetch.ProxySpec;
import dev.holdfast.modfile.GoModFile;
import dev.holdfast.module.ModulePath;
import dev.holdfast.testing.ConformanceReport;
import dev.holdfast.testing.GoToolchain;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real-proxy integration suite (DESIGN.md, "The real parts"): {@code holdfast serve} started with
 * no {@code --upstream}, so that it takes the machine's own GOPROXY (what {@code go env GOPROXY} says),
 * and the go command fetching a handful of small real modules through it, against the go command
 * going to that proxy directly: the same go.mod, go.sum and {@code go mod download} hashes, with the
 * checksum database of the machine (GOSUMDB) checking both, through Holdfast's {@code /sumdb/}
 * forwarding in the one case. Which modules is not written here: they are the smallest of those the
 * installed Go distribution itself requires ({@code $GOROOT/src/cmd/go.mod} and {@code src/go.mod}).
 * The same modules are also exported with the checksum database's proofs and verified by the go command
 * through an offline server holding only the imported archive.
 *
 * <p>Not part of the hermetic build: it runs with {@code ./mvnw -Preal-proxy} ({@code .ci/run} runs it
 * after the hermetic tests). When that proxy cannot be reached, it says so in one line and passes.
 */
@Timeout(600)
class RealProxyIT {
    private static final int MODULES = 4;
    private static final long MAX_ZIP_BYTES = 2L << 20;
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(5);

    private final GoToolchain go = GoToolchain.get();

    @TempDir
    Path tmp;

    @Test
    void realModules_throughHoldfast_sameGoSumAsDirect() throws Exception {
        GoEnv env = GoEnv.read(System.getenv(), GoCommand.onPath());
        Optional<List<String>> modules = realModules(env, "the comparison");
        if (modules.isEmpty()) {
            return;
        }
        List<String> chosen = modules.get();

        Map<String, String> serveEnv = new HashMap<>(System.getenv());
        serveEnv.put("HOME", tmp.resolve("holdfast-home").toString());
        serveEnv.put("GOPROXY", env.goproxy());
        serveEnv.put("GOSUMDB", env.gosumdb());
        try (ServeMain holdfast = new ServeMain(
                serveEnv,
                "serve",
                "--listen",
                "127.0.0.1:0",
                "--quiet",
                "--cache",
                tmp.resolve("store").toString())) {
            List<String> direct = session("direct", env.goproxy(), env.gosumdb(), chosen);
            List<String> through = session("holdfast", holdfast.url(), env.gosumdb(), chosen);
            int agreed = 0;
            for (int i = 0; i < direct.size(); i++) {
                agreed += direct.get(i).equals(through.get(i)) ? 1 : 0;
            }
            ConformanceReport.record(
                    "server",
                    "real proxy: go get + go mod download of real modules through holdfast serve vs direct",
                    direct.size(),
                    agreed);
            assertThat(holdfast.describe()).contains("(upstream: " + env.goproxy());
            assertThat(through).isEqualTo(direct);
            assertThat(direct.get(1)).contains(" h1:");
            if (!env.gosumdb().equals("off")) {
                assertThat(tmp.resolve("store/cache/download/sumdb"))
                        .as("checksum-database tiles fetched through Holdfast's /sumdb/ forwarding")
                        .isDirectory();
            }
            System.out.println("real-proxy suite: " + chosen.size() + " real modules through Holdfast: go.mod, go.sum"
                    + " and hashes identical to the go command's direct run (passed)");
        }
    }

    @Test
    void realModules_exportedWithTheDatabasesProofs_verifiedByTheGoCommandThroughAnOfflineServer() throws Exception {
        GoEnv env = GoEnv.read(System.getenv(), GoCommand.onPath());
        if (env.gosumdb().equals("off")) {
            System.out.println("real-proxy suite: GOSUMDB is off; no proofs to carry (passed)");
            return;
        }
        Optional<List<String>> modules = realModules(env, "the air-gapped proofs");
        if (modules.isEmpty()) {
            return;
        }
        List<String> chosen = modules.get();
        Path archive = tmp.resolve("export.zip");
        Map<String, String> cli = new HashMap<>(HoldfastCli.env(tmp.resolve("export-modcache"), env.goproxy()));
        cli.put("GOSUMDB", env.gosumdb());
        HoldfastCli.Run exported = HoldfastCli.run(
                cli, "export", "--out", archive.toString(), "--json", "--modules", String.join(",", chosen));
        assertThat(exported.exitCode()).as(exported.describe()).isZero();
        assertThat(exported.json().getFirst().path("Proofs").asInt()).isEqualTo(chosen.size());

        Path cache = tmp.resolve("airgapped-cache");
        cli.put("GOMODCACHE", tmp.resolve("import-modcache").toString());
        HoldfastCli.Run imported =
                HoldfastCli.run(cli, "import", archive.toString(), "--cache", cache.toString(), "--json");
        assertThat(imported.exitCode()).as(imported.describe()).isZero();
        assertThat(imported.json().getFirst().has("ProofNote"))
                .as(imported.stdout())
                .isFalse();

        Map<String, String> serveEnv = new HashMap<>(System.getenv());
        serveEnv.put("HOME", tmp.resolve("holdfast-home").toString());
        try (ServeMain offline = new ServeMain(
                serveEnv, "serve", "--listen", "127.0.0.1:0", "--quiet", "--offline", "--cache", cache.toString())) {
            GoToolchain.Sandbox sb = go.sandbox(tmp.resolve("airgapped"));
            Path work = Files.createDirectories(tmp.resolve("airgapped-work"));
            StringBuilder goMod = new StringBuilder("module example.com/airgapped\n\ngo 1.21\n");
            for (String target : chosen) {
                goMod.append("\nrequire ").append(target.replace('@', ' ')).append('\n');
            }
            Files.writeString(work.resolve("go.mod"), goMod);
            // The database by name only: the go command asks GOPROXY's /sumdb/, which is the offline server.
            String database = env.gosumdb().split(" ")[0];
            Map<String, String> goEnv =
                    Map.of("GOPROXY", offline.url(), "GOSUMDB", database, "GONOSUMDB", "", "GOFLAGS", "-mod=mod");
            sb.run(work, goEnv, "mod", "download").checkSuccess();
            String goSum = Files.readString(work.resolve("go.sum"));
            for (String target : chosen) {
                assertThat(goSum).contains(target.replace('@', ' ') + "/go.mod h1:");
            }
            System.out.println("real-proxy suite: " + chosen.size() + " real modules exported with the checksum"
                    + " database's proofs and verified by the go command through an offline server (passed)");
        }
    }

    /**
     * Returns up to {@value #MODULES} small real modules ({@code path@version}) the environment's proxy has,
     * or empty, having said in one line that {@code what} was skipped, when there is no such proxy or it
     * cannot be reached.
     */
    private Optional<List<String>> realModules(GoEnv env, String what) throws IOException, InterruptedException {
        Optional<String> proxy = httpProxy(env);
        if (proxy.isEmpty()) {
            System.out.println("real-proxy suite: GOPROXY has no HTTP proxy; skipped " + what + " (passed)");
            return Optional.empty();
        }
        HttpClient http = HttpClient.newBuilder()
                .connectTimeout(PROBE_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
        List<String> candidates = candidates();
        if (!reachable(http, proxy.get(), candidates.getFirst())) {
            System.out.println(
                    "real-proxy suite: the environment's GOPROXY cannot be reached; skipped " + what + " (passed)");
            return Optional.empty();
        }
        List<String> chosen = smallest(http, proxy.get(), candidates);
        assertThat(chosen).as("small modules the proxy has, of %s", candidates).isNotEmpty();
        return Optional.of(chosen);
    }

    /** Returns what the go command writes and reports for {@code modules}, GOPROXY {@code goproxy}. */
    private List<String> session(String name, String goproxy, String gosumdb, List<String> modules) throws IOException {
        GoToolchain.Sandbox sb = go.sandbox(tmp.resolve(name));
        Path work = Files.createDirectories(tmp.resolve(name + "-work"));
        Files.writeString(work.resolve("go.mod"), "module example.com/realproxy\n\ngo 1.21\n");
        Map<String, String> env = Map.of("GOPROXY", goproxy, "GOSUMDB", gosumdb);
        List<String> get = new ArrayList<>(List.of("get"));
        get.addAll(modules);
        List<String> download = new ArrayList<>(List.of("mod", "download", "-json"));
        download.addAll(modules);
        List<String> seen = new ArrayList<>();
        sb.run(work, env, get.toArray(String[]::new)).checkSuccess();
        seen.add(Files.readString(work.resolve("go.mod")));
        seen.add(Files.readString(work.resolve("go.sum")));
        seen.add(sb.run(work, env, download.toArray(String[]::new))
                .checkSuccess()
                .stdout()
                .replaceAll("\"(Dir|GoMod|Zip|Info)\": \"[^\"]*\"", "\"$1\": \"...\""));
        seen.add(sb.run(work, env, "mod", "verify").checkSuccess().stdout());
        return seen;
    }

    /** Returns {@code path@version} of every requirement of the Go distribution's own modules. */
    private List<String> candidates() throws IOException {
        List<String> modules = new ArrayList<>();
        for (String goMod : List.of("src/cmd/go.mod", "src/go.mod")) {
            Path file = go.goroot().resolve(goMod);
            for (GoModFile.Require r :
                    GoModFile.parse(goMod, Files.readAllBytes(file), null).requires()) {
                String target = r.path() + "@" + r.version();
                if (!modules.contains(target)) {
                    modules.add(target);
                }
            }
        }
        assertThat(modules).as("requirements in GOROOT's go.mod files").isNotEmpty();
        return modules;
    }

    /** Returns the first HTTP(S) proxy of the environment's GOPROXY list, if it has one. */
    static Optional<String> httpProxy(GoEnv env) {
        return env.proxyList().stream()
                .filter(s -> s instanceof ProxySpec.Url u && u.url().matches("(?i)https?://.*"))
                .map(s -> ((ProxySpec.Url) s).url())
                .findFirst();
    }

    /**
     * Reports whether the proxy answers at all (any HTTP status) for the {@code .info} of {@code target}
     * ({@code path@version}) within the probe timeout.
     */
    static boolean reachable(HttpClient http, String proxy, String target) {
        try {
            http.send(request(proxy, target, ".info", "GET"), HttpResponse.BodyHandlers.discarding());
            return true;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Returns up to {@value #MODULES} of {@code targets} whose zips the proxy has, smallest first. */
    private static List<String> smallest(HttpClient http, String proxy, List<String> targets)
            throws InterruptedException {
        Map<String, Long> sizes = new LinkedHashMap<>();
        for (String target : targets) {
            try {
                HttpResponse<Void> head =
                        http.send(request(proxy, target, ".zip", "HEAD"), HttpResponse.BodyHandlers.discarding());
                long size = head.headers().firstValueAsLong("Content-Length").orElse(Long.MAX_VALUE);
                if (head.statusCode() == 200 && size <= MAX_ZIP_BYTES) {
                    sizes.put(target, size);
                }
            } catch (IOException e) {
                // not available: not a candidate
            }
        }
        return sizes.entrySet().stream()
                .sorted(Map.Entry.comparingByValue(Comparator.naturalOrder()))
                .limit(MODULES)
                .map(Map.Entry::getKey)
                .toList();
    }

    private static HttpRequest request(String proxy, String target, String suffix, String method) {
        int at = target.indexOf('@');
        String url = proxy.replaceAll("/+$", "") + "/" + ModulePath.escape(target.substring(0, at)) + "/@v/"
                + ModulePath.escapeVersion(target.substring(at + 1)) + suffix;
        return HttpRequest.newBuilder(URI.create(url))
                .timeout(PROBE_TIMEOUT.multipliedBy(2))
                .method(method, HttpRequest.BodyPublishers.noBody())
                .build();
    }
}
