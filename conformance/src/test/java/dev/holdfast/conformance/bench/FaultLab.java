package dev.holdfast.conformance.bench;

import dev.holdfast.testing.FaultKind;
import dev.holdfast.testing.FaultRelay;
import dev.holdfast.testing.GoToolchain;
import dev.holdfast.testing.LocalOrigin;
import dev.holdfast.testing.Scenario;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The fault lab of issue 11, run by {@code scripts/fault-lab} (not a test): a project requiring {@code
 * lab.modules} generated modules is downloaded through every {@link LabScenario} by every {@link
 * LabClient}, each run with empty caches, against a {@link LocalOrigin} behind a {@link FaultRelay}. It
 * prints a Markdown report: per scenario and client, the runs that succeeded and the median time, as a
 * ratio to the same client's clean runs and to the go command's clean runs of this same lab run.
 *
 * <p>Arguments: the holdfast jar, the goproxy binary (or {@code -} to leave that peer out), a work
 * directory and the report file. System properties: {@code lab.modules} (150), {@code lab.zipBytes}
 * (16384), {@code lab.runs} (3), {@code lab.lossyRuns} (20), {@code lab.limitSeconds} (180), {@code
 * lab.scenarios} and {@code lab.clients} (comma-separated enum names; all by default).
 */
public final class FaultLab {
    private FaultLab() {}

    /** One scenario's outcome for one client. */
    record Cell(List<LabRun> runs) {
        long succeeded() {
            return runs.stream().filter(LabRun::ok).count();
        }

        double median() {
            double[] s = runs.stream()
                    .filter(LabRun::ok)
                    .mapToDouble(LabRun::seconds)
                    .sorted()
                    .toArray();
            return s.length == 0 ? Double.NaN : s[s.length / 2];
        }
    }

    /** Runs the lab; see the class comment for the arguments. */
    public static void main(String[] args) throws Exception {
        Path jar = Path.of(args[0]).toAbsolutePath();
        Path goproxy = args[1].equals("-") ? null : Path.of(args[1]).toAbsolutePath();
        Path work = Files.createDirectories(Path.of(args[2]).toAbsolutePath());
        Path report = Path.of(args[3]).toAbsolutePath();
        int count = Integer.getInteger("lab.modules", 150);
        int zipBytes = Integer.getInteger("lab.zipBytes", 16 << 10);
        int runs = Integer.getInteger("lab.runs", 3);
        int lossyRuns = Integer.getInteger("lab.lossyRuns", 20);
        Duration limit = Duration.ofSeconds(Integer.getInteger("lab.limitSeconds", 180));
        List<LabScenario> scenarios = chosen(LabScenario.class, System.getProperty("lab.scenarios"));
        List<LabClient> clients = new ArrayList<>(chosen(LabClient.class, System.getProperty("lab.clients")));
        if (goproxy == null) {
            clients.remove(LabClient.GOPROXY);
        }

        List<BenchModules.Module> modules = BenchModules.generate(count, zipBytes, 11);
        StringBuilder goMod = new StringBuilder("module example.com/lab/project\n\ngo 1.21\n\nrequire (\n");
        List<String> targets = new ArrayList<>();
        for (BenchModules.Module m : modules) {
            goMod.append('\t').append(m.require()).append('\n');
            targets.add(m.mv().path() + "@" + m.mv().version());
        }
        goMod.append(")\n");
        GoToolchain go = GoToolchain.get();
        LabClient.Lab lab = new LabClient.Lab(jar, goproxy, go, goMod.toString(), List.copyOf(targets), limit);

        Map<LabScenario, Map<LabClient, Cell>> results = new LinkedHashMap<>();
        Map<LabScenario, Map<FaultKind, Long>> faults = new LinkedHashMap<>();
        int dirs = 0;
        try (LocalOrigin origin = BenchModules.serve(LocalOrigin.open(), modules)) {
            for (LabScenario scenario : scenarios) {
                int n = scenario == LabScenario.LOSSY ? lossyRuns : runs;
                Map<LabClient, List<LabRun>> byClient = new EnumMap<>(LabClient.class);
                Map<FaultKind, Long> injected = new EnumMap<>(FaultKind.class);
                for (int run = 0; run < n; run++) {
                    for (int c = 0; c < clients.size(); c++) {
                        LabClient client = clients.get((c + run) % clients.size()); // rotate the order
                        Path dir = work.resolve("r" + dirs++);
                        long seed = scenario.ordinal() * 1000L + run;
                        LabRun result = once(lab, origin, scenario, client, seed, dir, injected);
                        byClient.computeIfAbsent(client, k -> new ArrayList<>()).add(result);
                        System.out.printf(
                                Locale.ROOT,
                                "%s\t%s\trun %d\t%s\t%.2f s\t%s%n",
                                scenario,
                                client.label(),
                                run + 1,
                                result.ok() ? "ok" : "FAILED",
                                result.seconds(),
                                result.detail());
                        deleteQuietly(dir);
                    }
                }
                Map<LabClient, Cell> cells = new EnumMap<>(LabClient.class);
                byClient.forEach((client, list) -> cells.put(client, new Cell(list)));
                results.put(scenario, cells);
                faults.put(scenario, injected);
            }
        }
        String text = report(results, faults, clients, count, zipBytes, go.version());
        Files.writeString(report, text, StandardCharsets.UTF_8);
        System.out.println(text);
    }

