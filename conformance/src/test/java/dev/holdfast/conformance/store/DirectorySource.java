package dev.holdfast.conformance.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.holdfast.fetch.ModuleNotFoundException;
import dev.holdfast.fetch.ModuleSource;
import dev.holdfast.fetch.RevInfo;
import dev.holdfast.fetch.ZipTarget;
import dev.holdfast.module.ModulePath;
import dev.holdfast.module.ModuleVersion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.List;

/**
 * A minimal {@link ModuleSource} over a {@link ProxyDir}, standing in for the proxy source (built
 * elsewhere) so these tests exercise only the store and the caching source.
 */
final class DirectorySource implements ModuleSource {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final ProxyDir dir;

    DirectorySource(ProxyDir dir) {
        this.dir = dir;
    }

    private byte[] read(Path file) throws IOException {
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new ModuleNotFoundException(file + ": not found");
        }
    }

    @Override
    public List<String> list(String path) throws IOException {
        Path list = dir.root().resolve(ModulePath.escape(path)).resolve("@v/list");
        return new String(read(list), java.nio.charset.StandardCharsets.UTF_8)
                .lines()
                .toList();
    }

    @Override
    public RevInfo latest(String path) throws IOException {
        List<String> versions = list(path);
        return info(new ModuleVersion(path, versions.getLast()));
    }

    @Override
    public RevInfo info(ModuleVersion mv) throws IOException {
        JsonNode node = JSON.readTree(read(dir.file(mv, "info")));
        JsonNode origin = node.get("Origin");
        return new RevInfo(
                node.get("Version").asText(),
                Instant.parse(node.get("Time").asText()),
                origin == null ? null : origin.toString());
    }

    @Override
    public byte[] mod(ModuleVersion mv) throws IOException {
        return read(dir.file(mv, "mod"));
    }

    @Override
    public void zip(ModuleVersion mv, ZipTarget target) throws IOException {
        Path zip = dir.file(mv, "zip");
        if (!Files.exists(zip)) {
            throw new ModuleNotFoundException(zip + ": not found");
        }
        Files.copy(zip, target.file(), StandardCopyOption.REPLACE_EXISTING);
    }

    @Override
    public String describe() {
        return dir.url();
    }
}
