package dev.holdfast.conformance.store;

import dev.holdfast.module.ModuleVersion;
import dev.holdfast.store.DiskStore;
import dev.holdfast.store.StoreKey;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The process {@link KillDuringWriteConformanceTest} kills: it writes one module version into a
 * module cache through {@link DiskStore} ({@code .mod}, {@code .info}, then the zip) and prints
 * every durable step. At the step named by its last argument it prints {@code PAUSED} and waits to
 * be killed; {@code go} means do not pause.
 *
 * <p>Arguments: module cache, proxy directory, module path, version, pause step.
 */
public final class CacheWriterChild {
    private CacheWriterChild() {}

    /** Runs the write; see the class comment for the arguments. */
    public static void main(String[] args) throws Exception {
        Path modCache = Path.of(args[0]);
        ProxyDir proxy = new ProxyDir(Path.of(args[1]));
        ModuleVersion mv = new ModuleVersion(args[2], args[3]);
        String pauseAt = args[4];
        PrintStream out = System.out;
        DiskStore store = DiskStore.of(modCache).withSteps(step -> {
            out.println("STEP " + step);
            out.flush();
            if (step.name().equals(pauseAt)) {
                out.println("PAUSED");
                out.flush();
                sleepForever();
            }
        });
        put(store, StoreKey.mod(mv), proxy.file(mv, "mod"));
        put(store, StoreKey.info(mv), proxy.file(mv, "info"));
        Path zip = store.tempFile();
        Files.copy(proxy.file(mv, "zip"), zip, StandardCopyOption.REPLACE_EXISTING);
        out.println("PUTTING ZIP");
        out.flush();
        store.put(StoreKey.zip(mv), zip); // hashes the zip itself, then writes
        out.println("DONE");
        out.flush();
    }

    private static void put(DiskStore store, String key, Path source) throws IOException {
        Path tmp = store.tempFile();
        Files.copy(source, tmp, StandardCopyOption.REPLACE_EXISTING);
        store.put(key, tmp);
    }

    private static void sleepForever() {
        while (true) {
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                // keep waiting for the kill
            }
        }
    }
}
