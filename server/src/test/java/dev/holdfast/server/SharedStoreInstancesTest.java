package dev.holdfast.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.fetch.CachingSource;
import dev.holdfast.module.ModuleVersion;
import dev.holdfast.store.MemoryStore;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three server instances over one store, as several {@code holdfast serve} on one bucket: lists and
 * {@code @latest} answers one instance stored are served by the others without asking the upstream, and
 * while the upstream is down, the degraded (stale) answers and their back-off, which each instance keeps
 * for itself, bound the upstream's load to one request per instance per file in each back-off window.
 * Time is a test clock; each instance has its own breakers and meters, as separate processes do.
 */
class SharedStoreInstancesTest {
    private static final int INSTANCES = 3;
    private static final ModuleVersion M = new ModuleVersion("example.com/m", "v1.0.0");
    private static final List<String> FILES = List.of("/example.com/m/@v/list", "/example.com/m/@latest");

    @TempDir
    Path dir;

    private final StubSource upstream = new StubSource();
    private final ProxyHandlerTest.MovableClock clock =
            new ProxyHandlerTest.MovableClock(Instant.parse("2026-01-01T00:00:00Z"));

    @Test
    void upstreamDown_degradedAnswers_askTheUpstreamAtMostOncePerInstancePerFile_inEachBackOffWindow()
            throws IOException {
        upstream.add(M, Instant.parse("2024-01-02T03:04:05Z"));
        MemoryStore store = new MemoryStore(clock); // a bucket: it keeps each answer's time as stored
        List<ProxyHandler> instances = new ArrayList<>();
        for (int i = 0; i < INSTANCES; i++) {
            instances.add(ProxyHandlerTest.handler(
                    store,
                    dir.resolve("instance-" + i),
                    upstream,
                    new ServerConfig("127.0.0.1", 0, false, Duration.ofSeconds(1), clock),
                    true));
        }

        // Fresh: the first instance asks, the others serve what it stored.
        int asked = askRoundRobin(instances, INSTANCES, false);
        assertThat(asked).as("upstream requests while fresh").isEqualTo(FILES.size());

        // The answers expire and the upstream goes down: every instance serves them stale, marked.
        upstream.down = true;
        clock.advance(Duration.ofSeconds(CachingSource.DEFAULT_TTL_SECONDS + 1));
        List<Integer> perWindow = new ArrayList<>();
        for (int window = 0; window < 3; window++) {
            perWindow.add(askRoundRobin(instances, 30, true));
            clock.advance(StaleBackoff.RETRY_AFTER.plusSeconds(1));
        }
        System.out.printf(
                "%d instances, one store, upstream down: upstream asked %s times in three back-off windows"
                        + " for %d files (30 requests each window)%n",
                INSTANCES, perWindow, FILES.size());
        assertThat(perWindow).allSatisfy(n -> assertThat(n).isBetween(1, INSTANCES * FILES.size()));

        // Back up: the next expired request of each instance fetches again and the marks are gone.
        upstream.down = false;
        clock.advance(Duration.ofSeconds(CachingSource.DEFAULT_TTL_SECONDS + 1));
        askRoundRobin(instances, INSTANCES, false);
    }

    /**
     * Asks the instances in turn for every file, {@code rounds} times, while the clock moves a little (all
     * within one back-off window); checks each answer and returns how many requests reached the upstream.
     */
    private int askRoundRobin(List<ProxyHandler> instances, int rounds, boolean degraded) {
        int before = upstream.requests.get();
        for (int r = 0; r < rounds; r++) {
            ProxyHandler instance = instances.get(r % instances.size());
            for (String file : FILES) {
                Reply reply = instance.answer(file, RequestHeaders.NONE);
                assertThat(reply.status()).as(file).isEqualTo(200);
                assertThat(reply.bodyText()).as(file).contains("v1.0.0");
                if (degraded) {
                    assertThat(reply.headers()).as(file).containsKey(ProxyHandler.DEGRADED);
                } else {
                    assertThat(reply.headers()).as(file).doesNotContainKey(ProxyHandler.DEGRADED);
                }
            }
            clock.advance(Duration.ofMillis(100));
        }
        return upstream.requests.get() - before;
    }
}
