package dev.holdfast.cli;

import dev.holdfast.archive.BadArchiveException;
import dev.holdfast.fetch.ChecksumMismatchException;
import dev.holdfast.fetch.FetchErrors;
import dev.holdfast.modfile.GoModSyntaxException;
import dev.holdfast.modload.GoModException;
import dev.holdfast.module.InvalidPathException;
import dev.holdfast.module.InvalidVersionException;
import dev.holdfast.mvs.BuildListError;
import dev.holdfast.query.QueryException;
import dev.holdfast.repo.UnknownModuleException;
import dev.holdfast.sum.MalformedGoSumException;
import dev.holdfast.sumdb.SumdbSecurityException;
import dev.holdfast.zip.ModuleZipException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystemException;
import picocli.CommandLine;

/**
 * The one table that turns a failure into an exit code (MISSION.md): 0 success, 1 findings or a
 * failed check, 2 bad usage or bad input, 3 the network or an upstream was unavailable and nothing
 * could substitute.
 */
final class ExitCodes {
    static final int OK = 0;
    static final int FINDINGS = 1;
    static final int BAD_INPUT = 2;
    static final int UNAVAILABLE = 3;

    private ExitCodes() {}

    /**
     * Returns the exit code for {@code failure}, judged by the failure that decides it: the one behind
     * a requirement chain and the loader's re-worded wrappers.
     */
    static int of(Throwable failure) {
        return switch (rootCause(failure)) {
            case CommandLine.ParameterException usage -> BAD_INPUT;
            case InvalidPathException path -> BAD_INPUT;
            case InvalidVersionException version -> BAD_INPUT;
            case GoModSyntaxException goMod -> BAD_INPUT;
            case MalformedGoSumException goSum -> BAD_INPUT;
            case IllegalArgumentException argument -> BAD_INPUT;
            // A version that does not exist is a request that cannot be met, not an outage.
            case UnknownModuleException notFound -> BAD_INPUT;
            // So is a query no allowed version meets (no matching versions, excluded, retracted).
            case QueryException query -> BAD_INPUT;
            // A checksum database caught lying (a forked log) is a finding, and a security one.
            case SumdbSecurityException forked -> FINDINGS;
            // Content that fails verification is a failed check, and a security one.
            case ChecksumMismatchException mismatch -> FINDINGS;
            case ModuleZipException badZip -> FINDINGS;
            case BadArchiveException badArchive -> FINDINGS;
            // A file or directory that cannot be read or written where the user pointed (--out, GOMODCACHE):
            // not an outage, however transient an I/O failure looks to the fetch layer.
            case FileSystemException local -> BAD_INPUT;
            case IOException io when FetchErrors.isTransient(io) -> UNAVAILABLE;
            case IOException io -> FINDINGS;
            default -> FINDINGS;
        };
    }

    /** Unwraps the requirement chain and the loader's re-worded wrappers down to the failure that decides. */
    static Throwable rootCause(Throwable failure) {
        Throwable t = failure;
        while (t.getCause() != null
                && (t instanceof BuildListError
                        || t.getClass() == IOException.class
                        || t.getClass() == UncheckedIOException.class
                        || (t instanceof GoModException && t.getCause() instanceof GoModException))) {
            t = t.getCause();
        }
        return t;
    }

    /** Returns the most severe of two exit codes: unavailable over findings over bad input. */
    static int worst(int a, int b) {
        return rank(a) >= rank(b) ? a : b;
    }

    private static int rank(int code) {
        return switch (code) {
            case OK -> 0;
            case BAD_INPUT -> 1;
            case FINDINGS -> 2;
            default -> 3;
        };
    }
}
