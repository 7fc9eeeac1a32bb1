package dev.holdfast.server;

import dev.holdfast.fetch.FetchErrors;
import dev.holdfast.fetch.ModuleNotFoundException;
import dev.holdfast.fetch.ModuleSource;
import dev.holdfast.fetch.RevInfo;
import dev.holdfast.fetch.ZipTarget;
import dev.holdfast.module.ModuleVersion;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Measures every call the server makes to each upstream: a timer {@code holdfast_upstream_request_seconds}
 * by upstream, request kind ({@code list}, {@code latest}, {@code info}, {@code mod}, {@code zip}) and
 * outcome ({@code ok}, {@code not_found}, {@code error}), and a counter {@code holdfast_upstream_errors_total}
 * by upstream, kind and whether the failure was transient. The composition root wraps each upstream
 * with {@link #meter} inside its circuit breaker, so every attempt of a retried request is one
 * measurement and calls the breaker refused are none. The meters live in the registry the server's
 * {@code /metrics} scrapes. Thread-safe.
 */
public final class UpstreamMeter {
    /** Latency buckets of the timer, from a LAN answer to a stalled transfer. */
    private static final Duration[] BUCKETS = {
        Duration.ofMillis(5),
        Duration.ofMillis(10),
        Duration.ofMillis(25),
        Duration.ofMillis(50),
        Duration.ofMillis(100),
        Duration.ofMillis(250),
        Duration.ofMillis(500),
        Duration.ofSeconds(1),
        Duration.ofMillis(2500),
        Duration.ofSeconds(5),
        Duration.ofSeconds(10),
        Duration.ofSeconds(30),
        Duration.ofSeconds(60)
    };

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final StatusHistory history;
    private final Map<TimerKey, Timer> timers = new ConcurrentHashMap<>();

    /** Returns a meter with its own, empty registry and history. */
    public UpstreamMeter() {
        this(Clock.systemUTC());
    }

    /** Returns a meter whose history of the last hour reads {@code clock}. */
    public UpstreamMeter(Clock clock) {
        this.history = new StatusHistory(clock);
    }

    /** Returns {@code upstream} with every call timed and every failure counted under its description. */
    public ModuleSource meter(ModuleSource upstream) {
        return new Metered(upstream, this);
    }

    /** Returns the last hour of upstream latency, cache outcomes and errors, for the status page. */
    StatusHistory history() {
        return history;
    }

    /** Returns the registry the meters are in; the server adds its own meters and scrapes it. */
    PrometheusMeterRegistry registry() {
        return registry;
    }

    /** The tags of one timer. */
    private record TimerKey(String upstream, String kind, String outcome) {}

    private void record(String upstream, String kind, long nanos, Throwable failure) {
        String outcome = failure == null ? "ok" : failure instanceof ModuleNotFoundException ? "not_found" : "error";
        // Looked up here, not registered again: building and registering a meter on every call cost 2 % of
        // a cold server's CPU (docs/benchmarks.md).
        timers.computeIfAbsent(new TimerKey(upstream, kind, outcome), this::timer)
                .record(Duration.ofNanos(nanos));
        history.upstream(upstream, nanos, outcome.equals("error"));
        if (outcome.equals("error")) {
            Counter.builder("holdfast.upstream.errors")
                    .description("failed calls to an upstream (not counting not-found answers)")
                    .tag("upstream", upstream)
                    .tag("kind", kind)
                    .tag("transient", String.valueOf(FetchErrors.isTransient(failure)))
                    .register(registry)
                    .increment();
        }
    }

    private Timer timer(TimerKey key) {
        return Timer.builder("holdfast.upstream.request")
                .description("calls to an upstream by kind and outcome (ok, not_found, error)")
                .tag("upstream", key.upstream())
                .tag("kind", key.kind())
                .tag("outcome", key.outcome())
                .serviceLevelObjectives(BUCKETS)
                .register(registry);
    }

    /** An upstream whose calls are measured. */
    private record Metered(ModuleSource upstream, UpstreamMeter meter) implements ModuleSource {
        @Override
        public List<String> list(String path) throws IOException {
            return call("list", () -> upstream.list(path));
        }

        @Override
        public RevInfo latest(String path) throws IOException {
            return call("latest", () -> upstream.latest(path));
        }

        @Override
        public RevInfo info(ModuleVersion mv) throws IOException {
            return call("info", () -> upstream.info(mv));
        }

        @Override
        public byte[] mod(ModuleVersion mv) throws IOException {
            return call("mod", () -> upstream.mod(mv));
        }

        @Override
        public void zip(ModuleVersion mv, ZipTarget target) throws IOException {
            call("zip", () -> {
                upstream.zip(mv, target);
                return null;
            });
        }

        @Override
        public String describe() {
            return upstream.describe();
        }

        private <T> T call(String kind, Call<T> call) throws IOException {
            long start = System.nanoTime();
            try {
                T result = call.run();
                meter.record(upstream.describe(), kind, System.nanoTime() - start, null);
                return result;
            } catch (IOException | RuntimeException e) {
                meter.record(upstream.describe(), kind, System.nanoTime() - start, e);
                throw e;
            }
        }
    }

    @FunctionalInterface
    private interface Call<T> {
        T run() throws IOException;
    }
}
