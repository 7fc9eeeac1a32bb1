package dev.holdfast.fetch;

import dev.holdfast.module.ModuleVersion;
import dev.holdfast.repo.ModuleRepo;
import dev.holdfast.repo.Revision;
import java.io.IOException;
import java.util.List;
import java.util.Objects;

/**
 * Lets module loading and version queries in {@code core} read through a {@link ModuleSource}
 * stack: the same caching, retrying, falling-back chain every command uses. Errors pass through
 * unchanged; a {@link ModuleNotFoundException} is already the repo's unknown-module failure.
 */
public final class SourceRepo implements ModuleRepo {
    private final ModuleSource source;

    private SourceRepo(ModuleSource source) {
        this.source = Objects.requireNonNull(source, "source");
    }

    /** Returns a repo that answers from {@code source}. */
    public static SourceRepo of(ModuleSource source) {
        return new SourceRepo(source);
    }

    @Override
    public List<String> versions(String path) throws IOException {
        return source.list(path);
    }

    @Override
    public Revision latest(String path) throws IOException {
        return revision(source.latest(path));
    }

    @Override
    public Revision stat(String path, String query) throws IOException {
        return revision(source.info(new ModuleVersion(path, query)));
    }

    @Override
    public byte[] goMod(ModuleVersion mv) throws IOException {
        return source.mod(mv);
    }

    private static Revision revision(RevInfo info) {
        return new Revision(info.version(), info.time());
    }
}
