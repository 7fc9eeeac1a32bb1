package dev.holdfast.conformance.bench;

import dev.holdfast.testing.LocalOrigin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Step one of the warm-cache benchmark, run by {@code scripts/bench-serve} (not a test): fills a cache
 * directory the way it is filled in use. It generates module versions, serves them from a {@link
 * LocalOrigin}, starts {@code holdfast serve} with that origin as its upstream and the given cache, asks
 * it once for every {@code .info}, {@code .mod} and {@code .zip} (checking each zip's bytes), and stops
 * it. The load generator then asks Holdfast and nginx for the same files from that directory; the URL
 * paths to ask for are written one a line to {@code info-paths.txt} and {@code zip-paths.txt}.
 *
 * <p>Arguments: the holdfast jar, the cache directory, the directory for the path lists, and optionally
 * the number of modules (100) and the zip size in bytes (1 MiB).
 */
public final class WarmCacheSetup {
    private WarmCacheSetup() {}

    /** Runs the setup; see the class comment for the arguments. */
    public static void main(String[] args) throws Exception {
        Path jar = Path.of(args[0]).toAbsolutePath();
        Path cache = Path.of(args[1]).toAbsolutePath();
        Path lists = Path.of(args[2]).toAbsolutePath();
        int count = args.length > 3 ? Integer.parseInt(args[3]) : 100;
        int zipBytes = args.length > 4 ? Integer.parseInt(args[4]) : 1 << 20;
        Files.createDirectories(lists);

        List<BenchModules.Module> modules = BenchModules.generate(count, zipBytes, 5);
        HttpClient client =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        try (LocalOrigin origin = BenchModules.serve(LocalOrigin.open(), modules);
                ServerProcess server = ServerProcess.start(
                        jar,
                        List.of(),
                        List.of("--upstream", origin.url(), "--cache", cache.toString()),
                        lists.resolve("fill-server.log"))) {
            for (BenchModules.Module m : modules) {
                for (String suffix : List.of(".info", ".mod", ".zip")) {
                    HttpResponse<byte[]> r = client.send(
                            HttpRequest.newBuilder(URI.create(server.url() + m.urlPath(suffix)))
                                    .build(),
                            HttpResponse.BodyHandlers.ofByteArray());
                    if (r.statusCode() != 200 || (suffix.equals(".zip") && !Arrays.equals(r.body(), m.zip()))) {
                        throw new AssertionError(m.urlPath(suffix) + ": status " + r.statusCode()
                                + " or bytes differ from the origin's");
                    }
                }
            }
        }
        Files.write(lists.resolve("info-paths.txt"), paths(modules, ".info"));
        Files.write(lists.resolve("zip-paths.txt"), paths(modules, ".zip"));
        System.out.printf(
                Locale.ROOT,
                "warm cache: %d module versions (zips of %d bytes) in %s, filled through holdfast serve%n",
                count,
                modules.getFirst().zip().length,
                cache);
    }

    private static List<String> paths(List<BenchModules.Module> modules, String suffix) {
        return modules.stream().map(m -> m.urlPath(suffix)).toList();
    }
}
