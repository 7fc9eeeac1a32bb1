package dev.holdfast.cli;

import dev.holdfast.module.ModuleVersion;
import dev.holdfast.server.ProxyServer;
import dev.holdfast.zip.ModuleZip;
import dev.holdfast.zip.ZipFileSource;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The training run of {@code serve}'s ahead-of-time cache (JDK 25, JEPs 483, 514 and 515), which the
 * {@code holdfast} launcher records in the background once per build: the classes a server loads and
 * the profiles of the methods it runs on the miss path and the hit path, so that a new server does not
 * spend its first hundreds of misses loading classes and compiling (a third of its CPU in a cold run,
 * docs/benchmarks.md). It starts two servers on loopback, one serving a few generated modules from a
 * {@code file://} directory and one in front of it over HTTP, asks the second for every file twice and
 * for its status pages, and stops; everything is under a temporary directory it removes. Not a command:
 * run as {@code java -XX:AOTCacheOutput=FILE -cp holdfast.jar dev.holdfast.cli.ServeTraining}.
 */
final class ServeTraining {
    private static final int MODULES = 24;

    private ServeTraining() {}

    /** Runs the training; exits non-zero if a server does not answer as it should. */
    public static void main(String[] args) throws Exception {
        TrainingDirectory.run("holdfast-serve-training", ServeTraining::train);
    }

    private static void train(Path dir) throws IOException, InterruptedException {
        List<ModuleVersion> modules = writeModules(dir.resolve("origin"));
        Map<String, String> env = new HashMap<>(System.getenv());
        env.put("HOME", Files.createDirectories(dir.resolve("home")).toString());
        env.put("GOFLAGS", "");
        Context context = new Context(env, Clock.systemUTC());
        ServeSettings origin = new ServeSettings(
                "127.0.0.1", 0, dir.resolve("origin").toUri().toString(), dir.resolve("origin-cache"), false);
        try (ProxyServer upstream = ServeCommand.start(origin, context);
                ProxyServer server = ServeCommand.start(
                        new ServeSettings("127.0.0.1", 0, upstream.url(), dir.resolve("cache"), false), context)) {
            HttpClient http =
                    HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            for (int round = 0; round < 2; round++) {
                for (ModuleVersion mv : modules) {
                    String base = server.url() + "/" + mv.path() + "/@v/";
                    for (String file :
                            List.of("list", mv.version() + ".info", mv.version() + ".mod", mv.version() + ".zip")) {
                        expect(http, base + file, 200);
                    }
                    expect(http, server.url() + "/" + mv.path() + "/@latest", 200);
                }
                expect(http, server.url() + "/example.com/train/absent/@v/v1.0.0.info", 404);
                expect(http, server.url() + "/status", 200);
                expect(http, server.url() + "/metrics", 200);
            }
        }
    }

    private static void expect(HttpClient http, String url, int status) throws IOException, InterruptedException {
        HttpResponse<byte[]> r =
                http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofByteArray());
        if (r.statusCode() != status) {
            throw new IOException(url + ": " + r.statusCode() + ", expected " + status);
        }
    }

    /** Writes {@value #MODULES} small modules in the GOPROXY layout under {@code root}; returns them. */
    private static List<ModuleVersion> writeModules(Path root) throws IOException {
        List<ModuleVersion> modules = new java.util.ArrayList<>();
        for (int i = 0; i < MODULES; i++) {
            ModuleVersion mv = new ModuleVersion("example.com/train/m" + i, "v1.0." + i);
            Path v = Files.createDirectories(root.resolve(mv.path()).resolve("@v"));
            byte[] goMod = ("module " + mv.path() + "\n\ngo 1.21\n").getBytes(StandardCharsets.UTF_8);
            String info = "{\"Version\":\"" + mv.version() + "\",\"Time\":\"2024-01-01T00:00:00Z\"}";
            Files.writeString(v.resolve("list"), mv.version() + "\n");
            Files.writeString(v.resolve(mv.version() + ".info"), info);
            Files.writeString(v.getParent().resolve("@latest"), info);
            Files.write(v.resolve(mv.version() + ".mod"), goMod);
            try (OutputStream out = Files.newOutputStream(v.resolve(mv.version() + ".zip"))) {
                ModuleZip.create(
                        mv,
                        List.of(
                                ZipFileSource.of("go.mod", goMod),
                                ZipFileSource.of(
                                        "m.go",
                                        ("package m\n\nconst N = " + i + "\n").getBytes(StandardCharsets.UTF_8))),
                        out);
            }
            modules.add(mv);
        }
        return modules;
    }
}
