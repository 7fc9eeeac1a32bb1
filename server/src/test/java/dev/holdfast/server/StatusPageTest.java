package dev.holdfast.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.holdfast.server.ProxyHandlerTest.MovableClock;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The status page without a server: the per-minute history, escaping, and the page's own script. */
class StatusPageTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final MovableClock clock = new MovableClock(Instant.parse("2026-01-01T00:00:30Z"));

    @Test
    void history_countsByMinute_andForgetsMinutesOlderThanAnHour() {
        StatusHistory h = new StatusHistory(clock);
        h.cache("zip", true);
        h.cache("zip", false);
        h.upstream("http://up", 4_000_000, false);
        h.upstream("http://up", 6_000_000, true);
        clock.advance(Duration.ofMinutes(1));
        h.cache("mod", true);

        StatusHistory.Series s = h.series();
        assertThat(s.hitRatio()[StatusHistory.MINUTES - 2]).isEqualTo(0.5);
        assertThat(s.hitRatio()[StatusHistory.MINUTES - 1]).isEqualTo(1.0);
        assertThat(s.hitRatio()[0]).isEqualTo(-1);
        assertThat(s.latencyMillis().get("http://up")[StatusHistory.MINUTES - 2])
                .isEqualTo(5.0);
        assertThat(h.lastMinutes(1)).containsExactly(1, 0);
        assertThat(h.lastMinutes(5)).containsExactly(2, 1);
        assertThat(h.sinceStart().get("zip")).containsExactly(1, 1);

        clock.advance(Duration.ofMinutes(61));
        assertThat(h.lastMinutes(60)).containsExactly(0, 0);
        assertThat(h.series().hitRatio()).containsOnly(-1);
        assertThat(h.series().latencyMillis().get("http://up")).containsOnly(-1);
        assertThat(h.sinceStart().get("mod")).as("since the start is kept").containsExactly(1, 0);
    }

    @Test
    void history_keepsTheLastTwentyErrors_firstLineOnly() {
        StatusHistory h = new StatusHistory(clock);
        for (int i = 0; i < 25; i++) {
            h.error("/example.com/m" + i + "/@v/v1.0.0.zip", 502, "refused " + i + "\n\tmore detail");
        }
        assertThat(h.errors()).hasSize(StatusHistory.ERRORS);
        assertThat(h.errors().getFirst().message()).isEqualTo("refused 24");
        assertThat(h.errors().getLast().request()).isEqualTo("/example.com/m5/@v/v1.0.0.zip");
    }

    @Test
    void render_escapesEveryStringFromTheDocument() {
        ObjectNode status = JSON.createObjectNode();
        status.put("version", "<b>v</b>");
        status.putArray("upstreams")
                .addObject()
                .put("url", "http://x\"><script>alert(1)</script>")
                .put("breaker", "OPEN")
                .put("lastError", "<img src=x onerror=alert(2)>");
        status.putArray("degraded")
                .addObject()
                .put("key", "example.com/<script>/@v/list")
                .put("reason", "&");
        status.putArray("recentErrors")
                .addObject()
                .put("request", "/<svg onload=alert(3)>")
                .put("message", "'");

        String page = StatusHtml.render(status);

        assertThat(page)
                .doesNotContain("<script>alert", "<img src=x", "<svg onload", "<b>v</b>")
                .contains("&lt;script&gt;alert(1)", "&lt;img src=x onerror=alert(2)&gt;", "&lt;b&gt;v&lt;/b&gt;");
        assertThat(page).containsOnlyOnce("<script>");
    }

    @Test
    void render_theContentSecurityPolicyAllowsExactlyThePagesOwnScript() throws Exception {
        String page = StatusHtml.render(JSON.createObjectNode());
        Matcher script =
                Pattern.compile("<script>(.*?)</script>", Pattern.DOTALL).matcher(page);
        assertThat(script.find()).isTrue();
        String hash = Base64.getEncoder()
                .encodeToString(MessageDigest.getInstance("SHA-256")
                        .digest(script.group(1).getBytes(StandardCharsets.UTF_8)));

        assertThat(StatusHtml.CONTENT_SECURITY_POLICY)
                .contains("script-src 'sha256-" + hash + "'")
                .contains("default-src 'none'")
                .contains("connect-src 'self'");
        assertThat(page).contains("fetch(location.pathname").doesNotContain("http://", "https://");
    }

    @Test
    void niceCeilingAndUnits() {
        assertThat(StatusCharts.niceCeiling(0)).isEqualTo(1);
        assertThat(StatusCharts.niceCeiling(37)).isEqualTo(50);
        assertThat(StatusCharts.niceCeiling(120)).isEqualTo(200);
        assertThat(StatusHtml.bytes(1536)).isEqualTo("1.5 KiB");
        assertThat(StatusHtml.duration(3725)).isEqualTo("1 h 2 min");
    }

    static JsonNode json(Reply reply) throws Exception {
        return JSON.readTree(reply.bodyText());
    }
}
