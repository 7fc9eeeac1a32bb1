package dev.holdfast.cli;

import dev.holdfast.archive.ArchiveManifest;
import dev.holdfast.archive.ArchiveWriter;
import dev.holdfast.modload.GoVersion;
import dev.holdfast.module.ModuleVersion;
import dev.holdfast.store.DiskStore;
import dev.holdfast.store.StoreKey;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code holdfast export}: module versions into one archive, to carry a cache where there is no network. */
@Command(
        name = "export",
        mixinStandardHelpOptions = true,
        header = "Writes module versions into one archive for an air-gapped cache.",
        description = {
            "Writes one archive (--out FILE, a zip) of module versions in module-cache",
            "layout, with a manifest of their hashes and go.sum lines, for",
            "`holdfast import` on the other side. For each project (-C DIR, may be",
            "repeated; the current directory when neither -C nor --modules is given)",
            "it holds everything `go mod download` fetches: the go.mod files of the",
            "module graph and the zips and .info files of the modules the build needs",
            "(fetched first through GOPROXY when the module cache lacks them, checked",
            "against go.sum and the checksum database). --modules adds module versions",
            "(go.mod, zip and .info each).",
            "",
            "The archive carries no checksum-database proofs yet: on the air-gapped side,",
            "set GONOSUMDB (or GOSUMDB=off) for these modules, or keep the projects'",
            "go.sum files, which the go command checks every download against.",
        },
        footer = {
            "",
            "With --json, one object: Archive, Modules, Zips, GoModFiles, Bytes.",
            "",
            "Exit codes: 0 written; 1 a download failed verification; 2 bad input (no go.mod,",
            "a malformed MODULE@VERSION); " + Help.UNAVAILABLE + "."
        })
final class ExportCommand extends HoldfastCommand {
    @Option(names = "--out", required = true, paramLabel = "FILE", description = "The archive to write.")
    private Path out;

    @Option(
            names = "--modules",
            split = ",",
            paramLabel = "MODULE@VERSION",
            description = "Module versions to add, comma-separated or repeated.")
    private List<String> modules = new ArrayList<>();

    @Option(
            names = {"-C", "--dir"},
            paramLabel = "DIR",
            description = "A Go project whose build to add; may be given more than once.")
    private List<Path> dirs = new ArrayList<>();

    @Option(names = "--json", description = "Print one JSON object.")
    private boolean json;

    @Mixin
    private NetworkOptions network;

    @Override
    int run() throws IOException {
        Set<ModuleVersion> goMods = new TreeSet<>(ModuleVersion.ORDER);
        Set<ModuleVersion> zips = new TreeSet<>(ModuleVersion.ORDER);
        List<Path> projects = new ArrayList<>(dirs);
        if (projects.isEmpty() && modules.isEmpty()) {
            projects.add(Path.of(""));
        }
        for (Path dir : projects) {
            int code = addProject(dir.toAbsolutePath().normalize(), goMods, zips);
            if (code != ExitCodes.OK) {
                return code;
            }
        }
        addModules(zips);
        DiskStore cache = context().moduleCache();
        goMods.removeIf(mv -> !Files.isRegularFile(cache.file(StoreKey.mod(mv)))); // replaced by a directory
        Path target = out.toAbsolutePath();
        ArchiveManifest manifest;
        try (Progress progress =
                Progress.start("export", goMods.size() + zips.size(), json || quiet(), terminal(), err())) {
            manifest =
                    ArchiveWriter.write(cache, goMods, zips, target, context().clock(), progress::step);
        }
        long zipCount = manifest.modules().stream().filter(m -> m.zip() != null).count();
        long bytes = Files.size(target);
        if (json) {
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("Archive", target.toString());
            fields.put("Modules", manifest.modules().size());
            fields.put("Zips", zipCount);
            fields.put("GoModFiles", manifest.modules().size());
            fields.put("Bytes", bytes);
            JsonOutput.print(out(), fields);
        } else if (!quiet()) {
            err().println("holdfast export: " + manifest.modules().size() + " module versions (" + zipCount
                    + " with zips) in " + target + " (" + DownloadCommand.bytes(bytes) + ")");
        }
        return ExitCodes.OK;
    }

    /** Downloads the build of the project in {@code dir} and adds what it used; returns the exit code. */
    private int addProject(Path dir, Set<ModuleVersion> goMods, Set<ModuleVersion> zips) throws IOException {
        WorkspaceDownload.noteModuleMode(this, dir);
        ProjectDownload project = ProjectDownload.open(context(), GoProject.read(dir), network.network(), false);
        ProjectDownload.Outcome outcome = project.run(false, json || quiet(), terminal(), err());
        int code = DownloadCommand.reportFailures(err(), outcome.resolution());
        outcome.resolution().graph().walkBreadthFirst(m -> {
            if (!GoVersion.isToolchain(m.path()) && StoreKey.isCanonical(m.version())) {
                goMods.add(m);
            }
        });
        zips.addAll(outcome.resolution().zips());
        return code;
    }

    /** Fetches the go.mod, zip and .info of each of {@code --modules} into the module cache, and adds them. */
    private void addModules(Set<ModuleVersion> zips) throws IOException {
        if (modules.isEmpty()) {
            return;
        }
        SourceStack<DiskStore> stack = context()
                .sources()
                .verifier(context().sumdb(network.network()))
                .network(network.network())
                .build();
        for (String target : modules) {
            int at = target.indexOf('@');
            if (at <= 0) {
                throw new IllegalArgumentException("--modules: \"" + target + "\" is not MODULE@VERSION");
            }
            ModuleVersion mv = new ModuleVersion(target.substring(0, at), target.substring(at + 1));
            if (!StoreKey.isCanonical(mv.version())) {
                throw new IllegalArgumentException("--modules: " + target + ": not a canonical version");
            }
            stack.source().mod(mv);
            stack.source().fetchZip(mv);
            try {
                stack.source().info(mv);
            } catch (IOException e) {
                // builds do not need it; the archive then has none
            }
            zips.add(mv);
        }
    }
}
