package dev.holdfast.cli;

import dev.holdfast.modedit.DowngradePlan;
import dev.holdfast.modedit.GoGet;
import dev.holdfast.semver.Semver;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code holdfast bisect}: the highest version of a module at which a command still passes. */
@Command(
        name = "bisect",
        mixinStandardHelpOptions = true,
        description = {
            "Finds the last version of MODULE at which a command passes.",
            "",
            "Finds the highest version of MODULE at which CMD passes, by binary search over",
            "the module's versions of one major version that are neither retracted nor",
            "excluded, between --good (assumed to pass; default: below the lowest) and --bad",
            "(assumed to fail; default: the selected version, which is tested first).",
            "",
            "Each step copies the module directory to a scratch directory next to it, moves",
            "MODULE to the step's version there exactly as `holdfast down` (that is, go get",
            "MODULE@VERSION) would, and runs CMD through `sh -c` in the copy. Every step is",
            "reported with its version, outcome and duration; a version MODULE cannot be",
            "moved to (its own requirements conflict with it) counts as failing, and the",
            "step says why. The project itself is left unchanged unless --apply, which",
            "then moves MODULE to the version found."
        },
        footer = {
            "",
            "Exit codes: 0 a passing version was found; 1 CMD fails at every version tried",
            "or another failure; 2 bad input (no go.mod, an unknown module or version,",
            "a CMD the shell cannot find or execute);",
            "3 the network or every upstream was unavailable."
        })
final class BisectCommand extends ProjectCommand {

    @Parameters(index = "0", paramLabel = "MODULE", description = "The module whose versions to search.")
    private String path;

    @Option(
            names = "--run",
            required = true,
            paramLabel = "CMD",
            description = "The shell command that passes or fails.")
    private String command;

    @Option(names = "--good", paramLabel = "V", description = "A version known to pass.")
    private String good;

    @Option(names = "--bad", paramLabel = "V", description = "A version known to fail (default: the selected one).")
    private String bad;

    @Option(names = "--apply", description = "Move MODULE to the version found in the project itself.")
    private boolean apply;

    @Option(names = "--json", description = "Print the steps and the result as one JSON object.")
    private boolean json;

    /** One tested version: whether CMD passed there, how long the step took, and what went wrong if anything. */
    private record Step(String version, boolean passed, double seconds, String error) {}

    /** The shell's exit status for a command it found but could not execute. */
    private static final int NOT_EXECUTABLE = 126;

    /** The shell's exit status for a command it could not find. */
    private static final int NOT_FOUND = 127;

