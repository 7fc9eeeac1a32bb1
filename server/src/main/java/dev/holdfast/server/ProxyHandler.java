package dev.holdfast.server;

import dev.holdfast.fetch.CachingSource;
import dev.holdfast.fetch.CachingSource.Answer;
import dev.holdfast.fetch.LocalFailureException;
import dev.holdfast.fetch.ModuleCacheSource;
import dev.holdfast.fetch.ModuleNotFoundException;
import dev.holdfast.fetch.ProxySource;
import dev.holdfast.fetch.RevInfo;
import dev.holdfast.fetch.UpstreamHttp;
import dev.holdfast.module.ModuleVersion;
import dev.holdfast.store.BoundedStore;
import dev.holdfast.store.CachePaths;
import dev.holdfast.store.DiskStore;
import dev.holdfast.store.StoreKey;
import dev.holdfast.store.StoredContent;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
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
    private final HotZips hotZips;
    private final StoreReadiness readiness;
    private final StatusPage status;
    private final Prefetcher prefetch;

    ProxyHandler(Backend backend, ServerConfig config, HttpClient client) {
        this.backend = backend;
        this.offline = config.offline();
        this.clock = config.clock();
        this.access = new Access(config.auth(), config.adminAuth());
        Optional<URI> sumdbProxy = backend.upstreams().firstHttpProxy();
        this.sumdb = new SumdbProxy(
                sumdbProxy,
                new UpstreamHttp(client, ProxySource.Timeouts.DEFAULT, clock, "checksum database proxy"),
                CachePaths.sumdbDir(backend.stateDir()),
                new SumdbAuthorities(sumdbProxy, client, backend.stateDir(), config.trustedSumdbs()),
                config.noSumdb());
        this.notFound = new NotFoundCache(clock);
        this.backoff = new StaleBackoff(clock);
        this.hotZips = new HotZips(config.memoryCache());
        this.metrics = new ServerMetrics(backend, degraded, hotZips);
        this.readiness = new StoreReadiness(backend.store(), backend.stateDir(), clock);
        this.prefetch = new Prefetcher(
                backend.source(), backend.upstreams().breakers(), clock, offline ? 0 : config.prefetch());
        this.status = new StatusPage(backend, offline, degraded, clock, prefetch, hotZips);
    }

    /** Returns the body bytes {@code reply} sends: none for a HEAD request. */
    private static long sent(Reply reply, boolean head) {
        return head ? 0 : reply.body().length();
    }

    /** Stops prefetching, waiting up to {@code grace} for the fetches in flight to end. */
    /** Returns why the server is not ready to store what it fetches ({@code /readyz}), or empty when it is. */
    java.util.Optional<String> notReady() {
        Reply reply = readiness.check();
        return reply.status() == 200
                ? java.util.Optional.empty()
                : java.util.Optional.of(reply.bodyText().strip());
    }

    void close(Duration grace) {
        prefetch.close(grace);
    }

    /** Parses {@code rawPath} and answers a GET of it; never throws. */
    Reply answer(String rawPath, RequestHeaders headers) {
        return answer(rawPath, headers, false);
    }

    /**
     * Parses {@code rawPath} and answers it, for a HEAD request when {@code head} (the same answer, whose
     * body the server leaves out: no body bytes are counted as served); never throws.
     */
    Reply answer(String rawPath, RequestHeaders headers, boolean head) {
        Optional<Reply> refused = access.refusal(rawPath, headers);
        if (refused.isPresent()) {
            metrics.response("unauthorized", refused.get().status(), sent(refused.get(), head));
            return refused.get();
        }
        ImmutableAnswers.Kept kept = immutable.get(rawPath);
        if (kept != null) {
            String kind = ServerMetrics.kind(kept.request());
            if (!offline && !headers.cacheOnly()) {
                metrics.cache(kind, true); // as recordCacheOutcome counts a stored file
            }
            metrics.response(kind, 200, sent(kept.reply(), head));
            return kept.reply();
        }
        ProxyRequest request;
        try {
            request = ProxyRequest.parse(rawPath);
        } catch (RuntimeException e) {
            Reply reply = ErrorStatus.of(e);
            metrics.response("invalid", reply.status(), sent(reply, head));
            return reply;
        }
        Reply reply = answer(request, headers);
        immutable.offer(rawPath, request, reply);
        metrics.response(ServerMetrics.kind(request), reply.status(), sent(reply, head));
        if (reply.status() >= 500 && reply.body() instanceof Reply.Bytes(byte[] text)) {
            backend.upstreams()
                    .meter()
                    .history()
                    .error(rawPath, reply.status(), new String(text, StandardCharsets.UTF_8));
        }
        return reply;
    }

    /** Answers {@code request}; never throws. */
    Reply answer(ProxyRequest request, RequestHeaders headers) {
        boolean cacheOnly = offline || headers.cacheOnly();
        try {
            return switch (request) {
                case ProxyRequest.Health h -> Reply.text(200, "ok");
                case ProxyRequest.Ready r -> readiness.check();
                case ProxyRequest.Status s -> status.reply(s.page() || headers.acceptsHtml());
                case ProxyRequest.Metrics m -> Reply.of(200, ServerMetrics.CONTENT_TYPE, metrics.scrape());
                case ProxyRequest.SumdbSupported s -> sumdb.supported(s.name(), cacheOnly);
                case ProxyRequest.SumdbFile f -> sumdb.file(f, cacheOnly);
                case ProxyRequest.ModuleFile file -> {
                    Optional<Reply> kept = keptZip(file, headers, cacheOnly);
                    if (kept.isPresent()) {
                        yield kept.get();
                    }
                    yield cacheOnly ? fromStore(file, headers) : throughCache(file, headers);
                }
            };
        } catch (IOException | RuntimeException e) {
            if (e instanceof LocalFailureException local) {
                readiness.failed(local);
            }
            return ErrorStatus.of(e);
        }
    }

    /**
     * Returns the answer for a zip kept in memory (a hit: a module version's zip never changes), else
     * empty: the request goes on to the store.
     */
    private Optional<Reply> keptZip(ProxyRequest.ModuleFile request, RequestHeaders headers, boolean cacheOnly) {
        if (!(request instanceof ProxyRequest.Zip zip)) {
            return Optional.empty();
        }
        Optional<Reply> reply = hotZips.get(zip.key()).flatMap(kept -> ZipReply.of(kept, headers));
        if (reply.isPresent() && !cacheOnly) {
            metrics.cache(ServerMetrics.kind(zip), true); // as recordCacheOutcome counts a stored zip
        }
        return reply;
    }

    /** Returns the answers served stale, for the status page. */
    DegradedAnswers degraded() {
        return degraded;
    }

    private Reply throughCache(ProxyRequest.ModuleFile request, RequestHeaders headers) throws IOException {
        Optional<String> missing = notFound.get(request);
        if (missing.isPresent()) {
            return Reply.text(404, missing.get());
        }
        try {
            boolean miss = recordCacheOutcome(request);
            return fetch(request, headers, miss);
        } catch (ModuleNotFoundException e) {
            notFound.put(request, e.getMessage());
            throw e;
        }
    }

    /** Answers {@code request} through the cache; {@code miss} says the cache did not hold it. */
    private Reply fetch(ProxyRequest.ModuleFile request, RequestHeaders headers, boolean miss) throws IOException {
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
                if (!info.version().equals(i.mv().version())) {
                    yield reply.withHeader("Cache-Control", SHORT_LIVED);
                }
                prefetch.servedInfo(i.mv(), miss);
                yield reply.withHeader("Cache-Control", ZipReply.IMMUTABLE);
            }
            case ProxyRequest.Mod m -> {
                byte[] mod = source.mod(m.mv());
                prefetch.servedMod(m.mv(), mod, miss);
                yield Reply.of(200, Reply.TEXT, mod).withHeader("Cache-Control", ZipReply.IMMUTABLE);
            }
            case ProxyRequest.Zip z -> ZipReply.of(z.key(), source.zipContent(z.mv()), headers, hotZips);
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

    /**
     * Counts an immutable file as a hit when the store holds it already, else a miss; reports whether it
     * was a miss (never for a list, {@code @latest} or query).
     */
    private boolean recordCacheOutcome(ProxyRequest.ModuleFile request) throws IOException {
        if (request.mv() != null && StoreKey.isCanonical(request.mv().version())) {
            boolean held = backend.source().holds(request.key());
            metrics.cache(ServerMetrics.kind(request), held);
            return !held;
        }
        return false;
    }

    /** Adds the degraded mark to a stale answer and records it; clears the record for a fresh one. */
    private Reply marked(String key, Answer<?> answer, Reply reply) {
        if (answer instanceof Answer.Stale<?> stale) {
            Instant since = stale.fetched();
            degraded.stale(key, since, String.valueOf(stale.failure().getMessage()), clock.instant());
            return reply.withHeader(DEGRADED, "stale; since=" + (since == null ? "unknown" : rfc3339(since)))
                    .withHeader("Cache-Control", "no-cache");
        }
        degraded.fresh(key);
        return reply.withHeader("Cache-Control", SHORT_LIVED);
    }

    /** Answers a module request from the store alone. */
    private Reply fromStore(ProxyRequest.ModuleFile request, RequestHeaders headers) throws IOException {
        ModuleVersion mv = request.mv();
        if (mv != null && !StoreKey.isCanonical(mv.version())) {
            return Reply.text(404, mv.path() + "@" + mv.version() + ": cache-only: a query needs an upstream");
        }
        String key = request.key();
        Optional<StoredContent> stored = backend.source().stored(key);
        Optional<DiskStore> disk =
                switch (backend.store()) {
                    case DiskStore d -> Optional.of(d);
                    case BoundedStore b -> Optional.of(b.disk());
                    default -> Optional.empty();
                };
        if (stored.isEmpty() && request instanceof ProxyRequest.Latest latest && disk.isPresent()) {
            // An imported cache has no @latest answer of its own: the latest of what it holds.
            RevInfo info = new ModuleCacheSource(disk.get().root()).latest(latest.path());
            return Reply.of(200, Reply.JSON, InfoJson.format(info)).withHeader("Cache-Control", "no-cache");
        }
        if (stored.isEmpty()) {
            return Reply.text(404, key + ": not in the cache (cache-only)");
        }
        if (request instanceof ProxyRequest.Zip) {
            return ZipReply.of(key, stored.get(), headers, hotZips);
        }
        byte[] data;
        try (StoredContent content = stored.get()) {
            data = content.readAll();
        }
        String type = request instanceof ProxyRequest.Info || request instanceof ProxyRequest.Latest
                ? Reply.JSON
                : Reply.TEXT;
        return Reply.of(200, type, data).withHeader("Cache-Control", mv != null ? ZipReply.IMMUTABLE : "no-cache");
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
