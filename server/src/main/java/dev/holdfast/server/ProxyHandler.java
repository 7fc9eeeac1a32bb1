package dev.holdfast.server;

import dev.holdfast.fetch.CachingSource;
import dev.holdfast.fetch.CachingSource.Answer;
import dev.holdfast.fetch.LocalFailureException;
import dev.holdfast.fetch.ModuleNotFoundException;
import dev.holdfast.fetch.ProxySource;
import dev.holdfast.fetch.RevInfo;
import dev.holdfast.fetch.UpstreamHttp;
import dev.holdfast.module.ModuleVersion;
import dev.holdfast.store.StoreKey;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/**
 * The one handler: answers a parsed {@link ProxyRequest} from the store and the caching source, and
 * every failure through {@link ErrorStatus}. Independent of the web server, so it is tested without a
 * socket. Thread-safe; calls block (the server runs each on a virtual thread).
 *
 * <p>Answers that were served stale because every upstream failed carry {@value #DEGRADED} {@code :
 * stale; since=<RFC 3339 time the answer was fetched>} and show on {@code /status} until a fresh answer
 * is served; once served stale, an answer is served again without asking the upstreams for {@link
 * StaleBackoff#RETRY_AFTER}. In cache-only mode (the server's {@code --offline}, or a request's {@value
 * RequestHeaders#CACHE_ONLY}{@code : 1}) only the store answers, and what it lacks is a 404.
 *
 * <p>When the configuration asks for authentication, every request but {@code /healthz} and {@code
 * /readyz} must pass {@link ServerAuth}, or is answered 401 before its path is even parsed.
 */
final class ProxyHandler {
    /** The response header that marks an answer served stale because every upstream failed. */
    static final String DEGRADED = "X-Holdfast-Degraded";

    /** How long clients may keep {@code list} and {@code @latest} answers. */
    static final String SHORT_LIVED = "public, max-age=60";

    private final Backend backend;
    private final boolean offline;
    private final Clock clock;
    private final Access access;
    private final SumdbProxy sumdb;
    private final NotFoundCache notFound;
    private final StaleBackoff backoff;
    private final DegradedAnswers degraded = new DegradedAnswers();
    private final ServerMetrics metrics;
    private final ImmutableAnswers immutable = new ImmutableAnswers();
    private final StoreReadiness readiness;

    ProxyHandler(Backend backend, ServerConfig config, HttpClient client) {
        this.backend = backend;
        this.offline = config.offline();
        this.clock = config.clock();
        this.access = new Access(config.auth(), config.adminAuth());
        this.sumdb = new SumdbProxy(
                backend.firstHttpProxy(),
                new UpstreamHttp(client, ProxySource.Timeouts.DEFAULT, clock, "checksum database proxy"),
                backend.store().root().resolve("cache/download/sumdb"),
                new SumdbAuthorities(
                        backend.firstHttpProxy(), client, backend.store().root(), config.trustedSumdbs()));
        this.notFound = new NotFoundCache(clock);
        this.backoff = new StaleBackoff(clock);
        this.metrics = new ServerMetrics(backend, degraded);
        this.readiness = new StoreReadiness(backend.store(), clock);
    }

    /** Parses {@code rawPath} and answers it; never throws. */
    Reply answer(String rawPath, RequestHeaders headers) {
        Optional<Reply> refused = access.refusal(rawPath, headers);
        if (refused.isPresent()) {
            metrics.response(
                    "unauthorized", refused.get().status(), refused.get().body().length());
            return refused.get();
        }
        ImmutableAnswers.Kept kept = immutable.get(rawPath);
        if (kept != null) {
            String kind = ServerMetrics.kind(kept.request());
            if (!offline && !headers.cacheOnly()) {
                metrics.cache(kind, true); // as recordCacheOutcome counts a stored file
            }
            metrics.response(kind, 200, kept.reply().body().length());
            return kept.reply();
        }
        ProxyRequest request;
        try {
            request = ProxyRequest.parse(rawPath);
        } catch (RuntimeException e) {
            Reply reply = ErrorStatus.of(e);
            metrics.response("invalid", reply.status(), reply.body().length());
            return reply;
        }
        Reply reply = answer(request, headers);
        immutable.offer(rawPath, request, reply);
        metrics.response(
                ServerMetrics.kind(request), reply.status(), reply.body().length());
        return reply;
    }

    /** Answers {@code request}; never throws. */
    Reply answer(ProxyRequest request, RequestHeaders headers) {
        boolean cacheOnly = offline || headers.cacheOnly();
        try {
            return switch (request) {
                case ProxyRequest.Health h -> Reply.text(200, "ok");
                case ProxyRequest.Ready r -> readiness.check();
                case ProxyRequest.Status s ->
                    Reply.of(200, Reply.JSON, StatusPage.format(backend, offline, degraded))
                            .withHeader("Cache-Control", "no-store");
                case ProxyRequest.Metrics m -> Reply.of(200, ServerMetrics.CONTENT_TYPE, metrics.scrape());
                case ProxyRequest.SumdbSupported s -> sumdb.supported(s.name(), cacheOnly);
                case ProxyRequest.SumdbFile f -> sumdb.file(f, cacheOnly);
                default -> cacheOnly ? fromStore(request, headers) : throughCache(request, headers);
            };
        } catch (IOException | RuntimeException e) {
            if (e instanceof LocalFailureException local) {
                readiness.failed(local);
            }
            return ErrorStatus.of(e);
        }
    }

    /** Returns the answers served stale, for the status page. */
    DegradedAnswers degraded() {
        return degraded;
    }

