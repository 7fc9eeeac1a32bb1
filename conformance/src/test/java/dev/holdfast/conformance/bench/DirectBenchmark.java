package dev.holdfast.conformance.bench;

import dev.holdfast.conformance.direct.DirectWorld;
import dev.holdfast.testing.GitOrigin.Git;
import dev.holdfast.testing.GoToolchain;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The direct-fetch benchmark of issue 14, run by {@code scripts/bench-direct} (not a test): {@code go get
 * M@latest} in a new project for a module in a git repository with many tags (served over git's smart HTTP
 * on loopback, {@link DirectWorld}'s origin), each run with an empty module cache, (1) with {@code
 * GOPROXY=direct}, (2) through a {@code holdfast serve} process with an empty cache that fetches the module
 * from version control (GOPRIVATE on the server), and (3) through that server again once it holds the
 * files (a second client, as in a CI fleet). Each repetition starts a new server. The go command's
 * start-up is timed; the server starts before the clock does.
 *
 * <p>Arguments: the holdfast jar, a work directory, and optionally the number of tags (200) and the
 * repetitions (3).
 */
public final class DirectBenchmark {
    private static final String DIRECT = "go get, GOPROXY=direct";
    private static final String COLD = "through holdfast serve, cold cache";
    private static final String WARM = "through holdfast serve, second client";

    private DirectBenchmark() {}

    /** Runs the benchmark; see the class comment for the arguments. */
    public static void main(String[] args) throws Exception {
        Path jar = Path.of(args[0]).toAbsolutePath();
        Path work = Files.createDirectories(Path.of(args[1]).toAbsolutePath());
        int tags = args.length > 2 ? Integer.parseInt(args[2]) : 200;
        int repetitions = args.length > 3 ? Integer.parseInt(args[3]) : 3;
        GoToolchain go = GoToolchain.get();
        System.out.println("go: " + go.version() + ", java: " + System.getProperty("java.version") + ", cpus: "
                + Runtime.getRuntime().availableProcessors() + "; a git repository with " + tags + " tags");
        Map<String, List<Double>> times = new LinkedHashMap<>();
        try (DirectWorld world = DirectWorld.create(work.resolve("world"))) {
            String module = DirectWorld.HOST + "/team/many";
            publishTagged(world, work.resolve("many"), module, tags);
            for (int rep = 1; rep <= repetitions; rep++) {
                Path dir = Files.createDirectories(work.resolve("rep" + rep));
                GoToolchain.Sandbox client = go.sandbox(dir.resolve("direct"));
                Map<String, String> env =
                        new HashMap<>(world.env(Path.of(client.env().get("HOME")), false));
                env.put("GOPROXY", "direct");
                env.put("GOPRIVATE", DirectWorld.HOST);
                add(times, DIRECT, rep, goGet(client, dir.resolve("direct-app"), env, module));

                GoToolchain.Sandbox server = go.sandbox(dir.resolve("server"));
                Map<String, String> serverEnv = new HashMap<>(server.env());
                serverEnv.putAll(world.env(Path.of(server.env().get("HOME")), false));
                serverEnv.put("GOPRIVATE", DirectWorld.HOST);
                List<String> serve = List.of(
                        "--upstream", "off", "--cache", dir.resolve("cache").toString());
                try (ServerProcess holdfast =
                        ServerProcess.start(jar, List.of(), serve, dir.resolve("holdfast.log"), serverEnv)) {
                    Map<String, String> viaHoldfast = Map.of("GOPROXY", holdfast.url(), "GONOSUMDB", DirectWorld.HOST);
                    GoToolchain.Sandbox cold = go.sandbox(dir.resolve("cold"));
                    add(times, COLD, rep, goGet(cold, dir.resolve("cold-app"), viaHoldfast, module));
                    Thread.sleep(1000); // background stores end
                    GoToolchain.Sandbox warm = go.sandbox(dir.resolve("warm"));
                    add(times, WARM, rep, goGet(warm, dir.resolve("warm-app"), viaHoldfast, module));
                }
            }
        }
        double base = median(times.get(DIRECT));
        System.out.println("### Direct: go get M@latest, a git repository with " + tags + " tags, " + repetitions
                + " repetitions");
        System.out.println();
        System.out.println("| client | median s | runs | vs direct |");
        System.out.println("|---|---:|---|---:|");
        times.forEach((what, runs) -> System.out.printf(
                Locale.ROOT,
                "| %s | %.2f | %s | %.2f× |%n",
                what,
                median(runs),
                runs.stream().map(t -> String.format(Locale.ROOT, "%.2f", t)).toList(),
                median(runs) / base));
    }

    private static void add(Map<String, List<Double>> times, String what, int rep, double seconds) {
        times.computeIfAbsent(what, k -> new ArrayList<>()).add(seconds);
        System.out.printf(Locale.ROOT, "%s\trep %d\t%.2f s%n", what, rep, seconds);
    }

    /** Times {@code go get MODULE@latest} in a new project under {@code app}. */
    private static double goGet(GoToolchain.Sandbox sandbox, Path app, Map<String, String> env, String module)
            throws IOException {
        Files.createDirectories(app);
        Files.writeString(app.resolve("go.mod"), "module example.com/app\n\ngo 1.21\n");
        long start = System.nanoTime();
        GoToolchain.Run run = sandbox.run(app, env, "get", module + "@latest");
        double seconds = (System.nanoTime() - start) / 1e9;
        if (run.exitCode() != 0) {
            throw new IOException(run.describe());
        }
        return seconds;
    }

    /** Publishes a repository for {@code module} with {@code tags} tagged commits, v1.0.0 upwards. */
    private static void publishTagged(DirectWorld world, Path work, String module, int tags) throws IOException {
        Files.createDirectories(work);
        Git.run(work, "init", "--quiet");
        Files.writeString(work.resolve("go.mod"), "module " + module + "\n\ngo 1.21\n");
        for (int i = 0; i < tags; i++) {
            Files.writeString(
                    work.resolve("many.go"), "package many\n\n// N counts the releases.\nconst N = " + i + "\n");
            Git.run(work, "add", "-A");
            Git.run(work, "commit", "--quiet", "-m", "release " + i);
            Git.run(work, "tag", "v1.0." + i);
        }
        world.origin().publish("team/many", work);
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
