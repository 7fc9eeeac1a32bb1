package dev.holdfast.repo;

import dev.holdfast.module.ModuleVersion;
import java.io.IOException;
import java.util.List;

/**
 * Answers questions about modules for module loading and version queries: a read-only view of a
 * GOPROXY-like source. Implementations are thread-safe; loaders call them from several threads.
 *
 * <p>A module or version the source does not have is reported with {@link UnknownModuleException};
 * every other failure is an ordinary {@link IOException} whose message the caller shows.
 */
public interface ModuleRepo {

    /**
     * Returns the versions listed for {@code path} (the {@code @v/list} answer): unfiltered, unsorted,
     * possibly empty. Never null.
     */
    List<String> versions(String path) throws IOException;

    /**
     * Returns the revision the source considers latest for {@code path} (the {@code @latest} answer),
     * used when no version is listed.
     */
    Revision latest(String path) throws IOException;

    /**
     * Returns the canonical revision for {@code query}, which may be a canonical or non-canonical
     * version, a branch, a tag or a commit prefix (the {@code .info} answer).
     */
    Revision stat(String path, String query) throws IOException;

    /** Returns the go.mod file of {@code mv}, whose version is canonical. */
    byte[] goMod(ModuleVersion mv) throws IOException;

    /** Reads a go.mod file in place of a repo's own {@link #goMod}. */
    @FunctionalInterface
    interface GoModReader {
        /** Returns the go.mod file of {@code mv}. */
        byte[] read(ModuleVersion mv) throws IOException;
    }

    /**
     * Returns a repo that answers as this one does but reads go.mod files with {@code goMod} (which may
     * call this repo's own); as thread-safe as both.
     */
    default ModuleRepo withGoMod(GoModReader goMod) {
        ModuleRepo self = this;
        return new ModuleRepo() {
            @Override
            public List<String> versions(String path) throws IOException {
                return self.versions(path);
            }

            @Override
            public Revision latest(String path) throws IOException {
                return self.latest(path);
            }

            @Override
            public Revision stat(String path, String query) throws IOException {
                return self.stat(path, query);
            }

            @Override
            public byte[] goMod(ModuleVersion mv) throws IOException {
                return goMod.read(mv);
            }
        };
    }
}
