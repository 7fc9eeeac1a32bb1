package dev.holdfast.conformance.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.holdfast.fetch.CachingSource;
import dev.holdfast.testing.FaultRelay;
import dev.holdfast.testing.GoToolchain;
import dev.holdfast.testing.LocalOrigin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The status page in a real browser (Debian's chromium, headless) from a real {@code holdfast serve} with
 * a warm cache and its only upstream down: the upstream shows as down, the answer served stale is
 * listed, and the numbers are those of {@code /status}. Screenshots at 1920 px and at a phone's width go
 * to {@code target/status-page/} for review.
 */
@Timeout(300)
class ServeStatusPageTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path SHOTS = Path.of("target", "status-page");

    private final GoToolchain go = GoToolchain.get();
    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path tmp;

    @Test
    void page_warmCacheAndUpstreamDown_showsTheOutageTheStaleAnswerAndTheNumbersOfStatus() throws Exception {
        Chromium chromium = Chromium.get(tmp);
        try (LocalOrigin origin = LocalOrigin.open();
                FaultRelay relay = FaultRelay.open(origin.address(), 19);
                ServeProcess serve = ServeProcess.over(tmp, relay.url())) {
            List<String> modules = Modules.addMany(origin, "example.com/page", 6);
            download(serve.url(), "cold", modules); // misses: the cache fills
            download(serve.url(), "warm", modules); // hits
            String list = serve.url() + "/example.com/page/m0/@v/list";
            assertThat(get(list, "").statusCode()).isEqualTo(200);
            long listed = System.nanoTime();

            relay.stop();
            // A list answer is fresh for CachingSource.DEFAULT_TTL_SECONDS; after that, with the upstream
            // down, the stored one is served stale and marked.
            long fresh = (CachingSource.DEFAULT_TTL_SECONDS + 1) * 1_000_000_000L;
            Thread.sleep(Math.max(0, (fresh - (System.nanoTime() - listed)) / 1_000_000));
            HttpResponse<String> stale = get(list, "");
            assertThat(stale.statusCode()).isEqualTo(200);
            assertThat(stale.headers().firstValue("X-Holdfast-Degraded"))
                    .hasValueSatisfying(v -> assertThat(v).startsWith("stale"));
            JsonNode status = awaitOpen(serve.url(), relay.url());

            Document page = Jsoup.parse(chromium.dumpDom(serve.url() + "/", 3000));
            chromium.screenshot(serve.url() + "/", 1920, 1400, SHOTS.resolve("desktop-1920.png"));
            chromium.screenshot(serve.url() + "/", 390, 1600, SHOTS.resolve("phone-390.png"));
            Files.writeString(SHOTS.resolve("page.html"), page.outerHtml());
            Files.writeString(SHOTS.resolve("status.json"), status.toPrettyString());

            Element upstream = one(page, "tr[data-upstream=\"" + relay.url() + "\"]");
            assertThat(one(upstream, "[data-k=health]").text()).contains("down");
            assertThat(one(upstream, "[data-k=breaker]").text()).startsWith("OPEN (unreachable)");
            assertThat(upstream.text()).contains("connection refused");

            JsonNode degraded = status.path("degraded");
            assertThat(degraded).as("degraded entries in /status").hasSize(1);
            String key = degraded.get(0).path("key").asText();
            assertThat(key).contains("example.com/page/m0");
            one(page, "tr[data-degraded=\"" + key + "\"]");

            JsonNode total = status.path("requests").path("total");
            assertThat(total.path("hits").asLong()).as("hits").isPositive();
            assertThat(total.path("misses").asLong()).as("misses").isPositive();
            Element row = one(page, "tr[data-row=total]");
            assertThat(one(row, "[data-k=hits]").text())
                    .isEqualTo(total.path("hits").asText());
            assertThat(one(row, "[data-k=misses]").text())
                    .isEqualTo(total.path("misses").asText());
            assertThat(one(page, "[data-k=files]").text())
                    .isEqualTo(status.path("cache").path("files").asText());
            assertThat(status.path("cache").path("zips").asLong()).isEqualTo(modules.size());

            assertThat(page.select("h1").text()).isEqualTo("Holdfast status");
            assertThat(page.select("h2").eachText()).contains("Upstreams", "Cache", "Served stale (degraded)");
            assertThat(page.select("th[scope=col]")).isNotEmpty();
            assertThat(page.select("figure svg[role=img]")).hasSize(2);
            assertThat(page.select("script[src], link[href], img[src]"))
                    .as("nothing fetched from elsewhere")
                    .isEmpty();
        }
    }

    /** Returns /status once the breaker of {@code upstream} is open, asking for unknown modules to find out. */
    private JsonNode awaitOpen(String serve, String upstream) throws Exception {
        long deadline = System.nanoTime() + 20_000_000_000L;
        for (int i = 0; ; i++) {
            JsonNode status = JSON.readTree(get(serve + "/status", "").body());
            for (JsonNode u : status.path("upstreams")) {
                if (u.path("url").asText().equals(upstream)
                        && u.path("breaker").asText().equals("OPEN")) {
                    return status;
                }
            }
            assertThat(System.nanoTime())
                    .as("breaker of %s open: %s", upstream, status)
                    .isLessThan(deadline);
            get(serve + "/example.com/unknown" + i + "/@v/list", "");
        }
    }

    private void download(String goproxy, String name, List<String> targets) throws Exception {
        Modules.download(go, tmp, goproxy, name, targets).checkSuccess();
    }

    private HttpResponse<String> get(String url, String accept) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url));
        if (!accept.isEmpty()) {
            b.header("Accept", accept);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Element one(Element root, String css) {
        List<Element> found = root.select(css);
        assertThat(found).as("elements matching %s", css).hasSize(1);
        return found.getFirst();
    }
}
