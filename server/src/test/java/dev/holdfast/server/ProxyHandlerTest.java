package dev.holdfast.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.holdfast.fetch.BreakerPolicy;
import dev.holdfast.fetch.CachingSource;
import dev.holdfast.fetch.ProxySpec;
import dev.holdfast.fetch.UpstreamBreakers;
import dev.holdfast.fetch.Verifier;
import dev.holdfast.module.ModuleVersion;
import dev.holdfast.store.DiskStore;
import dev.holdfast.store.MemoryStore;
import dev.holdfast.store.Store;
import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The handler without a socket: a stub upstream, a real disk store, a clock that moves when told. */
class ProxyHandlerTest {
    private static final ModuleVersion M1 = new ModuleVersion("example.com/m", "v1.0.0");
    private static final Instant T1 = Instant.parse("2024-01-02T03:04:05Z");

    @TempDir
    Path dir;

    private final StubSource upstream = new StubSource();
    private final MovableClock clock = new MovableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private DiskStore store;
    private byte[] zip;

    @BeforeEach
    void setUp() throws IOException {
        zip = upstream.add(M1, T1);
        store = DiskStore.of(dir.resolve("cache")).withExtraction(false);
    }

    private ProxyHandler handler(boolean offline) {
        return handler(new ServerConfig("127.0.0.1", 0, offline, Duration.ofSeconds(1), clock));
    }

    private ProxyHandler handler(ServerConfig config) {
        return handler(store, store.root(), upstream, config, false);
    }

    /**
     * Returns a handler, as one server instance builds it, over {@code store} and {@code upstream}
     * (breakers and meters of its own, no retries), with the clock of {@code config}; {@code shared}: the
     * store is shared with other instances, as a bucket is.
     */
    static ProxyHandler handler(Store store, Path stateDir, StubSource upstream, ServerConfig config, boolean shared) {
        Clock clock = config.clock();
        UpstreamBreakers breakers = new UpstreamBreakers(BreakerPolicy.defaults(), clock);
        UpstreamMeter meter = new UpstreamMeter(clock);
        CachingSource source = new CachingSource(store, breakers.guard(meter.meter(upstream)), Verifier.NONE, clock);
        Backend backend = new Backend(
                shared ? source.withSharedAnswers() : source,
                store,
                stateDir,
                new Upstreams(List.of(new ProxySpec.Url("http://127.0.0.1:9", false)), breakers, meter));
        return new ProxyHandler(backend, config, HttpClient.newHttpClient());
    }

