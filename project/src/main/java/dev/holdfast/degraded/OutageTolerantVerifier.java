package dev.holdfast.degraded;

import dev.holdfast.fetch.Verifier;
import dev.holdfast.module.ModuleVersion;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A checksum-database verifier for degraded mode: asks {@code delegate} (the checksum database), and
 * when the database cannot be reached accepts the hash as unknown instead of failing, remembering
 * which module versions went unchecked. A mismatch or a database caught lying still fails: only an
 * outage ({@link Outages}) is tolerated.
 *
 * <p>Why: in an outage the database is as unreachable as the proxy, and every substitute (a version
 * the project's go.sum has no line for) would otherwise fail its check, so degraded mode could never
 * use one. Put it behind go.sum ({@code goSum.orElse(tolerant)}), so every hash go.sum records is still
 * checked strictly; degraded mode is opted into, and the unchecked versions are reported. Thread-safe.
 */
public final class OutageTolerantVerifier implements Verifier {
    private final Verifier delegate;
    private final Set<ModuleVersion> unchecked = ConcurrentHashMap.newKeySet();

    /** Returns a verifier that tolerates outages of {@code delegate}. */
    public OutageTolerantVerifier(Verifier delegate) {
        this.delegate = delegate;
    }

    @Override
    public Verdict checkHash(ModuleVersion mv, String hash) throws IOException {
        try {
            return delegate.checkHash(mv, hash);
        } catch (IOException e) {
            if (!Outages.isOutage(e)) {
                throw e;
            }
            unchecked.add(mv);
            return Verdict.UNKNOWN;
        }
    }

    /** Returns the module versions (with {@code /go.mod} for go.mod hashes) whose hash went unchecked. */
    public List<ModuleVersion> unchecked() {
        return List.copyOf(unchecked);
    }
}
