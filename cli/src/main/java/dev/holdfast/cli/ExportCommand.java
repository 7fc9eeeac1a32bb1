package dev.holdfast.cli;

import dev.holdfast.archive.ArchiveImport;
import dev.holdfast.archive.ArchiveManifest;
import dev.holdfast.archive.ArchiveWriter;
import dev.holdfast.archive.BadArchiveException;
import dev.holdfast.modload.GoVersion;
import dev.holdfast.module.ModuleVersion;
import dev.holdfast.store.DiskStore;
import dev.holdfast.store.StoreKey;
import dev.holdfast.sumdb.SumdbException;
import dev.holdfast.sumdb.SumdbProofs;
import dev.holdfast.sumdb.SumdbSecurityException;
import dev.holdfast.sumdb.SumdbVerifier;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
            "Unless GOSUMDB is off, the archive also carries the checksum database's",
            "signed answers for these module versions (GONOSUMDB ones left out) and the",
            "tiles that prove them, looked up afresh: a go command on the air-gapped side",
            "then verifies modules missing from go.sum through `holdfast serve --offline`",
            "(or its module cache) as it would online. When the database cannot be",
            "reached (each lookup is retried for 10s unless --retry-budget says otherwise),",
            "the archive is written without them, and says so.",
            "",
            "A go command that checked modules from an earlier archive remembers the",
            "database's tree it saw there, and checks the next archive's trees against it:",
            "--after EARLIER.zip (may be repeated) adds the tiles that prove the earlier",
            "archives' trees (and those they were made --after) part of this one's.",
        },
        footer = {
            "",
            "With --json, one object: Archive, Modules, Zips, GoModFiles, Bytes, Proofs",
            "(module versions with the database's proofs), ProofDatabase.",
            "",
            "Exit codes: 0 written; 1 a download failed verification; 2 bad input (no go.mod,",
            "a malformed MODULE@VERSION); " + Help.UNAVAILABLE + "."
        })
final class ExportCommand extends HoldfastCommand {
    /**
     * How long one lookup for the proofs keeps retrying unless --retry-budget says otherwise: the archive is
     * useful without them, so a database that cannot be reached is not waited for as long as a download.
     */
    private static final Duration PROOF_BUDGET = Duration.ofSeconds(10);

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

    @Option(
            names = "--after",
            paramLabel = "ARCHIVE",
            description = "An earlier archive whose checksum-database trees this one's proofs are to extend;"
                    + " may be given more than once.")
    private List<Path> after = new ArrayList<>();

    @Option(names = "--json", description = "Print one JSON object.")
    private boolean json;

    @Mixin
    private NetworkOptions network;

    @Override
    int run() throws IOException {
        checkOut(out.toAbsolutePath()); // before the fetching, not after it
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
        Set<ModuleVersion> all = new TreeSet<>(ModuleVersion.ORDER);
        all.addAll(goMods);
        all.addAll(zips);
        ArchiveWriter.ProofFiles proofs = proofs(all);
        ArchiveManifest manifest;
        try (Progress progress = Progress.start("export", all.size(), json || quiet(), terminal(), err())) {
            manifest = ArchiveWriter.write(
                    cache, goMods, zips, proofs, target, context().clock(), progress::step);
        }
        long proved = proofs == null
                ? 0
                : proofs.files().keySet().stream()
                        .filter(f -> f.startsWith(proofs.database() + "/lookup/"))
                        .count();
        long zipCount = manifest.modules().stream().filter(m -> m.zip() != null).count();
        long bytes = Files.size(target);
        if (json) {
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("Archive", target.toString());
            fields.put("Modules", manifest.modules().size());
            fields.put("Zips", zipCount);
            fields.put("GoModFiles", manifest.modules().size());
            fields.put("Bytes", bytes);
            fields.put("Proofs", proved);
            if (proofs != null) {
                fields.put("ProofDatabase", proofs.database());
            }
            JsonOutput.print(out(), fields);
        } else if (!quiet()) {
            err().println("holdfast export: " + Plural.of(manifest.modules().size(), "module version") + " (" + zipCount
                    + " with zips" + (proofs == null ? "" : ", " + proved + " with proofs from " + proofs.database())
                    + ") in " + target + " (" + DownloadCommand.bytes(bytes) + ")");
        }
        return ExitCodes.OK;
    }

    /** Refuses an archive path that cannot be written: a directory, or one in a directory that does not exist. */
    private void checkOut(Path target) {
        if (Files.isDirectory(target)) {
            throw new IllegalArgumentException("--out " + out + ": is a directory");
        }
        Path parent = target.getParent();
        if (parent == null || !Files.isDirectory(parent)) {
            throw new IllegalArgumentException("--out " + out + ": no such directory: " + parent);
        }
    }

    /**
     * Returns the checksum database's proofs of {@code versions}, or null when GOSUMDB is off or the
     * database cannot be reached (said on stderr). A database that proves a forked log fails the export.
     */
    private ArchiveWriter.ProofFiles proofs(Set<ModuleVersion> versions) throws IOException {
        Optional<SumdbVerifier> sumdb = context().sumdbVerifier(network.network(PROOF_BUDGET, null));
        if (sumdb.isEmpty()) {
            return null;
        }
        List<String> earlier = earlierTrees(sumdb.get());
        try {
            Map<String, byte[]> files = SumdbProofs.collect(sumdb.get(), versions, earlier);
            return files.isEmpty()
                    ? null
                    : new ArchiveWriter.ProofFiles(sumdb.get().client().name(), files, earlier);
        } catch (SumdbSecurityException e) {
            throw e;
        } catch (IOException e) {
            err().println("holdfast export: the archive carries no checksum-database proofs: " + e.getMessage());
            return null;
        }
    }

    /**
     * Returns the signed trees of the --after archives' proofs (and of the archives they were made after),
     * each checked against {@code sumdb}'s key; an archive of another database, or without proofs, adds
     * none (said on stderr).
     *
     * @throws IOException if an archive cannot be read, or holds a tree the database did not sign
     */
    private List<String> earlierTrees(SumdbVerifier sumdb) throws IOException {
        Set<String> trees = new TreeSet<>();
        String name = sumdb.client().name();
        for (Path earlier : after) {
            Optional<ArchiveWriter.ProofFiles> lookups = ArchiveImport.lookups(earlier);
            if (lookups.isEmpty() || !lookups.get().database().equals(name)) {
                err().println("holdfast export: " + earlier + " carries no proofs of " + name + "; nothing to extend");
                continue;
            }
            try {
                trees.addAll(SumdbProofs.signedTrees(
                        sumdb, lookups.get().files(), lookups.get().earlierTrees()));
            } catch (SumdbException e) {
                throw new BadArchiveException(earlier + ": " + e.getMessage(), e);
            }
        }
        return List.copyOf(trees);
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
