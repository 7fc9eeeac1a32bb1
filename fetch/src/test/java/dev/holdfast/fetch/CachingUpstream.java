package dev.holdfast.fetch;

import dev.holdfast.module.ModuleVersion;
import dev.holdfast.zip.ModuleZip;
import dev.holdfast.zip.ZipFileSource;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * An upstream for {@link CachingSource} tests: serves module versions from memory, records every
 * request, and can be told to fail, to corrupt zip bytes, or to hold requests until released.
 */
final class CachingUpstream implements ModuleSource {
    final List<String> requests = new CopyOnWriteArrayList<>();
    final Map<String, List<String>> lists = new ConcurrentHashMap<>();
    final Map<ModuleVersion, byte[]> mods = new ConcurrentHashMap<>();
    final Map<ModuleVersion, byte[]> zips = new ConcurrentHashMap<>();
    volatile IOException failure;
    volatile UnaryOperator<byte[]> zipFilter = UnaryOperator.identity();
    volatile CountDownLatch gate;

    /** Adds {@code mv} with a go.mod and a valid zip; returns the zip bytes. */
    byte[] add(ModuleVersion mv) throws IOException {
        byte[] mod = ("module " + mv.path() + "\n").getBytes(StandardCharsets.UTF_8);
        mods.put(mv, mod);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ModuleZip.create(
                mv,
                List.of(
                        ZipFileSource.of("go.mod", mod),
                        ZipFileSource.of("a.go", ("package a // " + mv + "\n").getBytes(StandardCharsets.UTF_8))),
                out);
        zips.put(mv, out.toByteArray());
        lists.computeIfAbsent(mv.path(), p -> new CopyOnWriteArrayList<>()).add(mv.version());
        return out.toByteArray();
    }

    private void enter(String request) throws IOException {
        requests.add(request);
        CountDownLatch g = gate;
        if (g != null) {
            try {
                if (!g.await(10, TimeUnit.SECONDS)) {
                    throw new IOException("gate never opened");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new java.io.InterruptedIOException();
            }
        }
        IOException f = failure;
        if (f != null) {
            throw f;
        }
    }

    long count(String request) {
        return requests.stream().filter(request::equals).count();
    }

    @Override
    public List<String> list(String path) throws IOException {
        enter("list " + path);
        return new ArrayList<>(lists.getOrDefault(path, List.of()));
    }

    @Override
    public RevInfo latest(String path) throws IOException {
        enter("latest " + path);
        List<String> versions = lists.get(path);
        if (versions == null) {
            throw new ModuleNotFoundException(path + "@latest: not found");
        }
        return RevInfo.of(versions.getLast(), Instant.parse("2024-01-01T00:00:00Z"));
    }

    @Override
    public RevInfo info(ModuleVersion mv) throws IOException {
        enter("info " + mv);
        if (mv.version().equals("main")) {
            return RevInfo.of(lists.get(mv.path()).getLast(), Instant.parse("2024-01-02T00:00:00Z"));
        }
        if (!mods.containsKey(mv)) {
            throw new ModuleNotFoundException(mv + ": not found");
        }
        return RevInfo.of(mv.version(), Instant.parse("2024-01-01T00:00:00Z"));
    }

    @Override
    public byte[] mod(ModuleVersion mv) throws IOException {
        enter("mod " + mv);
        byte[] mod = mods.get(mv);
        if (mod == null) {
            throw new ModuleNotFoundException(mv + ": not found");
        }
        return mod.clone();
    }

    @Override
    public void zip(ModuleVersion mv, ZipTarget target) throws IOException {
        enter("zip " + mv);
        byte[] zip = zips.get(mv);
        if (zip == null) {
            throw new ModuleNotFoundException(mv + ": not found");
        }
        Files.write(target.file(), zipFilter.apply(zip.clone()));
    }

    @Override
    public String describe() {
        return "test upstream";
    }
}
