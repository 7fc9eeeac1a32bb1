package dev.holdfast.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.holdfast.fetch.ChecksumMismatchException;
import dev.holdfast.module.ModuleVersion;
import dev.holdfast.store.DiskStore;
import dev.holdfast.store.StoreKey;
import dev.holdfast.zip.ModuleZip;
import dev.holdfast.zip.ZipFileSource;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Module archives without a network: written from one module cache, checked and imported into another. */
class ArchiveTest {
    private static final ModuleVersion M = new ModuleVersion("example.com/m", "v1.0.0");
    private static final ModuleVersion DEP = new ModuleVersion("example.com/dep", "v0.1.0");
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-06T00:00:00Z"), ZoneOffset.UTC);
    private static final String NO_PROOFS = "the archive carries no checksum-database proofs";

    @TempDir
    Path tmp;

    private DiskStore source;
    private Path archive;

    @BeforeEach
    void write() throws IOException {
        source = DiskStore.of(tmp.resolve("source")).withExtraction(false);
        put(source, StoreKey.mod(M), "module example.com/m\n\ngo 1.21\n\nrequire example.com/dep v0.1.0\n");
        put(source, StoreKey.info(M), "{\"Version\":\"v1.0.0\",\"Time\":\"2024-01-01T00:00:00Z\"}");
        Path zip = tmp.resolve("m.zip");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ModuleZip.create(
                M,
                List.of(
                        ZipFileSource.of("go.mod", "module example.com/m\n".getBytes(StandardCharsets.UTF_8)),
                        ZipFileSource.of("m.go", "package m\n".getBytes(StandardCharsets.UTF_8))),
                out);
        Files.write(zip, out.toByteArray());
        source.put(StoreKey.zip(M), zip);
        put(source, StoreKey.mod(DEP), "module example.com/dep\n");
        archive = tmp.resolve("a.zip");
        List<String> progress = new ArrayList<>();
        ArchiveManifest manifest =
                ArchiveWriter.write(source, Set.of(DEP), Set.of(M), null, archive, CLOCK, progress::add);
        assertThat(progress).containsExactly("example.com/dep v0.1.0", "example.com/m v1.0.0");
        assertThat(manifest.created()).isEqualTo("2026-12-06T00:00:00Z");
        assertThat(manifest.modules()).hasSize(2);
        assertThat(manifest.modules().getFirst().zip()).isNull();
        assertThat(manifest.modules().get(1).goSum()).hasSize(2).allSatisfy(line -> assertThat(line)
                .startsWith("example.com/m v1.0.0"));
    }

    private void put(DiskStore store, String key, String text) throws IOException {
        Path file = tmp.resolve("put.tmp");
        Files.writeString(file, text);
        store.put(key, file);
    }

    private static final ArchiveImport.Listener QUIET = new ArchiveImport.Listener() {
        @Override
        public void start(int modules) {}

        @Override
        public void step(String what) {}
    };

    @Test
    void theArchive_hasTheModeOfANewFile_notATemporaryFilesOwnerOnlyMode_andNoTemporaryFileIsLeft() throws IOException {
        Path probe = Files.createFile(tmp.resolve("probe"));
        assertThat(Files.getPosixFilePermissions(archive)).isEqualTo(Files.getPosixFilePermissions(probe));
        try (java.util.stream.Stream<Path> files = Files.list(tmp)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
        }
    }

    @Test
    void import_storesEveryFile_thenNothingTheSecondTime() throws IOException {
        DiskStore target = DiskStore.of(tmp.resolve("target")).withExtraction(false);
        assertThat(ArchiveImport.into(archive, target, QUIET))
                .isEqualTo(new ArchiveImport.Result(2, 4, 0, 0, 0, NO_PROOFS));
        assertThat(ArchiveImport.into(archive, target, QUIET))
                .isEqualTo(new ArchiveImport.Result(2, 0, 4, 0, 0, NO_PROOFS));
        for (String key : List.of(StoreKey.mod(M), StoreKey.info(M), StoreKey.zip(M), StoreKey.mod(DEP))) {
            assertThat(target.file(key)).hasSameBinaryContentAs(source.file(key));
        }
    }

    /** Writes the archive again with two made-up checksum-database files. */
    private void writeWithProofs() throws IOException {
        Files.delete(archive);
        ArchiveWriter.ProofFiles proofs = new ArchiveWriter.ProofFiles(
                "sum.example.com",
                Map.of(
                        "sum.example.com/lookup/example.com/m@v1.0.0",
                        "answer".getBytes(StandardCharsets.UTF_8),
                        "sum.example.com/tile/8/0/000",
                        new byte[32]));
        ArchiveManifest manifest = ArchiveWriter.write(source, Set.of(DEP), Set.of(M), proofs, archive, CLOCK, w -> {});
        assertThat(manifest.sumdb().files())
                .containsExactly("sum.example.com/lookup/example.com/m@v1.0.0", "sum.example.com/tile/8/0/000");
    }

    /** A check that hands every file back and says the database holds {@code lines} for module {@code M}. */
    private static ArchiveImport.ProofCheck holding(List<String> lines, Map<String, byte[]> seen) {
        return new ArchiveImport.ProofCheck() {
            @Override
            public Optional<String> unchecked(String database) {
                return Optional.empty();
            }

            @Override
            public Map<ModuleVersion, List<String>> check(
                    String database, Map<String, byte[]> files, List<String> earlierTrees) {
                seen.putAll(files);
                return Map.of(M, lines);
            }
        };
    }

