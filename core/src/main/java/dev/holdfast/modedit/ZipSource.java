package dev.holdfast.modedit;

import dev.holdfast.module.ModuleVersion;
import java.io.IOException;
import java.util.List;

/**
 * Gives {@code go get} what it learns from a module's zip: the {@code h1:} hash it records in go.sum and
 * whether the module has a package at its root. The go command downloads the zip of the module it is
 * asked for (to look for that package) and of modules whose version changed and whose old zip go.sum
 * already had. Implementations fetch and verify the zip (normally into the module cache); they must be
 * thread-safe.
 */
@FunctionalInterface
public interface ZipSource {

    /**
     * What a zip holds that {@code go get} needs.
     *
     * @param hash the zip's {@code h1:} hash (dirhash Hash1 over its files)
     * @param hasRootPackage whether the zip has a {@code .go} file directly in the module's root directory
     * @param rootImports the import paths of the root package's non-test files outside the standard
     *     library (see {@link ImportScan#scan}), sorted
     */
    record FetchedZip(String hash, boolean hasRootPackage, List<String> rootImports) {
        /** Copies the imports. */
        public FetchedZip {
            rootImports = List.copyOf(rootImports);
        }

        /** Returns what a zip without imports from other modules holds. */
        public FetchedZip(String hash, boolean hasRootPackage) {
            this(hash, hasRootPackage, List.of());
        }
    }

    /**
     * Fetches the zip of {@code mv}, a module version as the proxy serves it (after replacement, never a
     * directory), and returns what go get needs from it.
     *
     * @throws IOException if the zip cannot be had or fails verification; a module or version the
     *     source lacks is a {@link dev.holdfast.repo.UnknownModuleException}
     */
    FetchedZip fetch(ModuleVersion mv) throws IOException;
}
