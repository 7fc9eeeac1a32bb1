package dev.holdfast.fetch;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreaker.State;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Circuit breakers per upstream, so that a host that stopped answering is failed fast instead of being
 * asked again by every request and every retry. {@link #guard} wraps an upstream's source; the breakers
 * are named after {@link ModuleSource#describe()}, so sources that describe themselves alike share them.
 * Each upstream has a reachability and an answering breaker ({@link BreakerPolicy}); a call goes through
 * only when both let it.
 *
 * <p>What counts is decided by {@link FailureKind}: a call that found nobody counts against both
 * breakers, a broken or unwelcome answer (a reset, a truncated body, a 5xx) against the answering one
 * only, and a 404, a 4xx or a checksum mismatch shows the upstream alive. Holdfast's own failures (a full
 * disk) and interrupted calls are not counted at all. A 5xx for a module path that already had one
 * counted in the last {@value #PATH_MEMORY_SECONDS} seconds is not counted again, so that one broken
 * module, asked for again and again, does not open the breaker for every other module.
 *
 * <p>While a breaker is open, calls fail at once with {@link UpstreamUnavailableException}, which names
 * the root cause (the last failure counted), says since when the upstream is down, and carries, as its
 * {@link UpstreamException#retryAfter()}, the time until the breaker lets a probe through.
 *
 * <p>Put the breakers next to the upstreams and the retries outside the GOPROXY list: {@code
 * RetryingSource(FallbackSource(guard(proxy1) | guard(proxy2)))}; a retry inside the list would wait
 * for one upstream's breaker when the list could move on. Thread-safe.
 */
public final class UpstreamBreakers {
    static final Logger LOG = LoggerFactory.getLogger(UpstreamBreakers.class);

    /** How long a module path's counted 5xx keeps further ones from the same path from counting. */
    static final long PATH_MEMORY_SECONDS = 30;

    private final BreakerPolicy policy;
    private final Clock clock;
    private final ConcurrentMap<String, UpstreamHealth> upstreams = new ConcurrentHashMap<>();

    /** Returns breakers that follow {@code policy}, reading all time from {@code clock}. */
    public UpstreamBreakers(BreakerPolicy policy, Clock clock) {
        this.policy = policy;
        this.clock = clock;
    }

    /** Returns {@code upstream} behind the breakers named after its description. */
    public ModuleSource guard(ModuleSource upstream) {
        String name = upstream.describe();
        return new GuardedSource(upstream, upstreams.computeIfAbsent(name, n -> new UpstreamHealth(n, policy, clock)));
    }

    /**
     * Runs {@code call}, a request about {@code subject} to the upstream named {@code upstream}, through that
     * upstream's breakers, as the calls of a {@linkplain #guard guarded} source run: for clients that are
     * not module sources, such as the checksum database's.
     *
     * @throws UpstreamUnavailableException while a breaker is open
     */
    public <T> T call(String upstream, String subject, UpstreamHealth.Call<T> call) throws IOException {
        return upstreams
                .computeIfAbsent(upstream, n -> new UpstreamHealth(n, policy, clock))
                .call(subject, subject, call);
    }

    /**
     * Returns the state of the breakers of the upstream described as {@code upstream} (the more closed of
     * the two is never shown: an open one wins), or empty when no source of that description was guarded.
     */
    public Optional<State> state(String upstream) {
        return Optional.ofNullable(upstreams.get(upstream)).map(UpstreamHealth::state);
    }

    /** Returns the state of every upstream's breakers by upstream description, sorted by description. */
    public Map<String, State> states() {
        Map<String, State> states = new TreeMap<>();
        upstreams.forEach((name, h) -> states.put(name, h.state()));
        return states;
    }

    /** Returns what every upstream's breakers know, by upstream description, sorted by description. */
    public Map<String, UpstreamHealth.Report> reports() {
        Map<String, UpstreamHealth.Report> reports = new TreeMap<>();
        upstreams.forEach((name, h) -> reports.put(name, h.report()));
        return reports;
    }

    /** An upstream whose calls pass through its breakers. */
    private record GuardedSource(ModuleSource upstream, UpstreamHealth health) implements ModuleSource {
        @Override
        public java.util.List<String> list(String path) throws IOException {
            return health.call(path, path, () -> upstream.list(path));
        }

        @Override
        public RevInfo latest(String path) throws IOException {
            return health.call(path, path, () -> upstream.latest(path));
        }

        @Override
        public RevInfo info(dev.holdfast.module.ModuleVersion mv) throws IOException {
            return health.call(mv.toString(), mv.path(), () -> upstream.info(mv));
        }

        @Override
        public byte[] mod(dev.holdfast.module.ModuleVersion mv) throws IOException {
            return health.call(mv.toString(), mv.path(), () -> upstream.mod(mv));
        }

        @Override
        public void zip(dev.holdfast.module.ModuleVersion mv, ZipTarget target) throws IOException {
            health.call(mv.toString(), mv.path(), () -> {
                upstream.zip(mv, target);
                return null;
            });
        }

        @Override
        public String describe() {
            return upstream.describe();
        }
    }

    /** Returns a duration for messages, as {@link RetryingSource#format} does. */
    static String format(Duration d) {
        return RetryingSource.format(d);
    }

    /** Returns {@code state} of a Resilience4j breaker as one of the three this class uses. */
    static State simple(CircuitBreaker breaker) {
        State s = breaker.getState();
        return s == State.HALF_OPEN || s == State.OPEN ? s : State.CLOSED;
    }
}
