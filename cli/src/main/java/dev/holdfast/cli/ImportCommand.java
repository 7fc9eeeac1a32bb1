package dev.holdfast.cli;

import dev.holdfast.archive.ArchiveImport;
import dev.holdfast.store.DiskStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
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
        },
        footer = {
            "",
            "With --json, one object: Archive, Cache, Modules, Stored, AlreadyPresent.",
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
            throw new IllegalArgumentException("no archive " + file);
        }
        // A server's cache keeps only the download area; the go command's also has the extracted trees.
        DiskStore store = cache == null
                ? context().moduleCache()
                : DiskStore.of(cache.toAbsolutePath().normalize()).withExtraction(false);
        ArchiveImport.Result result;
        try (ImportProgress progress = new ImportProgress()) {
            result = ArchiveImport.into(file, store, progress);
        }
        if (json) {
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("Archive", file.toString());
            fields.put("Cache", store.root().toString());
            fields.put("Modules", result.modules());
            fields.put("Stored", result.stored());
            fields.put("AlreadyPresent", result.present());
            JsonOutput.print(out(), fields);
        } else if (!quiet()) {
            err().println("holdfast import: " + result.modules() + " module versions checked; " + result.stored()
                    + " files stored in " + store.root() + ", " + result.present() + " already there");
        }
        return ExitCodes.OK;
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
