package dev.holdfast.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.holdfast.dirhash.DirHash;
import dev.holdfast.module.ModuleVersion;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The store contract for {@link DiskStore}, and the module cache layout of cmd/go
 * modfetch/cache.go and fetch.go (paths, {@code .ziphash}, {@code .partial}, read-only trees,
 * {@code @v/list}). The conformance suite compares the same layout with one the go command wrote.
 */
class DiskStoreTest extends StoreContract {
    @TempDir
    Path tmp;

    private Path root;

    @Override
    Store store() throws IOException {
        root = Files.createDirectories(tmp.resolve("modcache" + System.nanoTime()));
        return DiskStore.of(root);
    }

    @Override
    byte[] zip(ModuleVersion mv, int seed) throws IOException {
        return TestZips.zip(mv, seed);
    }

    @AfterEach
    void makeRemovable() throws IOException {
        ReadOnlyTrees.removeAll(tmp); // extracted trees are read-only, as the go command makes them
    }

    private DiskStore disk() throws IOException {
        return (DiskStore) store();
    }

    private static Path download(Path root) {
        return root.resolve("cache/download");
    }

    @Test
    void putZip_writesTheModuleCacheLayout() throws IOException {
        DiskStore store = disk();
        byte[] zip = zip(MV, 1);
        store.put(StoreKey.zip(MV), temp(store, zip));

        Path at = download(root).resolve("example.com/!mod/@v");
        String h1 = DirHash.hashZip(at.resolve("v1.2.3-!r!c1.zip"));
        assertThat(at.resolve("v1.2.3-!r!c1.zip")).hasBinaryContent(zip);
        assertThat(at.resolve("v1.2.3-!r!c1.ziphash")).hasContent(h1); // no newline
        assertThat(Files.size(at.resolve("v1.2.3-!r!c1.ziphash"))).isEqualTo(47);
        assertThat(at.resolve("v1.2.3-!r!c1.lock")).exists();
        assertThat(at.resolve("v1.2.3-!r!c1.partial")).doesNotExist();
        try (Stream<Path> files = Files.list(at)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
        }

        Path dir = root.resolve("example.com/!mod@v1.2.3-!r!c1");
        assertThat(store.extractedDir(MV)).contains(dir);
        assertThat(DirHash.hashDir(dir, "example.com/Mod@v1.2.3-RC1")).isEqualTo(h1);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)))
                .isEqualTo("r-xr-xr-x");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("a/b"))))
                .isEqualTo("r-xr-xr-x");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("go.mod"))))
                .isEqualTo("r--r--r--");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(at.resolve("v1.2.3-!r!c1.zip"))))
                .isEqualTo("rw-r--r--");
    }

    @Test
    void usage_countsTheDownloadAreaNotTheExtractedTrees() throws IOException {
        DiskStore store = disk();
        assertThat(store.usage()).contains(new StoreUsage(0, 0, 0));
        byte[] zip = zip(MV, 1);
        store.put(StoreKey.zip(MV), temp(store, zip));
        byte[] mod = "module example.com/Mod\n".getBytes(StandardCharsets.UTF_8);
        store.put(StoreKey.mod(MV), temp(store, mod));

        StoreUsage usage = store.usage().orElseThrow();

        assertThat(usage.zips()).isEqualTo(1);
        assertThat(usage.files())
                .as("the zip, its .ziphash, the go.mod and the version list")
                .isEqualTo(4);
        assertThat(usage.bytes()).isGreaterThan(zip.length + mod.length);
        assertThat(root.resolve("example.com/!mod@v1.2.3-!r!c1"))
                .as("extracted, not counted")
                .isDirectory();
    }

    @Test
    void putZip_reportsStepsInOrder() throws IOException {
        List<DiskStore.Step> steps = new ArrayList<>();
        DiskStore store = disk().withSteps(steps::add);
        store.put(StoreKey.zip(MV), temp(store, zip(MV, 1)));
        assertThat(steps)
                .containsExactly(
                        DiskStore.Step.ZIPHASH_WRITTEN,
                        DiskStore.Step.ZIP_RENAMED,
                        DiskStore.Step.PARTIAL_CREATED,
                        DiskStore.Step.TREE_UNZIPPED,
                        DiskStore.Step.TREE_RENAMED,
                        DiskStore.Step.PARTIAL_REMOVED);
    }

    @Test
    void putZip_withoutExtraction_keepsOnlyTheDownloadArea() throws IOException {
        DiskStore store = disk().withExtraction(false);
        store.put(StoreKey.zip(MV), temp(store, zip(MV, 1)));
        assertThat(download(root).resolve("example.com/!mod/@v/v1.2.3-!r!c1.ziphash"))
                .exists();
        assertThat(root.resolve("example.com/!mod@v1.2.3-!r!c1")).doesNotExist();
        assertThat(store.extractedDir(MV)).isEmpty();
    }

    @Test
    void putZip_replacedContent_reextracts() throws IOException {
        DiskStore store = disk();
        store.put(StoreKey.zip(MV), temp(store, zip(MV, 1)));
        byte[] second = zip(MV, 2);
        store.put(StoreKey.zip(MV), temp(store, second));
        Path dir = store.extractedDir(MV).orElseThrow();
        assertThat(dir.resolve("a/b/c.go")).hasContent("package c // 2\n");
    }

    @Test
    void putZip_removesWhatKilledWritersLeft() throws IOException {
        DiskStore store = disk();
        Path at = Files.createDirectories(download(root).resolve("example.com/!mod/@v"));
        Path oldZipTemp = Files.writeString(at.resolve("v1.2.3-!r!c1.zip12345.tmp"), "half");
        Path oldTree = Files.createDirectories(root.resolve("example.com/!mod@v1.2.3-!r!c1.tmp-777/sub"));
        Path partialDir = Files.createDirectories(root.resolve("example.com/!mod@v1.2.3-!r!c1"));
        Files.writeString(partialDir.resolve("stray.go"), "package stray");
        Files.writeString(at.resolve("v1.2.3-!r!c1.partial"), "");
        ReadOnlyTrees.makeDirsReadOnly(oldTree.getParent());

        store.put(StoreKey.zip(MV), temp(store, zip(MV, 1)));
        assertThat(oldZipTemp).doesNotExist();
        assertThat(oldTree.getParent()).doesNotExist();
        assertThat(partialDir.resolve("stray.go")).doesNotExist();
        assertThat(store.extractedDir(MV)).isPresent();
    }

    @Test
    void put_notAZip_storesNothing() throws IOException {
        DiskStore store = disk();
        assertThatThrownBy(() -> store.put(StoreKey.zip(MV), temp(store, bytes("not a zip"))))
                .isInstanceOf(IOException.class);
        assertThat(store.open(StoreKey.zip(MV))).isEmpty();
        assertThat(download(root).resolve("example.com/!mod/@v/v1.2.3-!r!c1.ziphash"))
                .doesNotExist();
    }

    @Test
    void openZip_completesAnInterruptedWrite() throws IOException {
        DiskStore store = disk();
        Path at = Files.createDirectories(download(root).resolve("example.com/!mod/@v"));
        byte[] zip = zip(MV, 1);
        Files.write(at.resolve("v1.2.3-!r!c1.zip"), zip); // as if killed before the ziphash
        assertThat(store.extractedDir(MV)).isEmpty();

        assertThat(read(store, StoreKey.zip(MV))).isEqualTo(zip);
        assertThat(at.resolve("v1.2.3-!r!c1.ziphash")).hasContent(DirHash.hashZip(at.resolve("v1.2.3-!r!c1.zip")));
        assertThat(store.extractedDir(MV)).isPresent();
    }

    @Test
    void putMod_rewritesListAsTheGoCommand() throws IOException {
        DiskStore store = disk();
        String path = "example.com/m";
        for (String v : List.of("v1.10.0", "v1.2.0", "v1.2.0-pre", "v2.0.0+incompatible", "v1.0.0-RC")) {
            store.put(StoreKey.mod(new ModuleVersion(path, v)), temp(store, bytes("module example.com/m\n")));
        }
        // rewriteVersionList: canonical names of *.mod files (an escaped '!' name is not), semver order
        assertThat(read(store, StoreKey.list(path)))
                .asString()
                .isEqualTo("v1.2.0-pre\nv1.2.0\nv1.10.0\nv2.0.0+incompatible\n");
    }

    @Test
    void openList_interruptedWrite_absent() throws IOException {
        DiskStore store = disk();
        Path list = Files.createDirectories(download(root).resolve("example.com/m/@v"))
                .resolve("list");
        Files.write(list, new byte[] {'v', '1', 0, 0, 0});
        assertThat(store.open(StoreKey.list("example.com/m"))).isEmpty();
        assertThat(store.size(StoreKey.list("example.com/m"))).isEmpty();
    }

    @Test
    void openMod_vgoPrototypeFile_absent() throws IOException {
        DiskStore store = disk();
        Path mod = store.file(StoreKey.mod(MV));
        Files.createDirectories(mod.getParent());
        Files.writeString(mod, "//vgo 0.0.4\n\nmodule example.com/Mod\n");
        assertThat(store.open(StoreKey.mod(MV))).isEmpty();
        assertThat(store.size(StoreKey.mod(MV))).isEmpty();
    }

    @Test
    void file_mapsKeyUnderCacheDownload() throws IOException {
        DiskStore store = disk();
        assertThat(store.file("example.com/!mod/@v/v1.2.3-!r!c1.mod"))
                .isEqualTo(root.resolve("cache/download/example.com/!mod/@v/v1.2.3-!r!c1.mod"));
        assertThat(store.root()).isEqualTo(root);
        assertThatThrownBy(() -> store.file("../../x/@v/v1.0.0.mod")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void of_relativeRoot_rejected() {
        assertThatThrownBy(() -> DiskStore.of(Path.of("relative/mod")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must be absolute");
    }

    @Test
    void tempFile_isInsideTheModuleCache() throws IOException {
        DiskStore store = disk();
        assertThat(store.tempFile()).startsWith(root.resolve("cache"));
    }

    @Test
    void lockVersion_excludesZipWrites() throws Exception {
        DiskStore store = disk();
        Path zipTmp = temp(store, zip(MV, 1));
        CompletableFuture<Void> put;
        try (Flock lock = store.lockVersion(MV)) {
            put = CompletableFuture.runAsync(() -> {
                try {
                    store.put(StoreKey.zip(MV), zipTmp);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            assertThatThrownBy(() -> put.get(300, TimeUnit.MILLISECONDS)).isInstanceOf(TimeoutException.class);
            assertThat(store.open(StoreKey.zip(MV))).isEmpty();
        }
        put.get(10, TimeUnit.SECONDS);
        assertThat(store.extractedDir(MV)).isPresent();
    }
}
