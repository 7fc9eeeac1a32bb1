package dev.holdfast.cli;

import dev.holdfast.store.ReadOnlyTrees;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code holdfast warm}: fills a cache with what projects' builds need, before the builds ask. */
@Command(
        name = "warm",
        mixinStandardHelpOptions = true,
        header = "Fills a cache with what projects' builds need, ahead of them.",
        description = {
            "Fetches what each project's build needs, as `holdfast download` does: the",
            "go.mod files of its module graph and the zips (and .info files) `go mod",
            "download` fetches, in parallel, checked against go.sum and the checksum",
            "database. Run it in CI before the fleet builds.",
            "",
            "Without --server, into the local module cache (GOMODCACHE). With --server",
            "URL, into the cache of that Go module proxy (holdfast serve, or any",
            "caching GOPROXY server): everything is asked of the server through the",
            "GOPROXY protocol, and the checksum database through its /sumdb/ proxy,",
            "into a module cache that is thrown away afterwards, so the local one is",
            "left as it was. Modules the go environment's GONOPROXY or GOPRIVATE",
            "match are not asked of the server.",
            "",
            "Projects: each -C DIR and each GO.MOD (a go.mod file or its directory);",
            "the current directory when none is named. Interrupted, it picks up where",
            "it stopped: what is already cached is not fetched again (a zip the server",
            "holds, by the h1: hash holdfast serve gives it, is only asked about).",
        },
        footer = {
            "",
            "With --json, one object per project: Project, Cache (the module cache or",
            "the server filled) and the download summary (Zips, Downloaded, Cached,",
            "Bytes, GoModFiles, Seconds).",
            "",
            "Exit codes: 0 every project's build is cached; 1 a download failed",
            "verification; 2 bad input (no go.mod, an unknown module or version); " + Help.UNAVAILABLE + "."
        })
final class WarmCommand extends HoldfastCommand {
    @Option(
            names = {"-C", "--dir"},
            paramLabel = "DIR",
            description = "A Go project directory; may be given more than once.")
    private List<Path> dirs = new ArrayList<>();

    @Parameters(arity = "0..*", paramLabel = "GO.MOD", description = "go.mod files, or their directories.")
    private List<Path> goMods = new ArrayList<>();

    @Option(
            names = "--server",
            paramLabel = "URL",
            description = "Fill this Go module proxy's cache instead of the local module cache.")
    private String server;

    @Option(names = "--json", description = "Print one JSON object per project.")
    private boolean json;

    @Mixin
    private NetworkOptions network;

    @Override
    int run() throws IOException {
        List<Path> projects = projects();
        Path throwAway = server == null ? null : Files.createTempDirectory("holdfast-warm");
        try {
            Context context = throwAway == null
                    ? context()
                    : context().throwAwayCache(Map.of("GOPROXY", server.strip(), "GOMODCACHE", throwAway.toString()));
            int code = ExitCodes.OK;
            for (Path dir : projects) {
                code = ExitCodes.worst(code, warm(context, dir));
            }
            return code;
        } finally {
            if (throwAway != null) {
                ReadOnlyTrees.removeAll(throwAway);
            }
        }
    }

    /** Returns the project directories named, in order; the current directory when none is. */
    private List<Path> projects() {
        List<Path> all = new ArrayList<>(dirs);
        for (Path p : goMods) {
            all.add(p.getFileName() != null && p.getFileName().toString().equals("go.mod") ? parent(p) : p);
        }
        if (all.isEmpty()) {
            all.add(Path.of(""));
        }
        return all.stream().map(p -> p.toAbsolutePath().normalize()).distinct().toList();
    }

    private static Path parent(Path goMod) {
        Path parent = goMod.toAbsolutePath().getParent();
        return parent == null ? Path.of("/") : parent;
    }

    /** Warms the cache of {@code context} with the project in {@code dir}; returns the exit code. */
    private int warm(Context context, Path dir) throws IOException {
        PrintWriter err = err();
        WorkspaceDownload.noteModuleMode(this, dir);
        ProjectDownload project = ProjectDownload.open(context, GoProject.read(dir), network.network(), false);
        ZipFetch.Held held = server == null
                ? ZipFetch.Held.NOWHERE
                : new ServerZips(server, project.stack().verifier());
        ProjectDownload.Outcome outcome = project.run(false, json || quiet(), terminal(), err, held);
        int code = DownloadCommand.reportFailures(err, outcome.resolution());
        String cache = server != null ? server : project.stack().store().describe();
        if (json) {
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("Project", dir.toString());
            fields.put("Cache", cache);
            fields.putAll(DownloadCommand.summary(outcome, project, null, null));
            JsonOutput.print(out(), fields);
        } else if (!quiet()) {
            err.println("holdfast warm: " + dir + " into " + cache + ": "
                    + DownloadCommand.summaryLine(
                            outcome, project, server == null ? "the module cache" : "the server"));
        }
        return code;
    }
}