    /** Returns the bytes {@code reply} sends, as the server sends them. */
    static byte[] body(Reply reply) throws IOException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        FileBody.send(reply.body(), out);
        return out.toByteArray();
    }

    @Test
    void answer_moduleFiles() throws IOException {
        ProxyHandler h = handler(false);
        Reply list = h.answer("/example.com/m/@v/list", RequestHeaders.NONE);
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.bodyText()).isEqualTo("v1.0.0\n");
        assertThat(list.headers()).containsEntry("Content-Type", "text/plain; charset=utf-8");
        assertThat(list.headers()).containsEntry("Cache-Control", ProxyHandler.SHORT_LIVED);

        Reply info = h.answer("/example.com/m/@v/v1.0.0.info", RequestHeaders.NONE);
        assertThat(info.bodyText()).isEqualTo("{\"Version\":\"v1.0.0\",\"Time\":\"2024-01-02T03:04:05Z\"}");
        assertThat(info.headers()).containsEntry("Content-Type", "application/json");
        assertThat(info.headers()).containsEntry("Cache-Control", ZipReply.IMMUTABLE);

        Reply mod = h.answer("/example.com/m/@v/v1.0.0.mod", RequestHeaders.NONE);
        assertThat(mod.bodyText()).isEqualTo("module example.com/m\n");

        Reply z = h.answer("/example.com/m/@v/v1.0.0.zip", RequestHeaders.NONE);
        assertThat(z.status()).isEqualTo(200);
        assertThat(z.body()).isInstanceOf(Reply.Chunks.class); // a small zip is kept in memory (HotZips)
        assertThat(body(z)).isEqualTo(zip);
        assertThat(z.headers().get("ETag")).startsWith("\"h1:");

        Reply latest = h.answer("/example.com/m/@latest", RequestHeaders.NONE);
        assertThat(latest.bodyText()).contains("\"Version\":\"v1.0.0\"");
    }

    @Test
    void answer_zipRangesAndConditional() throws IOException {
        ProxyHandler h = handler(false);
        String etag = h.answer("/example.com/m/@v/v1.0.0.zip", RequestHeaders.NONE)
                .headers()
                .get("ETag");

        Reply part = h.answer("/example.com/m/@v/v1.0.0.zip", RequestHeaders.of("Range", "bytes=10-19"));
        assertThat(part.status()).isEqualTo(206);
        assertThat(part.headers()).containsEntry("Content-Range", "bytes 10-19/" + zip.length);
        assertThat(body(part)).isEqualTo(Arrays.copyOfRange(zip, 10, 20));

        Reply suffix = h.answer("/example.com/m/@v/v1.0.0.zip", RequestHeaders.of("Range", "bytes=-5"));
        assertThat(body(suffix)).isEqualTo(Arrays.copyOfRange(zip, zip.length - 5, zip.length));

        Reply past = h.answer("/example.com/m/@v/v1.0.0.zip", RequestHeaders.of("Range", "bytes=999999-"));
        assertThat(past.status()).isEqualTo(416);
        assertThat(past.headers()).containsEntry("Content-Range", "bytes */" + zip.length);

        Reply same = h.answer("/example.com/m/@v/v1.0.0.zip", RequestHeaders.of("If-None-Match", etag));
        assertThat(same.status()).isEqualTo(304);
        assertThat(same.body().length()).isZero();
    }

    @Test
    void answer_aZipKeptInMemory_isAnsweredWithoutTheStore_butARangeAsksTheStore() throws IOException {
        ProxyHandler h = handler(false);
        Reply first = h.answer("/example.com/m/@v/v1.0.0.zip", RequestHeaders.NONE);
        String etag = first.headers().get("ETag");
        assertThat(body(first)).isEqualTo(zip);
        try (var files = Files.walk(store.root())) { // the store loses the zip: only memory can answer now
            for (Path f : files.filter(f -> f.toString().endsWith(".zip")).toList()) {
                Files.delete(f);
            }
        }

        Reply again = h.answer("/example.com/m/@v/v1.0.0.zip", RequestHeaders.NONE);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.headers()).containsEntry("ETag", etag).containsEntry("Cache-Control", ZipReply.IMMUTABLE);
        assertThat(body(again)).isEqualTo(zip);
        assertThat(h.answer("/example.com/m/@v/v1.0.0.zip", RequestHeaders.of("If-None-Match", etag))
                        .status())
                .isEqualTo(304);
        assertThat(upstream.requests.get()).as("nothing fetched again").isEqualTo(1);

        assertBytes10To19(h);
        assertThat(upstream.requests.get())
                .as("the range asked the store, which fetched it again")
                .isEqualTo(2);
    }

    @Test
    void statusWithAcceptHtml_throughTheDispatch_isThePage() {
        ProxyHandler h = handler(false);
        RequestDispatch.Outcome browser = RequestDispatch.answer(
                h,
                "GET",
                "/status",
                name -> name.equals("Accept") ? List.of("text/html,application/xhtml+xml,*/*;q=0.8") : List.of(),
                false,
                true);
        assertThat(browser.reply().headers()).containsEntry("Content-Type", StatusHtml.CONTENT_TYPE);
        RequestDispatch.Outcome machine = RequestDispatch.answer(h, "GET", "/status", name -> List.of(), false, true);
        assertThat(machine.reply().headers()).containsEntry("Content-Type", Reply.JSON);
    }

    @Test
    void answer_zipFromAStoreThatStreams() throws IOException {
        // A store without local files (as an S3 store will be) hands out streams; ranges still work.
        MemoryStore streaming = new MemoryStore();
        UpstreamBreakers breakers = new UpstreamBreakers(BreakerPolicy.defaults(), clock);
        CachingSource source = new CachingSource(streaming, breakers.guard(upstream), Verifier.NONE, clock);
        ProxyHandler h = new ProxyHandler(
                new Backend(source, streaming, dir, new Upstreams(List.of(), breakers)),
                new ServerConfig("127.0.0.1", 0, false, Duration.ofSeconds(1), clock).withMemoryCache(0),
                HttpClient.newHttpClient());

        Reply whole = h.answer("/example.com/m/@v/v1.0.0.zip", RequestHeaders.NONE);
        assertThat(whole.body()).isInstanceOf(Reply.Stream.class);
        assertThat(body(whole)).isEqualTo(zip);

        assertBytes10To19(h);
        assertThat(upstream.requests.get())
                .as("downloaded once, then streamed from the store")
                .isEqualTo(1);
    }

    /** Asks {@code h} for bytes 10 to 19 of the zip and checks that exactly they come back. */
    private void assertBytes10To19(ProxyHandler h) throws IOException {
        Reply part = h.answer("/example.com/m/@v/v1.0.0.zip", RequestHeaders.of("Range", "bytes=10-19"));
        assertThat(part.status()).isEqualTo(206);
        assertThat(body(part)).isEqualTo(Arrays.copyOfRange(zip, 10, 20));
    }

    @Test
    void answer_notFoundIs404WithReasonAndCachedBriefly() {
        ProxyHandler h = handler(false);
        Reply missing = h.answer("/example.com/m/@v/v9.9.9.info", RequestHeaders.NONE);
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.bodyText()).contains("unknown revision v9.9.9");
        int asked = upstream.requests.get();

        assertThat(h.answer("/example.com/m/@v/v9.9.9.info", RequestHeaders.NONE)
                        .status())
                .isEqualTo(404);
        assertThat(upstream.requests.get()).isEqualTo(asked);

        clock.advance(NotFoundCache.TTL.plusSeconds(1));
        h.answer("/example.com/m/@v/v9.9.9.info", RequestHeaders.NONE);
        assertThat(upstream.requests.get()).isEqualTo(asked + 1);
    }

    @Test
    void answer_staleListMarkedDegradedAndOnStatus() {
        ProxyHandler h = handler(false);
        assertThat(h.answer("/example.com/m/@v/list", RequestHeaders.NONE).headers())
                .doesNotContainKey(ProxyHandler.DEGRADED);
        upstream.down = true;
        clock.advance(Duration.ofSeconds(CachingSource.DEFAULT_TTL_SECONDS + 1));

        Reply stale = h.answer("/example.com/m/@v/list", RequestHeaders.NONE);
        assertThat(stale.status()).isEqualTo(200);
        assertThat(stale.bodyText()).isEqualTo("v1.0.0\n");
        assertThat(stale.headers()).containsEntry(ProxyHandler.DEGRADED, "stale; since=2026-01-01T00:00:00Z");
        String status = h.answer("/status", RequestHeaders.NONE).bodyText();
        assertThat(status).contains("example.com/m/@v/list").contains("connection refused");

        upstream.down = false;
        clock.advance(Duration.ofSeconds(CachingSource.DEFAULT_TTL_SECONDS + 1));
        assertThat(h.answer("/example.com/m/@v/list", RequestHeaders.NONE).headers())
                .doesNotContainKey(ProxyHandler.DEGRADED);
        assertThat(h.answer("/status", RequestHeaders.NONE).bodyText()).doesNotContain("example.com/m/@v/list");
    }

    @Test
    void prefetch_aGoModMissFetchesTheInfoAhead_andThatInfoTheZip_soTheirRequestsAreHits() throws Exception {
        ProxyHandler h = handler(new ServerConfig("127.0.0.1", 0, false, Duration.ofSeconds(1), clock).withPrefetch(2));
        try {
            assertThat(h.answer("/example.com/m/@v/v1.0.0.mod", RequestHeaders.NONE)
                            .status())
                    .isEqualTo(200);
            awaitStored(dev.holdfast.store.StoreKey.info(M1));
            int before = upstream.requests.get();
            assertThat(h.answer("/example.com/m/@v/v1.0.0.info", RequestHeaders.NONE)
                            .status())
                    .isEqualTo(200);
            awaitStored(dev.holdfast.store.StoreKey.zip(M1));
            assertThat(body(h.answer("/example.com/m/@v/v1.0.0.zip", RequestHeaders.NONE)))
                    .isEqualTo(zip);
            assertThat(upstream.requests.get()).isEqualTo(before + 1); // the zip, fetched ahead

            JsonNode prefetch = StatusPageTest.json(h.answer("/status", RequestHeaders.NONE))
                    .path("prefetch");
            assertThat(prefetch.path("concurrency").asInt()).isEqualTo(2);
            assertThat(prefetch.path("fetched").asLong()).isEqualTo(2);
            assertThat(h.answer("/", RequestHeaders.NONE).bodyText()).contains("2 fetched ahead");
        } finally {
            h.close(Duration.ofSeconds(5));
        }
    }

    /** Waits up to 20 s for the store to hold {@code key}. */
    private void awaitStored(String key) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (store.size(key).isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
    }

    @Test
    void prefetch_isOff_offlineAndByDefault() throws Exception {
        assertThat(StatusPageTest.json(handler(true).answer("/status", RequestHeaders.NONE))
                        .path("prefetch")
                        .path("concurrency")
                        .asInt())
                .isZero();
        ProxyHandler h = handler(false);
        h.answer("/example.com/m/@v/v1.0.0.mod", RequestHeaders.NONE);
        assertThat(upstream.log).containsExactly("mod " + M1);
        assertThat(h.answer("/", RequestHeaders.NONE).bodyText())
                .contains("<h2>Prefetch</h2><p data-k=\"prefetch\">Off.");
    }

    @Test
    void status_pageAndJsonShowTheSameCountsAndTheOutage() throws Exception {
        ProxyHandler h = handler(false);
        h.answer("/example.com/m/@v/v1.0.0.zip", RequestHeaders.NONE); // a miss
        h.answer("/example.com/m/@v/v1.0.0.mod", RequestHeaders.NONE); // a miss
        h.answer("/example.com/m/@v/v1.0.0.mod", RequestHeaders.NONE); // a hit
        upstream.down = true;
        for (int i = 0; i < 5; i++) {
            assertThat(h.answer("/example.com/other/@v/v1.0.0.zip", RequestHeaders.NONE)
                            .status())
                    .isEqualTo(502);
        }

        Reply json = h.answer("/status", RequestHeaders.NONE);
        Reply page = h.answer("/", RequestHeaders.NONE);
        Reply asked = h.answer("/status", RequestHeaders.of("Accept", "text/html,application/xhtml+xml"));

        JsonNode status = StatusPageTest.json(json);
        assertThat(json.headers()).containsEntry("Content-Type", Reply.JSON);
        assertThat(status.path("requests").path("total").path("hits").asLong()).isEqualTo(1);
        assertThat(status.path("requests").path("total").path("misses").asLong())
                .isEqualTo(7);
        assertThat(status.path("cache").path("zips").asLong()).isEqualTo(1);
        assertThat(status.path("upstreams").get(0).path("breaker").asText()).isEqualTo("OPEN");
        assertThat(status.path("recentErrors")).hasSize(5);
        assertThat(status.path("recentErrors").get(0).path("request").asText())
                .isEqualTo("/example.com/other/@v/v1.0.0.zip");
        for (Reply html : List.of(page, asked)) {
            assertThat(html.headers())
                    .containsEntry("Content-Type", StatusHtml.CONTENT_TYPE)
                    .containsEntry("Content-Security-Policy", StatusHtml.CONTENT_SECURITY_POLICY);
            assertThat(html.bodyText())
                    .contains("<tr data-row=\"total\"><th scope=\"row\">since start, all kinds</th>"
                            + "<td class=\"num\" data-k=\"hits\">1</td><td class=\"num\" data-k=\"misses\">7</td>")
                    .contains("data-k=\"health\">✗ down</td>")
                    .contains("/example.com/other/@v/v1.0.0.zip");
        }
    }

    @Test
    void answer_staleAnswerServedWithoutAskingUntilTheBackOffEnds() {
        ProxyHandler h = handler(false);
        h.answer("/example.com/m/@v/list", RequestHeaders.NONE);
        upstream.down = true;
        clock.advance(Duration.ofSeconds(CachingSource.DEFAULT_TTL_SECONDS + 1));
        int before = upstream.requests.get();

        Reply first = h.answer("/example.com/m/@v/list", RequestHeaders.NONE);
        assertThat(first.headers()).containsKey(ProxyHandler.DEGRADED);
        assertThat(upstream.requests.get()).isEqualTo(before + 1);
        for (int i = 0; i < 5; i++) {
            clock.advance(StaleBackoff.RETRY_AFTER.dividedBy(6));
            Reply again = h.answer("/example.com/m/@v/list", RequestHeaders.NONE);
            assertThat(again.bodyText()).isEqualTo("v1.0.0\n");
            assertThat(again.headers()).containsEntry(ProxyHandler.DEGRADED, "stale; since=2026-01-01T00:00:00Z");
        }
        assertThat(upstream.requests.get())
                .as("no upstream request within the back-off")
                .isEqualTo(before + 1);

        upstream.down = false;
        clock.advance(StaleBackoff.RETRY_AFTER.dividedBy(6).plusSeconds(1));
        Reply fresh = h.answer("/example.com/m/@v/list", RequestHeaders.NONE);
        assertThat(upstream.requests.get()).isEqualTo(before + 2);
        assertThat(fresh.headers()).doesNotContainKey(ProxyHandler.DEGRADED);
        assertThat(h.answer("/example.com/m/@v/list", RequestHeaders.NONE).headers())
                .doesNotContainKey(ProxyHandler.DEGRADED);
    }

    @Test
    void answer_authenticationRequiredExceptForProbes() throws IOException {
        Path tokens = Files.writeString(dir.resolve("tokens"), "0123456789abcdef-token\n");
        ServerAuth auth = ServerAuth.load(null, tokens);
        ProxyHandler h = handler(new ServerConfig("127.0.0.1", 0, false, Duration.ofSeconds(1), clock).withAuth(auth));
        RequestHeaders good = RequestHeaders.of("Authorization", "Bearer 0123456789abcdef-token");
        RequestHeaders bad = RequestHeaders.of("Authorization", "Bearer 0123456789abcdef-tokeN");
        for (String url : List.of(
                "/example.com/m/@v/list",
                "/example.com/m/@v/v1.0.0.zip",
                "/status",
                "/metrics",
                "/x/../../etc/passwd",
                "/sumdb/sum.example.com/supported")) {
            for (RequestHeaders headers : List.of(RequestHeaders.NONE, bad)) {
                Reply reply = h.answer(url, headers);
                assertThat(reply.status()).as(url).isEqualTo(401);
                assertThat(reply.headers()).containsEntry("WWW-Authenticate", "Bearer realm=\"holdfast\"");
                assertThat(reply.bodyText()).isEqualTo("authentication required\n");
            }
        }
        assertThat(upstream.requests.get()).isZero();
        assertThat(h.answer("/healthz", RequestHeaders.NONE).status()).isEqualTo(200);
        assertThat(h.answer("/readyz", RequestHeaders.NONE).status()).isEqualTo(200);
        assertThat(body(h.answer("/example.com/m/@v/v1.0.0.zip", good))).isEqualTo(zip);
        assertThat(h.answer("/metrics", good).bodyText())
                .contains("holdfast_responses_total{kind=\"unauthorized\",status=\"4xx\"} 12.0");
    }

    @Test
    void answer_metricsTimeUpstreamCallsAndCountTheirErrors() {
        ProxyHandler h = handler(false);
        h.answer("/example.com/m/@v/v1.0.0.mod", RequestHeaders.NONE);
        h.answer("/example.com/m/@v/v1.0.0.zip", RequestHeaders.NONE);
        h.answer("/example.com/m/@v/v1.0.0.zip", RequestHeaders.NONE);
        h.answer("/example.com/m/@v/v9.0.0.info", RequestHeaders.NONE);
        upstream.down = true;
        h.answer("/example.com/other/@v/list", RequestHeaders.NONE);
        h.answer("/example.com/other/@latest", RequestHeaders.NONE);

        String scrape = h.answer("/metrics", RequestHeaders.NONE).bodyText();
        assertThat(scrape)
                .contains("# TYPE holdfast_upstream_request_seconds histogram")
                .contains("holdfast_upstream_request_seconds_count{kind=\"mod\",outcome=\"ok\",upstream=\"stub\"} 1")
                .contains("holdfast_upstream_request_seconds_count{kind=\"zip\",outcome=\"ok\",upstream=\"stub\"} 1")
                .contains(
                        "holdfast_upstream_request_seconds_count{kind=\"info\",outcome=\"not_found\",upstream=\"stub\"} 1")
                .contains(
                        "holdfast_upstream_request_seconds_count{kind=\"list\",outcome=\"error\",upstream=\"stub\"} 1")
                .contains(
                        "holdfast_upstream_request_seconds_bucket{kind=\"mod\",outcome=\"ok\",upstream=\"stub\",le=\"60.0\"} 1")
                .contains("holdfast_upstream_errors_total{kind=\"list\",transient=\"true\",upstream=\"stub\"} 1.0")
                .contains("holdfast_upstream_errors_total{kind=\"latest\",transient=\"true\",upstream=\"stub\"} 1.0")
                .doesNotContain("holdfast_upstream_errors_total{kind=\"info\"");
    }

    @Test
    void answer_cacheOnlyNeverAsksUpstream() throws IOException {
        ProxyHandler h = handler(false);
        RequestHeaders cacheOnly = RequestHeaders.of(RequestHeaders.CACHE_ONLY, "1");
        assertThat(h.answer("/example.com/m/@v/v1.0.0.zip", cacheOnly).status()).isEqualTo(404);
        assertThat(upstream.requests.get()).isZero();

        h.answer("/example.com/m/@v/v1.0.0.zip", RequestHeaders.NONE);
        h.answer("/example.com/m/@v/v1.0.0.mod", RequestHeaders.NONE);
        int asked = upstream.requests.get();
        ProxyHandler offline = handler(true);
        assertThat(body(offline.answer("/example.com/m/@v/v1.0.0.zip", RequestHeaders.NONE)))
                .isEqualTo(zip);
        assertThat(offline.answer("/example.com/m/@v/v1.0.0.mod", RequestHeaders.NONE)
                        .bodyText())
                .isEqualTo("module example.com/m\n");
        assertThat(offline.answer("/example.com/m/@v/master.info", RequestHeaders.NONE)
                        .status())
                .isEqualTo(404);
        assertThat(upstream.requests.get()).isEqualTo(asked);
    }

    @Test
    void answer_badRequestsAre4xxNeverTouchTheStore() throws IOException {
        ProxyHandler h = handler(false);
        for (String url : List.of(
                "/example.com/../../etc/passwd",
                "/x/@v/list",
                "/example.com/m/@v/v1.zip",
                "/example.com/m/@v/%zz.info",
                "/" + "a/".repeat(3000))) {
            Reply reply = h.answer(url, RequestHeaders.NONE);
            assertThat(reply.status()).as(url).isBetween(400, 499);
            assertThat(reply.headers()).containsEntry("Content-Type", "text/plain; charset=utf-8");
            assertThat(reply.bodyText()).isNotBlank();
        }
        assertThat(upstream.requests.get()).isZero();
    }

    @Test
    void answer_operationalPages() {
        ProxyHandler h = handler(false);
        assertThat(h.answer("/healthz", RequestHeaders.NONE).status()).isEqualTo(200);
        assertThat(h.answer("/readyz", RequestHeaders.NONE).status()).isEqualTo(200);
        Reply status = h.answer("/status", RequestHeaders.NONE);
        assertThat(status.headers()).containsEntry("Content-Type", "application/json");
        assertThat(status.bodyText()).contains("\"offline\" : false").contains("\"degraded\"");
    }

    @Test
    void answer_metricsCountHitsMissesBytesAndDegraded() {
        ProxyHandler h = handler(false);
        h.answer("/example.com/m/@v/v1.0.0.zip", RequestHeaders.NONE);
        h.answer("/example.com/m/@v/v1.0.0.zip", RequestHeaders.NONE);
        h.answer("/example.com/m/@v/list", RequestHeaders.NONE);
        h.answer("/x/@v/list", RequestHeaders.NONE);
        upstream.down = true;
        clock.advance(Duration.ofSeconds(CachingSource.DEFAULT_TTL_SECONDS + 1));
        h.answer("/example.com/m/@v/list", RequestHeaders.NONE);

        Reply scrape = h.answer("/metrics", RequestHeaders.NONE);
        assertThat(scrape.status()).isEqualTo(200);
        assertThat(scrape.headers().get("Content-Type")).startsWith("text/plain; version=0.0.4");
        assertThat(scrape.bodyText())
                .contains("holdfast_cache_requests_total{kind=\"zip\",result=\"miss\"} 1.0")
                .contains("holdfast_cache_requests_total{kind=\"zip\",result=\"hit\"} 1.0")
                .contains("holdfast_served_bytes_total{kind=\"zip\"} " + (2.0 * zip.length))
                .contains("holdfast_responses_total{kind=\"invalid\",status=\"4xx\"} 1.0")
                .contains("holdfast_degraded_entries 1.0")
                .contains("holdfast_upstream_breaker_open{upstream=\"stub\"} 0.0");
    }

    @Test
    void headOfAZip_throughTheDispatch_countsAResponseButNoBodyBytes() {
        ProxyHandler h = handler(false);
        h.answer("/example.com/m/@v/v1.0.0.zip", RequestHeaders.NONE);
        RequestDispatch.Outcome head =
                RequestDispatch.answer(h, "HEAD", "/example.com/m/@v/v1.0.0.zip", name -> List.of(), false, true);
        assertThat(head.reply().status()).isEqualTo(200);
        assertThat(h.answer("/metrics", RequestHeaders.NONE).bodyText())
                .contains("holdfast_responses_total{kind=\"zip\",status=\"2xx\"} 2.0")
                .contains("holdfast_served_bytes_total{kind=\"zip\"} " + (1.0 * zip.length));
    }

    @Test
    void answer_readyzFailsWhenStoreUnwritable() throws IOException {
        Path file = dir.resolve("not-a-dir");
        Files.writeString(file, "x", StandardCharsets.UTF_8);
        store = DiskStore.of(file.resolve("cache"));
        assertThat(handler(false).answer("/readyz", RequestHeaders.NONE).status())
                .isEqualTo(503);
    }

    /** A clock tests move by hand. */
    static final class MovableClock extends Clock {
        private volatile Instant now;

        MovableClock(Instant start) {
            this.now = start;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
