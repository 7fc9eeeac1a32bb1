package dev.holdfast.sumdb;

import dev.holdfast.fetch.ChecksumMismatchException;
import dev.holdfast.fetch.FetchErrors;
import dev.holdfast.fetch.GoEnv;
import dev.holdfast.fetch.ProxySource;
import dev.holdfast.fetch.RetryPolicy;
import dev.holdfast.fetch.UpstreamBreakers;
import dev.holdfast.fetch.UpstreamException;
import dev.holdfast.fetch.Verifier;
import dev.holdfast.module.ModuleVersion;
import dev.holdfast.module.PrefixPatterns;
import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@link Verifier} that checks hashes against the checksum database, as the go command's {@code
 * checkSumDB} does for every hash missing from go.sum: the database's line for the module version must
 * carry exactly the downloaded hash. A different {@code h1:} hash, or no line at all, is a checksum
 * mismatch with the go command's SECURITY ERROR text. Modules matched by GONOSUMDB (by default
 * GOPRIVATE) are not looked up: the verifier knows nothing about them. Thread-safe.
 */
public final class SumdbVerifier implements Verifier {
    /** The go command's explanation after a checksum-database mismatch (fetch.go sumdbMismatch). */
    static final String SUMDB_MISMATCH = """


            SECURITY ERROR
            This download does NOT match the one reported by the checksum server.
            The bits may have been replaced on the origin server, or an attacker may
            have intercepted the download attempt.

            For more information, see 'go help module-auth'.""";

    /** The go command's explanation when the database has no line for a download (fetch.go sumdbAbsent). */
    static final String SUMDB_ABSENT = """


            SECURITY ERROR
            This download does NOT match one reported by the checksum server.
            The checksum server has provided checksums, but the checksums do
            not contain an entry for the download.
            The checksum server may be malfunctioning, or an attacker may have
            intercepted the checksum request.
            The download cannot be verified.

            For more information, see 'go help module-auth'.""";

    private final SumdbClient client;
    private final String gonosumdb;

    /** Returns a verifier asking {@code client} about every module not matched by {@code gonosumdb}. */
    public SumdbVerifier(SumdbClient client, String gonosumdb) {
        this.client = Objects.requireNonNull(client, "client");
        this.gonosumdb = Objects.requireNonNull(gonosumdb, "gonosumdb");
    }

    /**
     * Returns the verifier of go environment {@code env} (GOSUMDB, GONOSUMDB, GOPROXY, GOPATH,
     * GOMODCACHE), or empty when GOSUMDB is {@code off}; its requests are counted by {@code breakers}
     * (shared with the module sources over the same GOPROXY list, when there are any).
     *
     * @throws IllegalArgumentException with the go command's message for a malformed GOSUMDB, or when
     *     there is no GOPATH or module cache to keep the database's files in
     */
    public static Optional<SumdbVerifier> forEnv(
            GoEnv env, HttpClient http, ProxySource.Timeouts timeouts, RetryPolicy retry, UpstreamBreakers breakers) {
        Optional<SumdbConfig> config = SumdbConfig.parse(env.gosumdb());
        if (config.isEmpty()) {
            return Optional.empty();
        }
        if (env.sumdbDir().isEmpty() || env.gomodcache().isEmpty()) {
            throw new IllegalArgumentException("could not locate sumdb file: missing $GOPATH");
        }
        SumdbFiles files = new SumdbFiles(
                config.get(),
                env.proxyList(),
                Path.of(env.sumdbDir()),
                Path.of(env.gomodcache()),
                http,
                timeouts,
                retry,
                breakers);
        return Optional.of(new SumdbVerifier(new SumdbClient(config.get().key(), files), env.gonosumdb()));
    }

    /** Returns the client this verifier asks. */
    public SumdbClient client() {
        return client;
    }

    /** Reports whether module {@code path} is looked up (it matches no GONOSUMDB pattern). */
    public boolean covers(String path) {
        return !PrefixPatterns.match(gonosumdb, path);
    }

    /**
     * {@inheritDoc}
     *
     * @throws SumdbSecurityException if the database forked its log
     * @throws SumdbException if the lookup failed ({@code P@V: verifying module: reason})
     */
    @Override
    public Verdict checkHash(ModuleVersion mv, String hash) throws IOException {
        if (!covers(mv.path())) {
            return Verdict.UNKNOWN;
        }
        String version = mv.version();
        boolean goMod = version.endsWith("/go.mod");
        String where = mv.path() + "@" + (goMod ? version.substring(0, version.length() - 7) : version) + ": verifying "
                + (goMod ? "go.mod" : "module") + ": ";
        List<String> lines;
        try {
            lines = client.lookup(mv.path(), version);
        } catch (SumdbSecurityException e) {
            throw e;
        } catch (IOException e) {
            int status = e instanceof UpstreamException u ? u.status() : 0;
            throw new SumdbException(where + e.getMessage(), status, FetchErrors.isTransient(e), e);
        }
        String have = mv.path() + " " + version + " " + hash;
        String prefix = mv.path() + " " + version + " h1:";
        for (String line : lines) {
            if (line.equals(have)) {
                return Verdict.MATCHED;
            }
            if (line.startsWith(prefix)) {
                throw new ChecksumMismatchException(where + "checksum mismatch\n\tdownloaded: " + hash + "\n\t"
                        + client.name() + ": " + line.substring(prefix.length() - 3) + SUMDB_MISMATCH);
            }
        }
        throw new ChecksumMismatchException(where + "checksum missing from sumdb response" + SUMDB_ABSENT);
    }
}
