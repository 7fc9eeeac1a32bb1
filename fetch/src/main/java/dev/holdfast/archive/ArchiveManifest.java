package dev.holdfast.archive;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.holdfast.module.ModuleVersion;
import java.io.IOException;
import java.util.List;
import java.util.Objects;

/**
 * The manifest of a module archive ({@value #ENTRY} in the archive): what it holds and the hashes each
 * file must have.
 *
 * @param format always {@value #FORMAT}
 * @param created when the archive was written (RFC 3339)
 * @param modules the module versions, sorted
 * @param sumdb the checksum database's proofs of them, or null when the archive carries none
 */
public record ArchiveManifest(String format, String created, List<Module> modules, Proofs sumdb) {
    /** The manifest's name in the archive. */
    public static final String ENTRY = "holdfast-manifest.json";

    /** The format this code writes and reads. */
    public static final String FORMAT = "holdfast-archive/1";

    /** The largest manifest read: 64 MiB, far beyond a few thousand module versions. */
    static final int MAX_BYTES = 64 << 20;

    private static final ObjectMapper JSON = new ObjectMapper()
            .setSerializationInclusion(JsonInclude.Include.NON_NULL)
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);

    /** Checks the format and copies the list. */
    public ArchiveManifest {
        Objects.requireNonNull(format, "format");
        modules = List.copyOf(modules);
    }

    /**
     * One module version in the archive: always its go.mod; its zip (and {@code .info}) when the build
     * needs its packages, not only its requirements.
     *
     * @param path the module path
     * @param version the canonical version
     * @param goMod the go.mod's {@code h1:} hash
     * @param zip the zip's {@code h1:} hash, or null when the archive holds no zip of it
     * @param info whether the archive holds its {@code .info}
     * @param goSum its go.sum lines, as {@code go mod tidy} writes them
     */
    public record Module(String path, String version, String goMod, String zip, boolean info, List<String> goSum) {
        /** Copies the list. */
        public Module {
            goSum = List.copyOf(goSum);
        }

        /** Returns the module version. */
        public ModuleVersion mv() {
            return new ModuleVersion(path, version);
        }
    }

    /**
     * The checksum database's signed answers about the module versions and the tiles that prove them, each
     * in the archive at {@code cache/download/sumdb/<file>}, where the go command keeps them.
     *
     * @param database the database's name, such as {@code sum.golang.org}
     * @param files the files' names, {@code <database>/lookup/...} and {@code <database>/tile/...}, sorted
     * @param earlierTrees signed tree notes of the database that earlier archives carried (and that go
     *     commands may remember from them), which the tiles also prove prefixes of this archive's trees;
     *     none in an archive written without {@code export --after}
     */
    public record Proofs(String database, List<String> files, List<String> earlierTrees) {
        /** Copies the lists; an archive from before earlier trees were kept has none. */
        public Proofs {
            Objects.requireNonNull(database, "database");
            files = List.copyOf(files);
            earlierTrees = earlierTrees == null ? List.of() : List.copyOf(earlierTrees);
        }
    }

    /** Returns the manifest as JSON. */
    byte[] toJson() throws IOException {
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(this);
    }

    /**
     * Parses a manifest.
     *
     * @throws IOException naming what is wrong with it
     */
    static ArchiveManifest parse(byte[] json) throws IOException {
        ArchiveManifest m;
        try {
            m = JSON.readValue(json, ArchiveManifest.class);
        } catch (IOException | RuntimeException e) {
            throw new BadArchiveException(ENTRY + ": not a module archive manifest: " + e.getMessage(), e);
        }
        if (!FORMAT.equals(m.format())) {
            throw new BadArchiveException(ENTRY + ": format \"" + m.format() + "\", expected \"" + FORMAT + "\"");
        }
        return m;
    }
}