    /** Runs {@code client} once through {@code scenario} with a relay seeded by {@code seed}. */
    private static LabRun once(
            LabClient.Lab lab,
            LocalOrigin origin,
            LabScenario scenario,
            LabClient client,
            long seed,
            Path dir,
            Map<FaultKind, Long> injected)
            throws IOException, InterruptedException {
        try (FaultRelay relay = FaultRelay.open(origin.address(), seed);
                LabClient.Session session = client.start(lab, scenario.upstream(relay.url()), dir)) {
            Path runDir = dir.resolve("run");
            if (scenario.warmsUpFirst()) {
                LabRun warm = session.run(runDir);
                if (!warm.ok()) {
                    return warm.failed("warm-up failed: " + warm.detail());
                }
                relay.faults(Scenario.OUTAGE.faults());
                // A proxy keeps its own cache: the go command after the outage starts from nothing.
                runDir = client.isProxy() ? dir.resolve("after") : runDir;
            } else {
                relay.faults(scenario.faults());
                Thread.sleep(scenario.leadIn());
            }
            Thread driver = scenario.drive(relay);
            try {
                return session.run(runDir);
            } finally {
                if (driver != null) {
                    driver.interrupt();
                    driver.join();
                }
                relay.faultCounts().forEach((k, v) -> injected.merge(k, v, Long::sum));
            }
        }
    }

    private static String report(
            Map<LabScenario, Map<LabClient, Cell>> results,
            Map<LabScenario, Map<FaultKind, Long>> faults,
            List<LabClient> clients,
            int count,
            int zipBytes,
            String goVersion) {
        Map<LabClient, Cell> clean = results.get(LabScenario.CLEAN);
        double goClean = clean == null || !clean.containsKey(LabClient.GO_DIRECT)
                ? Double.NaN
                : clean.get(LabClient.GO_DIRECT).median();
        StringBuilder b = new StringBuilder();
        b.append(String.format(
                Locale.ROOT,
                "%d generated modules (zips of %d bytes), `go mod download all` (or `holdfast download` /"
                        + " `holdfast fetch` of the same versions), every run with empty caches; %s, Java %s, %d"
                        + " CPUs. Time is the median of the successful runs; \"× clean\" divides it by the same"
                        + " client's clean median, \"× go clean\" by the go command's clean median, both from"
                        + " this run of the lab.%n%n",
                count,
                zipBytes,
                goVersion,
                System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors()));
        b.append("| scenario | client | succeeded | median s | × clean | × go clean |\n");
        b.append("|---|---|---:|---:|---:|---:|\n");
        results.forEach((scenario, cells) -> {
            for (LabClient client : clients) {
                Cell cell = cells.get(client);
                if (cell == null) {
                    continue;
                }
                double own = clean != null && clean.containsKey(client)
                        ? clean.get(client).median()
                        : Double.NaN;
                b.append(String.format(
                        Locale.ROOT,
                        "| %s | %s | %d/%d | %s | %s | %s |%n",
                        scenario.label(),
                        client.label(),
                        cell.succeeded(),
                        cell.runs().size(),
                        number(cell.median()),
                        ratio(cell.median(), own),
                        ratio(cell.median(), goClean)));
            }
        });
        b.append("\nFaults the relay injected, by scenario (all clients and runs together):\n\n");
        faults.forEach((scenario, counts) -> b.append("- ")
                .append(scenario.label())
                .append(": ")
                .append(counts.entrySet().stream()
                        .filter(e -> e.getValue() > 0)
                        .map(e -> e.getKey().name().toLowerCase(Locale.ROOT) + " " + e.getValue())
                        .collect(Collectors.joining(", ", "", "")))
                .append('\n'));
        b.append("\nFailed runs:\n\n");
        results.forEach((scenario, cells) -> cells.forEach((client, cell) -> cell.runs().stream()
                .filter(r -> !r.ok())
                .limit(3)
                .forEach(r -> b.append("- ")
                        .append(scenario.label())
                        .append(", ")
                        .append(client.label())
                        .append(": ")
                        .append(r.detail().replace("|", "\\|"))
                        .append('\n'))));
        return b.toString();
    }

    private static String number(double seconds) {
        return Double.isNaN(seconds) ? "–" : String.format(Locale.ROOT, "%.2f", seconds);
    }

    private static String ratio(double value, double base) {
        return Double.isNaN(value) || Double.isNaN(base) ? "–" : String.format(Locale.ROOT, "%.2f", value / base);
    }

    private static <E extends Enum<E>> List<E> chosen(Class<E> type, String names) {
        if (names == null || names.isBlank()) {
            return Arrays.asList(type.getEnumConstants());
        }
        List<E> out = new ArrayList<>();
        for (String name : names.split(",")) {
            out.add(Enum.valueOf(type, name.strip().toUpperCase(Locale.ROOT)));
        }
        return out;
    }

    private static void deleteQuietly(Path dir) {
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> {
                f.toFile().setWritable(true);
                f.toFile().delete();
            });
        } catch (IOException e) {
            // leave it for the script's clean-up
        }
    }
}
