package dev.holdfast.fetch;

import dev.holdfast.dirhash.DirHash;
import dev.holdfast.modfile.GoModFile;
import dev.holdfast.modfile.GoModSyntaxException;
import dev.holdfast.module.ModuleVersion;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Checks downloaded module content against what is known about it, as the go command's {@code
 * checkModSum} does: a go.mod file by its {@code h1:} hash under the version {@code V/go.mod}, a
 * module zip by its structure (every entry under {@code path@version/}, the rules of the module zip
 * format) and its {@code h1:} hash.
 *
 * <p>Implementations supply {@link #checkHash}, which knows recorded hashes (a go.sum, later the
 * checksum database). {@link #orElse} chains them the go command's way: a hash found in go.sum is
 * not looked up in the checksum database. {@link #NONE} knows no hashes, so it checks structure only.
 * Thread-safe.
 */
public interface Verifier {
    /** A verifier that knows no hashes: it checks only the structure of zips. */
    Verifier NONE = (mv, hash) -> Verdict.UNKNOWN;

    /** What a verifier knew about a hash that did not conflict with its records. */
    enum Verdict {
        /** The hash is the one recorded. */
        MATCHED,
        /** Nothing is recorded for the module version (the go command would record the hash). */
        UNKNOWN
    }

    /**
     * The outcome of a successful check.
     *
     * @param hash the {@code h1:} hash of the content
     * @param verdict whether it matched a record or none existed
     */
    record Checked(String hash, Verdict verdict) {}

    /**
     * Checks {@code hash} for {@code mv}, whose version ends in {@code /go.mod} for a go.mod hash (as
     * in go.sum).
     *
     * @throws ChecksumMismatchException if a different hash is recorded for {@code mv}
     * @throws IOException if the records cannot be read
     */
    Verdict checkHash(ModuleVersion mv, String hash) throws IOException;

    /**
     * Checks the go.mod file {@code goMod} of {@code mv} (canonical version) by its hash, recorded
     * under {@code mv.version() + "/go.mod"}.
     *
     * @throws ChecksumMismatchException if a different hash is recorded
     */
    default Checked checkMod(ModuleVersion mv, byte[] goMod) throws IOException {
        Checked checked = checkModHash(mv, goMod);
        checkModSyntax(mv, goMod);
        return checked;
    }

    /**
     * Checks only the hash of the go.mod file {@code goMod} of {@code mv}, as the go command checks a
     * go.mod it reads back from its module cache ({@code readDiskGoMod}): for a file stored after
     * {@link #checkMod} passed, whose syntax the reader that parses it will see anyway.
     *
     * @throws ChecksumMismatchException if a different hash is recorded
     */
    default Checked checkModHash(ModuleVersion mv, byte[] goMod) throws IOException {
        String hash = DirHash.hashGoMod(goMod);
        return new Checked(hash, checkHash(new ModuleVersion(mv.path(), mv.version() + "/go.mod"), hash));
    }

    /**
     * Checks that {@code goMod} parses the way the go command reads a dependency's go.mod (laxly).
     * Without a recorded hash this is the only defence against a go.mod damaged in transit, and a
     * file the go command could not read is useless to it anyway. The checksum database closes the
     * rest of that gap.
     *
     * @throws UpstreamException (permanent) if the file does not parse
     */
    private static void checkModSyntax(ModuleVersion mv, byte[] goMod) throws UpstreamException {
        try {
            GoModFile.parseLax("go.mod", goMod, null);
        } catch (GoModSyntaxException e) {
            throw new UpstreamException(
                    mv + ": invalid go.mod from the upstream:\n\t"
                            + e.getMessage().replace("\n", "\n\t"),
                    0,
                    false);
        }
    }

    /**
     * Checks the downloaded zip {@code zip} of {@code mv} (canonical version) in the go command's
     * order: every entry named under {@code path@version/} (fetch.go {@code downloadZip}), the hash,
     * then the module zip rules ({@code zip.Unzip}'s checks), reading the file without changing it.
     *
     * @throws ChecksumMismatchException if a different hash is recorded
     * @throws UpstreamException (permanent) if the file is not a valid module zip for {@code mv}
     */
    default Checked checkZip(ModuleVersion mv, Path zip) throws IOException {
        ZipStructure.checkPrefixes(mv, zip);
        String hash = ZipStructure.hash(zip);
        Verdict verdict = checkHash(mv, hash);
        ZipStructure.checkRules(mv, zip);
        return new Checked(hash, verdict);
    }

    /**
     * Returns a verifier that asks this one first and {@code next} only when this one knows nothing
     * about the module version, as the go command consults the checksum database only for hashes
     * missing from go.sum. A mismatch from either is final.
     */
    default Verifier orElse(Verifier next) {
        Verifier first = this;
        return (mv, hash) -> first.checkHash(mv, hash) == Verdict.MATCHED ? Verdict.MATCHED : next.checkHash(mv, hash);
    }
}
