package dev.holdfast.degraded;

import dev.holdfast.fetch.FetchErrors;
import dev.holdfast.fetch.ModuleNotFoundException;
import dev.holdfast.fetch.ProcessRun;
import dev.holdfast.fetch.ProxySource;
import dev.holdfast.fetch.ProxySpec;
import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A quick look at each source of the GOPROXY list: one {@code @v/list} request per proxy with a short
 * time limit and no retries. A proxy that answers at all (a version list, a 404, any non-transient
 * answer) is up; one that times out, refuses or resets the connection, or answers 5xx or 429 is down.
 * {@code direct}, {@code off} and {@code noproxy} are reported as what they are, and the module cache
 * as the local last resort. Probes run in parallel; nothing is cached or retried.
 */
public final class SourceProbe {
    /** What a probe found out about one source. */
    public enum State {
        /** The proxy answered. */
        UP,
        /** The proxy could not be reached, or answered with a transient failure. */
        DOWN,
        /** GOPROXY=off: lookups are disabled. */
        OFF,
        /** The noproxy entry: modules matching GONOPROXY go direct. */
        ROUTING,
        /** The local module cache, always at hand. */
        LOCAL,
        /** Not asked: the project has no module whose path may be sent to a proxy. */
        UNPROBED
    }

    /**
     * The health of one source.
     *
     * @param source the source as GOPROXY names it (a URL, {@code direct}, {@code off}, {@code noproxy}),
     *     or {@code module cache DIR}
     * @param state what the probe found
     * @param elapsed how long the probe took (zero when nothing was asked)
     * @param detail the failure, or what the entry means; {@code ""} when up
     */
    public record Health(String source, State state, Duration elapsed, String detail) {}

    private SourceProbe() {}

    /**
     * Probes each entry of {@code specs} by listing the versions of module {@code path}, waiting at most
     * {@code timeout} per probe, and appends the module cache {@code modCache}; returns one health per
     * entry, in order. Without a {@code path} (the project's modules are all private), proxies are
     * reported {@link State#UNPROBED}. {@code direct} is up when the version control tool it needs (git)
     * runs with process environment {@code environment}.
     */
    public static List<Health> probe(
            List<ProxySpec> specs,
            Optional<String> path,
            Duration timeout,
            Path modCache,
            Clock clock,
            Map<String, String> environment) {
        ProxySource.Timeouts limits = new ProxySource.Timeouts(timeout, timeout, timeout);
        HttpClient client = ProxySource.newClient(limits, environment);
        List<Health> out = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Health>> futures = new ArrayList<>();
            for (ProxySpec spec : specs) {
                futures.add(pool.submit(() -> probe(spec, path, client, limits, clock, environment)));
            }
            for (Future<Health> f : futures) {
                out.add(join(f));
            }
        }
        out.add(new Health("module cache " + modCache, State.LOCAL, Duration.ZERO, "used for every version it holds"));
        return out;
    }

    private static Health probe(
            ProxySpec spec,
            Optional<String> path,
            HttpClient client,
            ProxySource.Timeouts limits,
            Clock clock,
            Map<String, String> environment) {
        return switch (spec) {
            case ProxySpec.Off off ->
                new Health("off", State.OFF, Duration.ZERO, "module lookup disabled by GOPROXY=off");
            case ProxySpec.Direct d -> probeDirect(limits.connect(), clock, environment);
            case ProxySpec.NoProxy n ->
                new Health("noproxy", State.ROUTING, Duration.ZERO, "modules matching " + n.patterns() + " go direct");
            case ProxySpec.Url url ->
                path.isEmpty()
                        ? new Health(url.token(), State.UNPROBED, Duration.ZERO, "no public module to ask about")
                        : probeUrl(url, path.get(), client, limits, clock);
        };
    }

    /** {@code direct} runs the go command, which runs git: up when git answers {@code git --version}. */
    private static Health probeDirect(Duration timeout, Clock clock, Map<String, String> environment) {
        Instant start = clock.instant();
        try {
            ProcessRun run = ProcessRun.of(
                    List.of(ProcessRun.onPath("git", environment).toString(), "--version"), null, environment, timeout);
            String version = new String(run.out(), StandardCharsets.UTF_8).strip();
            return run.status() == 0
                    ? new Health("direct", State.UP, Duration.between(start, clock.instant()), "")
                    : new Health("direct", State.DOWN, Duration.ZERO, "git --version failed: " + run.err() + version);
        } catch (IOException e) {
            return new Health(
                    "direct", State.DOWN, Duration.ZERO, "git is needed for direct fetches: " + e.getMessage());
        }
    }

    private static Health probeUrl(
            ProxySpec.Url spec, String path, HttpClient client, ProxySource.Timeouts limits, Clock clock) {
        Instant start = clock.instant();
        String url = spec.token(); // shown: never with a password
        try {
            new ProxySource(spec.url(), client, limits, clock).list(path);
            return new Health(url, State.UP, Duration.between(start, clock.instant()), "");
        } catch (ModuleNotFoundException e) {
            return new Health(url, State.UP, Duration.between(start, clock.instant()), "");
        } catch (IOException | RuntimeException e) {
            String why = e.getMessage() == null ? e.toString() : e.getMessage();
            // A permanent answer (a 403, say) shows the proxy alive; anything else that failed is down.
            State state = e instanceof IOException && !FetchErrors.isTransient(e) ? State.UP : State.DOWN;
            return new Health(url, state, Duration.between(start, clock.instant()), why);
        }
    }

    private static Health join(Future<Health> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while probing sources", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }
}
