package dev.holdfast.fetch;

import dev.holdfast.module.ModuleVersion;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A module source for tests that answers every request the same way: with {@link #INFO} and friends, or
 * by throwing the failure it was given. Records the requests it saw.
 */
final class StubSource implements ModuleSource {
    static final RevInfo INFO = RevInfo.of("v1.0.0", null);

    private final String name;
    private final IOException failure;
    private final byte[] partialZip;
    final List<String> calls = new CopyOnWriteArrayList<>();

    private StubSource(String name, IOException failure, byte[] partialZip) {
        this.name = name;
        this.failure = failure;
        this.partialZip = partialZip;
    }

    /** Returns a source that succeeds. */
    static StubSource ok(String name) {
        return new StubSource(name, null, null);
    }

    /** Returns a source that fails with {@code failure}. */
    static StubSource failing(String name, IOException failure) {
        return new StubSource(name, failure, null);
    }

    /** Returns a source that writes {@code partial} into a zip target and then fails with {@code failure}. */
    static StubSource failingMidZip(String name, byte[] partial, IOException failure) {
        return new StubSource(name, failure, partial);
    }

    private void answer(String call) throws IOException {
        calls.add(call);
        if (failure != null) {
            throw failure;
        }
    }

    @Override
    public List<String> list(String path) throws IOException {
        answer("list " + path);
        return List.of("v1.0.0");
    }

    @Override
    public RevInfo latest(String path) throws IOException {
        answer("latest " + path);
        return INFO;
    }

    @Override
    public RevInfo info(ModuleVersion mv) throws IOException {
        answer("info " + mv);
        return INFO;
    }

    @Override
    public byte[] mod(ModuleVersion mv) throws IOException {
        answer("mod " + mv);
        return ("module " + mv.path() + "\n").getBytes();
    }

    @Override
    public void zip(ModuleVersion mv, ZipTarget target) throws IOException {
        if (partialZip != null) {
            Files.write(target.file(), partialZip);
            target.validator("\"" + name + "\"");
        } else if (failure == null) {
            if (target.length() > 0) {
                throw new IllegalStateException(name + " was handed a non-empty target");
            }
            Files.writeString(target.file(), "zip from " + name);
        }
        answer("zip " + mv);
    }

    @Override
    public String describe() {
        return name;
    }
}