    @Test
    void proofs_checked_thenStoredWhereTheGoCommandKeepsThem() throws IOException {
        writeWithProofs();
        DiskStore target = DiskStore.of(tmp.resolve("target")).withExtraction(false);
        Map<String, byte[]> seen = new HashMap<>();
        List<String> lines =
                ArchiveManifest.parse(readManifest()).modules().get(1).goSum();

        ArchiveImport.Result result = ArchiveImport.into(archive, target, holding(lines, seen), QUIET);

        assertThat(result).isEqualTo(new ArchiveImport.Result(2, 4, 0, 2, 2, null));
        assertThat(seen)
                .containsOnlyKeys("sum.example.com/lookup/example.com/m@v1.0.0", "sum.example.com/tile/8/0/000");
        assertThat(tmp.resolve("target/cache/download/sumdb/sum.example.com/lookup/example.com/m@v1.0.0"))
                .hasContent("answer");
        assertThat(ArchiveImport.into(archive, target, holding(lines, seen), QUIET))
                .as("imported again")
                .isEqualTo(new ArchiveImport.Result(2, 0, 4, 2, 0, null));
        assertThat(ArchiveImport.into(archive, target, QUIET).proofNote())
                .isEqualTo("proofs of sum.example.com left out: no checksum database is configured here");
    }

    @Test
    void proofs_ofOtherLines_areRefused_andNothingStored() throws IOException {
        writeWithProofs();
        DiskStore target = DiskStore.of(tmp.resolve("target")).withExtraction(false);
        List<String> other = List.of("example.com/m v1.0.0 h1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=");

        assertThatThrownBy(() -> ArchiveImport.into(archive, target, holding(other, new HashMap<>()), QUIET))
                .isInstanceOf(ChecksumMismatchException.class)
                .hasMessageContaining("example.com/m@v1.0.0")
                .hasMessageContaining("is not what checksum database sum.example.com holds");
        assertThat(tmp.resolve("target/cache/download/example.com")).doesNotExist();
        assertThat(tmp.resolve("target/cache/download/sumdb")).doesNotExist();
    }

    @Test
    void aProofFileNamedOutsideTheCache_isRefused() throws IOException {
        Files.delete(archive);
        ArchiveWriter.ProofFiles proofs = new ArchiveWriter.ProofFiles(
                "sum.example.com",
                Map.of("sum.example.com/lookup/../../../../../escape", "x".getBytes(StandardCharsets.UTF_8)));
        ArchiveWriter.write(source, Set.of(DEP), Set.of(M), proofs, archive, CLOCK, w -> {});
        DiskStore target = DiskStore.of(tmp.resolve("target")).withExtraction(false);

        assertThatThrownBy(() -> ArchiveImport.into(archive, target, holding(List.of(), new HashMap<>()), QUIET))
                .isInstanceOf(BadArchiveException.class)
                .hasMessageContaining("outside the cache");
        assertThat(tmp.resolve("escape")).doesNotExist();
        assertThat(tmp.resolve("target/cache/download/example.com")).doesNotExist();
    }

    private byte[] readManifest() throws IOException {
        try (FileSystem fs = FileSystems.newFileSystem(archive)) {
            return Files.readAllBytes(fs.getPath(ArchiveManifest.ENTRY));
        }
    }

    @Test
    void aDifferentGoModInTheCache_isRefused() throws IOException {
        DiskStore target = DiskStore.of(tmp.resolve("target")).withExtraction(false);
        put(target, StoreKey.mod(DEP), "module example.com/dep\n\n// changed\n");
        assertThatThrownBy(() -> ArchiveImport.into(archive, target, QUIET))
                .isInstanceOf(ChecksumMismatchException.class)
                .hasMessageContaining("the module cache holds a different go.mod");
    }

    @Test
    void aChangedGoMod_isRefused_andNothingStored() throws IOException {
        try (FileSystem fs = FileSystems.newFileSystem(archive)) {
            Files.writeString(fs.getPath(ArchiveWriter.PREFIX + StoreKey.mod(DEP)), "module example.com/evil\n");
        }
        DiskStore target = DiskStore.of(tmp.resolve("target")).withExtraction(false);
        assertThatThrownBy(() -> ArchiveImport.into(archive, target, QUIET))
                .isInstanceOf(ChecksumMismatchException.class)
                .hasMessageContaining("example.com/dep@v0.1.0/go.mod");
        assertThat(tmp.resolve("target/cache/download/example.com")).doesNotExist();
    }

    @Test
    void notAnArchive_orAnotherFormat_isRefusedByName() throws IOException {
        Path junk = Files.writeString(tmp.resolve("junk.zip"), "not a zip");
        DiskStore target = DiskStore.of(tmp.resolve("target")).withExtraction(false);
        assertThatThrownBy(() -> ArchiveImport.into(junk, target, QUIET))
                .isInstanceOf(BadArchiveException.class)
                .hasMessageContaining("not a module archive");
        assertThatThrownBy(() -> ArchiveManifest.parse(
                        "{\"format\":\"other/9\",\"created\":\"x\",\"modules\":[]}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(BadArchiveException.class)
                .hasMessage("holdfast-manifest.json: format \"other/9\", expected \"holdfast-archive/1\"");
    }
}