    @Override
    int run() throws IOException {
        PrintWriter out = out();
        PrintWriter err = err();
        GoProject project = project();
        GoGet get = DownFiles.plan(context(), project);
        String selected = get.selected(path);
        if (selected.equals("none")) {
            throw new IllegalArgumentException("module " + path + " is not in the build list of "
                    + get.main().path());
        }
        List<String> versions = candidates(get, selected);
        PrintWriter log = json ? err : out;
        if (!quiet() || !json) {
            log.println("bisect " + path + ": " + versions.size() + " versions from " + versions.getFirst() + " to "
                    + versions.getLast() + ", running: " + command);
        }
        List<Step> steps = new ArrayList<>();
        int lo = good == null ? -1 : versions.indexOf(good);
        int hi = versions.size() - 1;
        String found = null;
        if (bad == null) {
            Step first = test(project, selected, versions.get(hi), log);
            steps.add(first);
            if (first.passed()) {
                found = versions.get(hi);
            }
        }
        while (found == null && hi - lo > 1) {
            int mid = (lo + hi) >>> 1;
            Step step = test(project, selected, versions.get(mid), log);
            steps.add(step);
            if (step.passed()) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        if (found == null && lo >= 0) {
            found = versions.get(lo);
        }
        String firstBad = found != null && found.equals(versions.getLast()) ? null : versions.get(hi);
        return report(project, selected, steps, found, firstBad, out, err);
    }

    /** Returns the versions to search, ascending: allowed ones of bad's major between good and bad, with both ends. */
    private List<String> candidates(GoGet get, String selected) throws IOException {
        String top = bad == null ? selected : get.resolveVersion(path, bad);
        String bottom = good == null ? null : get.resolveVersion(path, good);
        good = bottom;
        String major = Semver.major(top);
        TreeSet<String> set = new TreeSet<>(Semver::compare);
        for (String v : get.versions(path)) {
            if (Semver.major(v).equals(major)
                    && Semver.compare(v, top) <= 0
                    && (bottom == null || Semver.compare(v, bottom) >= 0)) {
                set.add(v);
            }
        }
        set.add(top);
        if (bottom != null) {
            if (Semver.compare(bottom, top) >= 0) {
                throw new IllegalArgumentException(
                        "--good " + bottom + " is not below the version known to fail, " + top);
            }
            set.add(bottom);
        }
        return List.copyOf(set);
    }

    /** Moves the module to {@code version} in a scratch copy of the project and runs the command there. */
    private Step test(GoProject project, String selected, String version, PrintWriter log) {
        long start = System.nanoTime();
        Path scratch = null;
        StringWriter output = new StringWriter();
        Step step;
        int status = -1;
        try {
            scratch = scratchCopy(project.root());
            if (!version.equals(selected)) {
                GoProject copy = GoProject.read(scratch);
                DowngradePlan plan = DownFiles.plan(context(), copy).plan(path, version);
                DownFiles.write(copy.root(), plan);
            }
            status = DownFiles.runCheck(command, scratch, environment(), new PrintWriter(output));
            step = new Step(version, status == 0, seconds(start), status == 0 ? "" : "exit status " + status);
        } catch (IOException | RuntimeException e) {
            step = new Step(version, false, seconds(start), e.getMessage());
        } finally {
            if (scratch != null) {
                deleteTree(scratch);
            }
        }
        if (status == NOT_EXECUTABLE || status == NOT_FOUND) {
            // The shell could not start CMD: the same at every version, so not a verdict on this one.
            String said = output.toString().strip().lines().reduce((a, b) -> b).orElse("");
            throw new IllegalArgumentException("--run " + command + ": the command could not be run (exit status "
                    + status + (said.isEmpty() ? "" : ": " + said) + ")");
        }
        log.printf(
                "  %s@%s  %s  %.1fs%s%n",
                path,
                version,
                step.passed() ? "pass" : "fail",
                step.seconds(),
                step.error().isEmpty() ? "" : "  (" + step.error() + ")");
        return step;
    }

    private int report(
            GoProject project,
            String selected,
            List<Step> steps,
            String found,
            String firstBad,
            PrintWriter out,
            PrintWriter err) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("Path", path);
        result.put("Selected", selected);
        List<Map<String, Object>> stepList = new ArrayList<>();
        for (Step s : steps) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("Version", s.version());
            m.put("Result", s.passed() ? "pass" : "fail");
            m.put("Seconds", Math.round(s.seconds() * 1000) / 1000.0);
            if (!s.error().isEmpty()) {
                m.put("Error", s.error());
            }
            stepList.add(m);
        }
        result.put("Steps", stepList);
        result.put("Found", found == null ? "" : found);
        result.put("FirstBad", firstBad == null ? "" : firstBad);
        int code = found == null ? ExitCodes.FINDINGS : ExitCodes.OK;
        if (!json) {
            out.println(
                    found == null
                            ? "no version passes: " + command + " fails at every version tried"
                            : "highest passing version: " + path + "@" + found
                                    + (firstBad == null ? "" : " (lowest failing: " + firstBad + ")"));
        }
        boolean applied = false;
        if (apply && found != null && !found.equals(selected)) {
            try {
                GoProject fresh = GoProject.read(project.root());
                DowngradePlan plan = DownFiles.plan(context(), fresh).plan(path, found);
                if (!json) {
                    DownCommand.print(plan, out, quiet() ? null : err);
                }
                DownFiles.write(fresh.root(), plan);
                applied = true;
            } catch (IOException | RuntimeException e) {
                code = ErrorReport.report(name(), e, err);
            }
        }
        result.put("Applied", applied);
        if (json) {
            JsonOutput.print(out, result);
        }
        return code;
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }

    /**
     * Copies the module directory to a new scratch directory beside it (so that relative replacement
     * directories outside the module still resolve), or in the temporary directory if that fails.
     */
    private static Path scratchCopy(Path root) throws IOException {
        Path scratch;
        try {
            scratch = Files.createTempDirectory(root.getParent(), "." + root.getFileName() + ".bisect-");
        } catch (IOException | RuntimeException e) {
            scratch = Files.createTempDirectory("holdfast-bisect-");
        }
        Path target = scratch;
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                if (dir.equals(target)) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                Files.createDirectories(target.resolve(root.relativize(dir).toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.copy(
                        file,
                        target.resolve(root.relativize(file).toString()),
                        StandardCopyOption.COPY_ATTRIBUTES,
                        LinkOption.NOFOLLOW_LINKS);
                return FileVisitResult.CONTINUE;
            }
        });
        return scratch;
    }

    private static void deleteTree(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> {
                try {
                    p.toFile().setWritable(true);
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    // best effort: a scratch copy left behind is only clutter
                }
            });
        } catch (IOException e) {
            // likewise
        }
    }
}
