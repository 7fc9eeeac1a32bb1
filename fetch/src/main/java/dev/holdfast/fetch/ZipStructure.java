package dev.holdfast.fetch;

import dev.holdfast.dirhash.DirHash;
import dev.holdfast.module.ModuleVersion;
import dev.holdfast.zip.CheckedFiles;
import dev.holdfast.zip.ModuleZip;
import dev.holdfast.zip.ModuleZipException;
import dev.holdfast.zip.archive.ZipArchive;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import java.util.zip.ZipException;

/**
 * The structural checks {@link Verifier#checkZip} makes, with the go command's messages. Every
 * failure is a permanent {@link UpstreamException}: a zip that is not a valid module zip will not
 * become one by asking again.
 */
final class ZipStructure {
    private ZipStructure() {}

    /** Fails unless every entry starts with {@code path@version/} (fetch.go downloadZip). */
    static void checkPrefixes(ModuleVersion mv, Path zip) throws IOException {
        String prefix = mv.path() + "@" + mv.version() + "/";
        byte[] prefixBytes = prefix.getBytes(StandardCharsets.UTF_8);
        try (ZipArchive archive = ZipArchive.open(zip)) {
            for (ZipArchive.Entry e : archive.entries()) {
                if (!e.nameStartsWith(prefixBytes)) {
                    throw invalid(
                            String.format("zip for %s@%s has unexpected file %s", mv.path(), mv.version(), e.name()));
                }
            }
        } catch (ZipException e) {
            throw invalid(e.getMessage(), e);
        }
    }

    /** Returns the zip's {@code h1:} hash, failing for an archive that cannot be read. */
    static String hash(Path zip) throws IOException {
        try {
            return DirHash.hashZip(zip);
        } catch (ZipException e) {
            throw invalid(e.getMessage(), e);
        }
    }

    /** Fails unless the zip passes the module zip rules that the go command's unzip enforces. */
    static void checkRules(ModuleVersion mv, Path zip) throws IOException {
        Optional<String> error;
        try {
            CheckedFiles checked = ModuleZip.checkZip(mv, zip);
            error = checked.error();
        } catch (ModuleZipException e) {
            throw invalid("unzip " + zip + ": " + e.getMessage(), e);
        }
        if (error.isPresent()) {
            throw invalid("unzip " + zip + ": " + error.get());
        }
    }

    private static UpstreamException invalid(String message) {
        return new UpstreamException(message, 0, false);
    }

    private static UpstreamException invalid(String message, Throwable cause) {
        UpstreamException e = invalid(message);
        e.initCause(cause);
        return e;
    }
}
