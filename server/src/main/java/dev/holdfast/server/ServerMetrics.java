package dev.holdfast.server;

import dev.holdfast.store.Store;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The server's Prometheus metrics ({@code /metrics}): requests by kind and cache outcome, responses
 * by kind and status, bytes served, each upstream's breaker state and the number of answers served
 * stale, in the registry of the backend's {@link UpstreamMeter}, which adds upstream latency and
 * errors by upstream. Thread-safe.
 */
final class ServerMetrics {
    /** The content type of the Prometheus text format. */
    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final PrometheusMeterRegistry registry;
    private final Backend backend;
    private final Map<List<String>, Counter> counters = new ConcurrentHashMap<>();

    ServerMetrics(Backend backend, DegradedAnswers degraded, HotZips hotZips) {
        this.backend = backend;
        this.registry = backend.upstreams().meter().registry();
        Gauge.builder("holdfast_degraded_entries", degraded, d -> d.entries().size())
                .description("list and @latest answers currently served stale")
                .register(registry);
        Gauge.builder("holdfast_memory_zip_bytes", hotZips, HotZips::bytes)
                .description("bytes of zips kept in memory (--memory-cache)")
                .baseUnit("bytes")
                .register(registry);
        FunctionCounter.builder("holdfast_memory_zip_hits", hotZips, HotZips::hits)
                .description("zips sent from memory")
                .register(registry);
        backend.store().bound().ifPresent(bound -> {
            Gauge.builder("holdfast_store_bytes", bound, Store.Bound::bytes)
                    .description("bytes of module files the bounded disk cache holds")
                    .baseUnit("bytes")
                    .register(registry);
            Gauge.builder("holdfast_store_max_bytes", bound, Store.Bound::maxBytes)
                    .description("the size bound of the disk cache (--max-size)")
                    .baseUnit("bytes")
                    .register(registry);
            FunctionCounter.builder("holdfast_store_evictions", bound, Store.Bound::evictions)
                    .description("zips evicted from the disk cache to keep it under its bound")
                    .register(registry);
        });
    }

    /** Records a module request answered from the store ({@code hit}) or through an upstream ({@code miss}). */
    void cache(String kind, boolean hit) {
        counter(List.of("holdfast_cache_requests", kind, hit ? "hit" : "miss"), k -> Counter.builder(k.get(0))
                        .description("module requests by kind and whether the store already held the answer")
                        .tag("kind", k.get(1))
                        .tag("result", k.get(2)))
                .increment();
        backend.upstreams().meter().history().cache(kind, hit);
    }

    /** Records one response. */
    void response(String kind, int status, long bytes) {
        counter(List.of("holdfast_responses", kind, status / 100 + "xx"), k -> Counter.builder(k.get(0))
                        .description("responses by request kind and status class")
                        .tag("kind", k.get(1))
                        .tag("status", k.get(2)))
                .increment();
        counter(List.of("holdfast_served_bytes", kind), k -> Counter.builder(k.get(0))
                        .description("body bytes served")
                        .baseUnit("bytes")
                        .tag("kind", k.get(1)))
                .increment(bytes);
    }

    /**
     * Returns the counter named and tagged by {@code key} (the name, then the tag values), built by
     * {@code builder} the first time. Every request counts, and building and registering a meter each
     * time is Micrometer's slow path: an id, sorted tags and a registry lookup per call.
     */
    private Counter counter(List<String> key, Function<List<String>, Counter.Builder> builder) {
        return counters.computeIfAbsent(key, k -> builder.apply(k).register(registry));
    }

    /** Returns the scrape in the Prometheus text format. */
    byte[] scrape() {
        for (Map.Entry<String, CircuitBreaker.State> e :
                backend.upstreams().breakers().states().entrySet()) {
            Gauge.builder("holdfast_upstream_breaker_open", backend, b -> isOpen(b, e.getKey()))
                    .description("1 when the upstream's circuit breaker is open (requests fail fast), else 0")
                    .tag("upstream", e.getKey())
                    .register(registry);
        }
        return registry.scrape().getBytes(StandardCharsets.UTF_8);
    }

    private static double isOpen(Backend backend, String upstream) {
        return backend.upstreams()
                .breakers()
                .state(upstream)
                .map(s -> s == CircuitBreaker.State.OPEN || s == CircuitBreaker.State.FORCED_OPEN ? 1.0 : 0.0)
                .orElse(0.0);
    }

    /** Returns the metric label of a request: {@code list}, {@code zip}, {@code sumdb}, ... */
    static String kind(ProxyRequest request) {
        return switch (request) {
            case ProxyRequest.SumdbSupported s -> "sumdb";
            case ProxyRequest.SumdbFile f -> "sumdb";
            default -> request.getClass().getSimpleName().toLowerCase(Locale.ROOT);
        };
    }
}
