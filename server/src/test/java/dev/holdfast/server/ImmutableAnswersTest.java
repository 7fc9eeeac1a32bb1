package dev.holdfast.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.fetch.BreakerPolicy;
import dev.holdfast.fetch.CachingSource;
import dev.holdfast.fetch.ProxySpec;
import dev.holdfast.fetch.UpstreamBreakers;
import dev.holdfast.fetch.Verifier;
import dev.holdfast.module.ModuleVersion;
import dev.holdfast.store.DiskStore;
import dev.holdfast.store.StoreKey;
import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which answers are kept in memory, and that a kept answer is served as the store would serve it. */
class ImmutableAnswersTest {
    private static final ModuleVersion M1 = new ModuleVersion("example.com/m", "v1.0.0");
    private static final Reply IMMUTABLE_INFO =
            Reply.of(200, Reply.JSON, new byte[] {'{', '}'}).withHeader("Cache-Control", ZipReply.IMMUTABLE);

    @TempDir
    Path dir;

    @Test
    void offer_keepsImmutableInfoAndMod() {
        ImmutableAnswers answers = new ImmutableAnswers();
        answers.offer("/i", new ProxyRequest.Info(M1), IMMUTABLE_INFO);
        Reply mod = Reply.of(200, Reply.TEXT, new byte[] {'m'}).withHeader("Cache-Control", ZipReply.IMMUTABLE);
        answers.offer("/m", new ProxyRequest.Mod(M1), mod);
        assertThat(answers.get("/i").reply()).isSameAs(IMMUTABLE_INFO);
        assertThat(answers.get("/m").reply()).isSameAs(mod);
        assertThat(answers.get("/other")).isNull();
    }

    @Test
    void offer_dropsWhatMayChangeOrIsNotSmall() {
        ImmutableAnswers answers = new ImmutableAnswers();
        ModuleVersion query = new ModuleVersion("example.com/m", "master");
        answers.offer(
                "/query",
                new ProxyRequest.Info(query),
                Reply.of(200, Reply.JSON, new byte[] {'{', '}'}).withHeader("Cache-Control", ProxyHandler.SHORT_LIVED));
        answers.offer("/missing", new ProxyRequest.Info(M1), Reply.text(404, "not found"));
        answers.offer("/list", new ProxyRequest.List("example.com/m"), IMMUTABLE_INFO);
        answers.offer(
                "/zip",
                new ProxyRequest.Zip(M1),
                new Reply(200, Map.of("Cache-Control", ZipReply.IMMUTABLE), new Reply.FileRegion(dir, 0, 1)));
        for (String path : List.of("/query", "/missing", "/list", "/zip")) {
            assertThat(answers.get(path)).as(path).isNull();
        }
    }

    @Test
    void answer_keptInfoServedWithoutTheStoreAndCountedAsAHit() throws IOException {
        StubSource upstream = new StubSource();
        upstream.add(M1, Instant.parse("2024-01-02T03:04:05Z"));
        Clock clock = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
        DiskStore store = DiskStore.of(dir.resolve("cache")).withExtraction(false);
        UpstreamBreakers breakers = new UpstreamBreakers(BreakerPolicy.defaults(), clock);
        CachingSource source = new CachingSource(store, breakers.guard(upstream), Verifier.NONE, clock);
        Backend backend = new Backend(
                source,
                store,
                store.root(),
                new Upstreams(List.of(new ProxySpec.Url("http://127.0.0.1:9", false)), breakers));
        ProxyHandler h = new ProxyHandler(
                backend,
                new ServerConfig("127.0.0.1", 0, false, ServerConfig.DEFAULT_SHUTDOWN_GRACE, clock),
                HttpClient.newHttpClient());

        Reply first = h.answer("/example.com/m/@v/v1.0.0.info", RequestHeaders.NONE);
        int asked = upstream.requests.get();
        Files.delete(store.file(StoreKey.info(M1))); // only memory can answer now, and not the upstream
        Reply second = h.answer("/example.com/m/@v/v1.0.0.info", RequestHeaders.NONE);

        assertThat(second.status()).isEqualTo(200);
        assertThat(second.bodyText()).isEqualTo(first.bodyText()).contains("\"Version\":\"v1.0.0\"");
        assertThat(second.headers()).isEqualTo(first.headers());
        assertThat(upstream.requests.get()).isEqualTo(asked);
        assertThat(h.answer("/metrics", RequestHeaders.NONE).bodyText())
                .contains("holdfast_cache_requests_total{kind=\"info\",result=\"miss\"} 1.0")
                .contains("holdfast_cache_requests_total{kind=\"info\",result=\"hit\"} 1.0")
                .contains("holdfast_responses_total{kind=\"info\",status=\"2xx\"} 2.0");
    }
}
