package dev.holdfast.fetch;

import dev.holdfast.module.ModuleVersion;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Resilience4j circuit breaker per upstream, so that a host that stopped answering is failed
 * fast instead of being asked again by every request and every retry. {@link #guard} wraps an
 * upstream's source; the breaker is named after {@link ModuleSource#describe()}, so sources that
 * describe themselves alike share one.
 *
 * <p>Only transient failures ({@link FetchErrors#isTransient}) count against an upstream; a 404, a
 * checksum mismatch or any other answer shows it alive. While a breaker is open, calls fail at once
 * with a transient {@link UpstreamException} that says so and carries, as its {@link
 * UpstreamException#retryAfter()}, the time until the breaker lets a probe through. Because the
 * failure is transient, a GOPROXY list moves past the upstream after a pipe and stops after a
 * comma, as it would for a connection failure; a {@link RetryingSource} outside the breaker waits
 * for the probe if its budget allows and gives up at once if not.
 *
 * <p>Put the breakers next to the upstreams and the retries outside the GOPROXY list: {@code
 * RetryingSource(FallbackSource(guard(proxy1) | guard(proxy2)))}; a retry inside the list would wait
 * for one upstream's breaker when the list could move on. Thread-safe.
 */
public final class UpstreamBreakers {
    private static final Logger LOG = LoggerFactory.getLogger(UpstreamBreakers.class);

    private final CircuitBreakerConfig config;
    private final Duration openWait;
    private final Clock clock;
    private final ConcurrentMap<String, Breaker> breakers = new ConcurrentHashMap<>();

    /** Returns breakers that follow {@code policy}, reading all time from {@code clock}. */
    public UpstreamBreakers(BreakerPolicy policy, Clock clock) {
        this.config = policy.circuitBreakerConfig(clock);
        this.openWait = policy.openWait();
        this.clock = clock;
    }

    /** Returns {@code upstream} behind the breaker named after its description. */
    public ModuleSource guard(ModuleSource upstream) {
        return new Guarded(upstream, breakers.computeIfAbsent(upstream.describe(), this::breaker));
    }

    /**
     * Returns the state of the breaker of the upstream described as {@code upstream}, or empty when
     * no source of that description was guarded.
     */
    public Optional<CircuitBreaker.State> state(String upstream) {
        return Optional.ofNullable(breakers.get(upstream)).map(b -> b.circuit.getState());
    }

    /** Returns the state of every breaker by upstream description, sorted by description. */
    public Map<String, CircuitBreaker.State> states() {
        Map<String, CircuitBreaker.State> states = new TreeMap<>();
        breakers.forEach((name, b) -> states.put(name, b.circuit.getState()));
        return states;
    }

    private Breaker breaker(String name) {
        Breaker breaker = new Breaker(CircuitBreaker.of(name, config));
        breaker.circuit.getEventPublisher().onStateTransition(event -> {
            if (event.getStateTransition().getToState() == CircuitBreaker.State.OPEN) {
                breaker.openedAt = clock.instant();
            }
            LOG.debug("circuit breaker of {}: {}", name, event.getStateTransition());
        });
        return breaker;
    }

    /** A circuit breaker and when it last opened. */
    private final class Breaker {
        final CircuitBreaker circuit;
        volatile Instant openedAt = Instant.MIN;

        Breaker(CircuitBreaker circuit) {
            this.circuit = circuit;
        }

        /** Returns the time until an open breaker lets a probe through, zero when it would now. */
        Duration untilProbe() {
            if (circuit.getState() != CircuitBreaker.State.OPEN) {
                return Duration.ZERO;
            }
            // Resilience4j lets a call through only once the wait has strictly passed: add 1 ms.
            Duration left =
                    Duration.between(clock.instant(), openedAt.plus(openWait)).plusMillis(1);
            return left.isNegative() ? Duration.ZERO : left;
        }
    }

    /** An upstream whose calls pass through its breaker. */
    private static final class Guarded implements ModuleSource {
        private final ModuleSource upstream;
        private final Breaker breaker;
        private final CircuitBreaker circuit;

        Guarded(ModuleSource upstream, Breaker breaker) {
            this.upstream = upstream;
            this.breaker = breaker;
            this.circuit = breaker.circuit;
        }

        @Override
        public List<String> list(String path) throws IOException {
            return call(path, () -> upstream.list(path));
        }

        @Override
        public RevInfo latest(String path) throws IOException {
            return call(path, () -> upstream.latest(path));
        }

        @Override
        public RevInfo info(ModuleVersion mv) throws IOException {
            return call(mv.toString(), () -> upstream.info(mv));
        }

        @Override
        public byte[] mod(ModuleVersion mv) throws IOException {
            return call(mv.toString(), () -> upstream.mod(mv));
        }

        @Override
        public void zip(ModuleVersion mv, ZipTarget target) throws IOException {
            call(mv.toString(), () -> {
                upstream.zip(mv, target);
                return null;
            });
        }

        @Override
        public String describe() {
            return upstream.describe();
        }

        private <T> T call(String subject, Call<T> call) throws IOException {
            if (!circuit.tryAcquirePermission()) {
                throw notPermitted(subject);
            }
            long start = circuit.getCurrentTimestamp();
            try {
                T result = call.run();
                circuit.onSuccess(circuit.getCurrentTimestamp() - start, circuit.getTimestampUnit());
                return result;
            } catch (Throwable failure) {
                // Counted as a failure only when transient (the config's predicate), else as a success.
                circuit.onError(circuit.getCurrentTimestamp() - start, circuit.getTimestampUnit(), failure);
                throw failure;
            }
        }

        private UpstreamException notPermitted(String subject) {
            Duration untilProbe = breaker.untilProbe();
            String why = circuit.getState() == CircuitBreaker.State.HALF_OPEN
                    ? "circuit breaker half-open, waiting for its probes"
                    : "circuit breaker open after repeated failures, next probe in "
                            + RetryingSource.format(untilProbe);
            LOG.debug("{} from {}: {}", subject, describe(), why);
            return new UpstreamException(subject + ": " + describe() + ": " + why, 0, true, untilProbe);
        }
    }

    @FunctionalInterface
    private interface Call<T> {
        T run() throws IOException;
    }
}
