package dev.holdfast.server;

import dev.holdfast.fetch.ModuleNotFoundException;
import dev.holdfast.fetch.ModuleSource;
import dev.holdfast.fetch.RevInfo;
import dev.holdfast.fetch.ZipTarget;
import dev.holdfast.module.ModuleVersion;
import dev.holdfast.zip.ModuleZip;
import dev.holdfast.zip.ZipFileSource;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A module source holding versions in memory; it can be switched "down" (connection refused). It counts
 * the requests that reach it and logs the file requests ({@code "mod example.com/m@v1.0.0"}, {@code
 * "info ..."}, {@code "zip ..."}) in order.
 */
final class StubSource implements ModuleSource {
    private final Map<ModuleVersion, byte[]> zips = new ConcurrentHashMap<>();
    private final Map<ModuleVersion, byte[]> mods = new ConcurrentHashMap<>();
    private final Map<ModuleVersion, Instant> times = new ConcurrentHashMap<>();
    final AtomicInteger requests = new AtomicInteger();
    final List<String> log = new java.util.concurrent.CopyOnWriteArrayList<>();
    volatile boolean down;
    /** How long each request takes, deaf to interrupts (as a read blocked in a socket is). */
    volatile java.time.Duration slowness = java.time.Duration.ZERO;

    /** Adds {@code mv} with a go.mod and one Go file; returns its zip. */
    byte[] add(ModuleVersion mv, Instant time) throws IOException {
        return add(mv, time, modBytes(mv));
    }

    /** Adds {@code mv} with the go.mod {@code goMod} and one Go file; returns its zip. */
    byte[] add(ModuleVersion mv, Instant time, byte[] goMod) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        mods.put(mv, goMod);
        ModuleZip.create(
                mv,
                List.of(
                        ZipFileSource.of("go.mod", goMod),
                        ZipFileSource.of(
                                "a.go",
                                "package a\n\nconst V = \"%s\"\n".formatted(mv).getBytes(StandardCharsets.UTF_8))),
                out);
        zips.put(mv, out.toByteArray());
        times.put(mv, time);
        return out.toByteArray();
    }

    static byte[] modBytes(ModuleVersion mv) {
        return ("module " + mv.path() + "\n").getBytes(StandardCharsets.UTF_8);
    }

    private void ask() throws IOException {
        requests.incrementAndGet();
        long end = System.nanoTime() + slowness.toNanos();
        boolean interrupted = false;
        for (long left; (left = end - System.nanoTime()) > 0; ) {
            try {
                Thread.sleep(java.time.Duration.ofNanos(left));
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (down) {
            throw new ConnectException("connection refused");
        }
    }

    @Override
    public List<String> list(String path) throws IOException {
        ask();
        List<String> versions = new ArrayList<>();
        zips.keySet().stream().filter(mv -> mv.path().equals(path)).forEach(mv -> versions.add(mv.version()));
        versions.sort(null);
        if (versions.isEmpty()) {
            throw new ModuleNotFoundException("not found: " + path);
        }
        return versions;
    }

    @Override
    public RevInfo latest(String path) throws IOException {
        List<String> versions = list(path);
        String v = versions.getLast();
        return RevInfo.of(v, times.get(new ModuleVersion(path, v)));
    }

    @Override
    public RevInfo info(ModuleVersion mv) throws IOException {
        log.add("info " + mv);
        return known(mv);
    }

    private RevInfo known(ModuleVersion mv) throws IOException {
        ask();
        Instant t = times.get(mv);
        if (t == null) {
            throw new ModuleNotFoundException(mv + ": not found: unknown revision " + mv.version());
        }
        return RevInfo.of(mv.version(), t);
    }

    @Override
    public byte[] mod(ModuleVersion mv) throws IOException {
        log.add("mod " + mv);
        known(mv);
        return mods.get(mv);
    }

    @Override
    public void zip(ModuleVersion mv, ZipTarget target) throws IOException {
        log.add("zip " + mv);
        known(mv);
        Files.write(target.file(), zips.get(mv));
    }

    @Override
    public String describe() {
        return "stub";
    }
}