    private Reply throughCache(ProxyRequest request, RequestHeaders headers) throws IOException {
        Optional<String> missing = notFound.get(request);
        if (missing.isPresent()) {
            return Reply.text(404, missing.get());
        }
        try {
            recordCacheOutcome(request);
            return fetch(request, headers);
        } catch (ModuleNotFoundException e) {
            notFound.put(request, e.getMessage());
            throw e;
        }
    }

    private Reply fetch(ProxyRequest request, RequestHeaders headers) throws IOException {
        CachingSource source = backend.source();
        return switch (request) {
            case ProxyRequest.List l -> {
                String key = StoreKey.list(l.path());
                Answer<List<String>> answer = backingOff(key, () -> source.listAnswer(l.path()));
                yield marked(key, answer, Reply.of(200, Reply.TEXT, lines(answer.value())));
            }
            case ProxyRequest.Latest l -> {
                String key = StoreKey.latest(l.path());
                Answer<RevInfo> answer = backingOff(key, () -> source.latestAnswer(l.path()));
                yield marked(key, answer, Reply.of(200, Reply.JSON, InfoJson.format(answer.value())));
            }
            case ProxyRequest.Info i -> {
                RevInfo info = source.info(i.mv());
                Reply reply = Reply.of(200, Reply.JSON, InfoJson.format(info));
                yield info.version().equals(i.mv().version())
                        ? reply.withHeader("Cache-Control", ZipReply.IMMUTABLE)
                        : reply.withHeader("Cache-Control", SHORT_LIVED);
            }
            case ProxyRequest.Mod m ->
                Reply.of(200, Reply.TEXT, source.mod(m.mv())).withHeader("Cache-Control", ZipReply.IMMUTABLE);
            case ProxyRequest.Zip z -> {
                source.fetchZip(z.mv());
                yield ZipReply.of(backend.store().file(StoreKey.zip(z.mv())), headers);
            }
            default -> throw new IllegalStateException("not a module request: " + request);
        };
    }

    /** Returns the stale answer for {@code key} served within the back-off, else asks {@code ask}. */
    private <T> Answer<T> backingOff(String key, AnswerCall<T> ask) throws IOException {
        Answer<T> held = backoff.get(key);
        if (held != null) {
            return held;
        }
        Answer<T> answer = ask.run();
        backoff.record(key, answer);
        return answer;
    }

    @FunctionalInterface
    private interface AnswerCall<T> {
        Answer<T> run() throws IOException;
    }

    /** Counts an immutable file as a hit when the store holds it already, else a miss. */
    private void recordCacheOutcome(ProxyRequest request) throws IOException {
        String key =
                switch (request) {
                    case ProxyRequest.Info i when StoreKey.isCanonical(i.mv().version()) -> StoreKey.info(i.mv());
                    case ProxyRequest.Mod m -> StoreKey.mod(m.mv());
                    case ProxyRequest.Zip z -> StoreKey.zip(z.mv());
                    default -> null;
                };
        if (key != null) {
            metrics.cache(ServerMetrics.kind(request), backend.store().size(key).isPresent());
        }
    }

    /** Adds the degraded mark to a stale answer and records it; clears the record for a fresh one. */
    private Reply marked(String key, Answer<?> answer, Reply reply) {
        if (answer instanceof Answer.Stale<?> stale) {
            Instant since = stale.fetched() != null ? stale.fetched() : storedTime(key);
            degraded.stale(key, since, String.valueOf(stale.failure().getMessage()), clock.instant());
            return reply.withHeader(DEGRADED, "stale; since=" + (since == null ? "unknown" : rfc3339(since)))
                    .withHeader("Cache-Control", "no-cache");
        }
        degraded.fresh(key);
        return reply.withHeader("Cache-Control", SHORT_LIVED);
    }

    /** Answers a module request from the store alone. */
    private Reply fromStore(ProxyRequest request, RequestHeaders headers) throws IOException {
        ModuleVersion mv =
                switch (request) {
                    case ProxyRequest.Info i -> i.mv();
                    case ProxyRequest.Mod m -> m.mv();
                    case ProxyRequest.Zip z -> z.mv();
                    default -> null;
                };
        if (mv != null && !StoreKey.isCanonical(mv.version())) {
            return Reply.text(404, mv.path() + "@" + mv.version() + ": cache-only: a query needs an upstream");
        }
        String key =
                switch (request) {
                    case ProxyRequest.List l -> StoreKey.list(l.path());
                    case ProxyRequest.Latest l -> StoreKey.latest(l.path());
                    case ProxyRequest.Info i -> StoreKey.info(mv);
                    case ProxyRequest.Mod m -> StoreKey.mod(mv);
                    case ProxyRequest.Zip z -> StoreKey.zip(mv);
                    default -> throw new IllegalStateException("not a module request: " + request);
                };
        if (request instanceof ProxyRequest.Zip && backend.store().size(key).isPresent()) {
            return ZipReply.of(backend.store().file(key), headers);
        }
        Optional<InputStream> in = backend.store().open(key);
        if (in.isEmpty()) {
            return Reply.text(404, key + ": not in the cache (cache-only)");
        }
        byte[] data;
        try (InputStream stream = in.get()) {
            data = stream.readAllBytes();
        }
        String type = request instanceof ProxyRequest.Info || request instanceof ProxyRequest.Latest
                ? Reply.JSON
                : Reply.TEXT;
        return Reply.of(200, type, data).withHeader("Cache-Control", mv != null ? ZipReply.IMMUTABLE : "no-cache");
    }

    private Instant storedTime(String key) {
        try {
            return Files.getLastModifiedTime(backend.store().file(key)).toInstant();
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static String rfc3339(Instant t) {
        return t.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    private static byte[] lines(List<String> versions) {
        StringBuilder b = new StringBuilder();
        for (String v : versions) {
            b.append(v).append('\n');
        }
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }
}
