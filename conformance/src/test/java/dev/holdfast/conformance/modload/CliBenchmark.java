package dev.holdfast.conformance.modload;

import dev.holdfast.conformance.universe.Universe;
import dev.holdfast.testing.GoToolchain;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The read-only command benchmark of issue 16, run by {@code scripts/bench-cli} (not a test): each
 * Holdfast launcher given (the current one, and a baseline's from another commit) against the go command
 * on the same project and the same warm module cache, as a user types them: the launcher script with its
 * JVM options and AOT cache, go's own start-up, everything timed. Projects: a generated one of 9 modules,
 * the generated 10,000-version graph of {@link GraphBenchmark} (list only), and, when {@code CLI_REAL_DIR}
 * names a directory with a real module's go.mod and go.sum whose module cache {@code CLI_REAL_MODCACHE} is
 * warm, that one (with the go environment's proxy for drift's lookups). Every Holdfast output of list and
 * graph must equal the go command's. Order alternates between repetitions.
 *
 * <p>Arguments: a work directory, the repetitions, then {@code NAME=LAUNCHER} per Holdfast build.
 */
public final class CliBenchmark {
    private CliBenchmark() {}

    /** One command of each tool: the go command's line and Holdfast's arguments; outputs compared or not. */
    private record Command(String name, List<String> go, List<String> holdfast, boolean sameOutput) {}

    /** Runs the benchmark; see the class comment for the arguments. */
    public static void main(String[] args) throws Exception {
        Path work = Files.createDirectories(Path.of(args[0]).toAbsolutePath());
        int repetitions = Integer.parseInt(args[1]);
        Map<String, Path> launchers = new LinkedHashMap<>();
        for (int i = 2; i < args.length; i++) {
            int eq = args[i].indexOf('=');
            launchers.put(
                    args[i].substring(0, eq), Path.of(args[i].substring(eq + 1)).toAbsolutePath());
        }
        GoToolchain go = GoToolchain.get();
        GoToolchain.Sandbox sandbox = go.sandbox(work.resolve("sandbox"));
        String goBin = go.goroot().resolve("bin/go").toString();
        System.out.println("go: " + go.version() + ", cpus: "
                + Runtime.getRuntime().availableProcessors() + ", launchers: " + launchers);

        Universe.Layout small = GraphBenchmark.universe(9, 2).write(work.resolve("small"));
        run(
                "generated project, 9 modules",
                small.main(),
                generatedEnv(sandbox, small, work.resolve("small-cache")),
                List.of(list(goBin), graph(goBin), verify(goBin)),
                launchers,
                repetitions,
                work);

        Universe.Layout large = GraphBenchmark.universe(1000, 10).write(work.resolve("large"));
        run(
                "generated graph, 10,000 module versions",
                large.main(),
                generatedEnv(sandbox, large, work.resolve("large-cache")),
                List.of(list(goBin)),
                launchers,
                Math.min(repetitions, 3),
                work);

        String real = System.getenv().getOrDefault("CLI_REAL_DIR", "");
        if (!real.isEmpty()) {
            Map<String, String> env = new HashMap<>(sandbox.env());
            env.putAll(Map.of(
                    "GOMODCACHE",
                    System.getenv("CLI_REAL_MODCACHE"),
                    "GOFLAGS",
                    "",
                    "GOPROXY",
                    System.getenv("CLI_REAL_GOPROXY"),
                    "GOSUMDB",
                    System.getenv("CLI_REAL_GOSUMDB")));
            Command drift = new Command(
                    "drift (vs go list -m -u -retracted all; go mod verify)",
                    List.of("bash", "-c", goBin + " list -m -u -retracted all >/dev/null && " + goBin + " mod verify"),
                    List.of("drift", "--fail-on", "none"),
                    false);
            run(
                    "real module " + Path.of(real).getFileName(),
                    Path.of(real),
                    env,
                    List.of(list(goBin), graph(goBin), verify(goBin), drift),
                    launchers,
                    repetitions,
                    work);
        }
    }

    private static Command list(String go) {
        return new Command("list (vs go list -m all)", List.of(go, "list", "-m", "all"), List.of("list"), true);
    }

    private static Command graph(String go) {
        return new Command("graph (vs go mod graph)", List.of(go, "mod", "graph"), List.of("graph"), true);
    }

    private static Command verify(String go) {
        return new Command("verify (vs go mod verify)", List.of(go, "mod", "verify"), List.of("verify"), false);
    }

    private static Map<String, String> generatedEnv(GoToolchain.Sandbox sandbox, Universe.Layout layout, Path cache)
            throws Exception {
        Map<String, String> env = new HashMap<>(sandbox.env());
        env.put("GOPROXY", layout.proxyUrl());
        env.put("GOMODCACHE", cache.toString());
        env.put("GOFLAGS", "-mod=mod");
        env.put("GOSUMDB", "off");
        // Warm: the module cache holds every go.mod and zip, and go.mod and go.sum are tidy.
        sandbox.run(layout.main(), env, "mod", "download", "all").checkSuccess();
        return env;
    }

    private static void run(
            String project,
            Path dir,
            Map<String, String> env,
            List<Command> commands,
            Map<String, Path> launchers,
            int repetitions,
            Path work)
            throws Exception {
        System.out.println();
        System.out.println("### " + project);
        System.out.println();
        StringBuilder head = new StringBuilder("| command | go (s) |");
        StringBuilder rule = new StringBuilder("|---|---:|");
        launchers.keySet().forEach(n -> {
            head.append(' ').append(n).append(" (s) | ÷ go |");
            rule.append("---:|---:|");
        });
        List<String> rows = new ArrayList<>();
        for (Command c : commands) {
            Map<String, List<Double>> walls = new LinkedHashMap<>();
            String expected = GraphBenchmark.timed(c.go(), env, dir, work).stdout();
            for (Path launcher : launchers.values()) {
                GraphBenchmark.timed(holdfast(launcher, c), env, dir, work); // warm: AOT cache, OS caches
            }
            for (int rep = 0; rep < repetitions; rep++) {
                List<String> order = new ArrayList<>(List.of("go"));
                order.addAll(launchers.keySet());
                if (rep % 2 == 1) {
                    java.util.Collections.reverse(order);
                }
                for (String tool : order) {
                    GraphBenchmark.Timed t = tool.equals("go")
                            ? GraphBenchmark.timed(c.go(), env, dir, work)
                            : GraphBenchmark.timed(holdfast(launchers.get(tool), c), env, dir, work);
                    if (c.sameOutput() && !tool.equals("go") && !t.stdout().equals(expected)) {
                        throw new AssertionError(tool + " " + c.name() + ": output differs from the go command's");
                    }
                    walls.computeIfAbsent(tool, k -> new ArrayList<>()).add(t.wall());
                    System.out.printf(
                            Locale.ROOT,
                            "%s\t%s\trep %d\t%.3f s wall\t%.3f s cpu%n",
                            c.name(),
                            tool,
                            rep + 1,
                            t.wall(),
                            t.cpu());
                }
            }
            double goMedian = GraphBenchmark.median(walls.get("go"));
            StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "| %s | %.3f |", c.name(), goMedian));
            for (String n : launchers.keySet()) {
                double m = GraphBenchmark.median(walls.get(n));
                row.append(String.format(Locale.ROOT, " %.3f | %.1f× |", m, m / goMedian));
            }
            rows.add(row.toString());
        }
        System.out.println();
        System.out.println(head);
        System.out.println(rule);
        rows.forEach(System.out::println);
    }

    private static List<String> holdfast(Path launcher, Command c) {
        List<String> command = new ArrayList<>(List.of(launcher.toString()));
        command.addAll(c.holdfast());
        return command;
    }
}
