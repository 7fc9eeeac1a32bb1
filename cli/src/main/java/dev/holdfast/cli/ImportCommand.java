package dev.holdfast.cli;

import dev.holdfast.archive.ArchiveImport;
import dev.holdfast.module.ModuleVersion;
import dev.holdfast.store.DiskStore;
import dev.holdfast.sumdb.SumdbConfig;
import dev.holdfast.sumdb.SumdbProofs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code holdfast import}: an archive of {@code holdfast export} into a module cache, checked first. */
@Command(
        name = "import",
        mixinStandardHelpOptions = true,
        header = "Checks an exported archive, then stores it in a module cache.",
        description = {
            "Checks every file of an archive written by `holdfast export` against its",
            "manifest (each go.mod and zip by its h1: hash, as go.sum lines are checked;",
            "zips by the module zip rules; no file missing, none unlisted) and only",
            "then stores them in the module cache (GOMODCACHE), or in --cache DIR, the",
            "cache directory of `holdfast serve` (then `holdfast serve --cache DIR",
            "--offline` serves them, lists and @latest included). A tampered archive",
            "is refused whole and nothing is stored. Importing again changes nothing.",
            "",
            "Checksum-database proofs in the archive are checked with the key of this",
            "machine's GOSUMDB (signatures, every answer proved from the archive's tiles",
            "alone, each module's go.sum lines what the database holds) and stored beside",
            "the modules, where the go command and `holdfast serve --offline` find them;",
            "proofs of another database, or with GOSUMDB off, are left out with a note.",
        },
        footer = {
            "",
            "With --json, one object: Archive, Cache, Modules, Stored, AlreadyPresent,",
            "Proofs (checksum-database files checked), ProofsStored (of them, written",
            "now), ProofNote (why none were).",
            "",
            "Exit codes: 0 imported; 1 the archive failed a check (nothing stored); 2 bad",
            "input (no such file)."
        })
final class ImportCommand extends HoldfastCommand {
    @Parameters(arity = "1", paramLabel = "FILE", description = "The archive, from holdfast export.")
    private Path archive;

    @Option(
            names = "--cache",
            paramLabel = "DIR",
            description = "A holdfast serve cache directory to fill instead of the module cache.")
    private Path cache;

    @Option(names = "--json", description = "Print one JSON object.")
    private boolean json;

    @Override
    int run() throws IOException {
        Path file = archive.toAbsolutePath();
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(
                    Files.isDirectory(file) ? file + " is a directory, not an archive" : "no archive " + file);
        }
        // A server's cache keeps only the download area; the go command's also has the extracted trees.
        DiskStore store = cache == null
                ? context().moduleCache()
                : DiskStore.of(cache.toAbsolutePath().normalize()).withExtraction(false);
        ArchiveImport.Result result;
        try (ImportProgress progress = new ImportProgress()) {
            result = ArchiveImport.into(file, store, proofCheck(), progress);
        }
        if (json) {
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("Archive", file.toString());
            fields.put("Cache", store.root().toString());
            fields.put("Modules", result.modules());
            fields.put("Stored", result.stored());
            fields.put("AlreadyPresent", result.present());
            fields.put("Proofs", result.proofs());
            fields.put("ProofsStored", result.proofsStored());
            if (result.proofNote() != null) {
                fields.put("ProofNote", result.proofNote());
            }
            JsonOutput.print(out(), fields);
        } else if (!quiet()) {
            err().println("holdfast import: " + result.modules() + " module versions checked; " + result.stored()
                    + " files stored in " + store.root() + ", " + result.present() + " already there; "
                    + (result.proofNote() == null
                            ? result.proofs() + " checksum-database files checked, " + result.proofsStored() + " stored"
                            : result.proofNote()));
        }
        return ExitCodes.OK;
    }

    /** Checks proofs of the database this machine's GOSUMDB names, with its key; others are left out. */
    private ArchiveImport.ProofCheck proofCheck() throws IOException {
        Optional<SumdbConfig> config = SumdbConfig.parse(context().goEnv().gosumdb());
        return new ArchiveImport.ProofCheck() {
            @Override
            public Optional<String> unchecked(String database) {
                if (config.isEmpty()) {
                    return Optional.of("GOSUMDB is off here");
                }
                String here = config.get().key().name();
                return here.equals(database) ? Optional.empty() : Optional.of("GOSUMDB here names " + here);
            }

            @Override
            public Map<ModuleVersion, List<String>> check(
                    String database, Map<String, byte[]> files, List<String> earlierTrees) throws IOException {
                return SumdbProofs.verify(config.orElseThrow().key(), files, earlierTrees);
            }
        };
    }

    /** Progress over the module versions of the archive, started once the manifest says how many. */
    private final class ImportProgress implements ArchiveImport.Listener, AutoCloseable {
        private Progress progress;

        @Override
        public void start(int modules) {
            progress = Progress.start("import", modules, json || quiet(), terminal(), err());
        }

        @Override
        public void step(String what) {
            progress.step(what);
        }

        @Override
        public void close() {
            if (progress != null) {
                progress.close();
            }
        }
    }
}
