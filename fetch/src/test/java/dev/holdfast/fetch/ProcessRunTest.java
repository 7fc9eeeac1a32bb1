package dev.holdfast.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Running a subprocess without help from shared pools. */
class ProcessRunTest {
    @Test
    @Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void of_whileEveryCommonPoolWorkerIsBlocked_stillReadsBothStreams() throws Exception {
        // RealProxyIT hung here: the test drained the go command's output on the common pool's only
        // worker, and the server's ProcessRun waited for that worker to drain `go env`'s stderr.
        int workers = ForkJoinPool.getCommonPoolParallelism();
        CountDownLatch blocked = new CountDownLatch(workers);
        CountDownLatch release = new CountDownLatch(1);
        List<CompletableFuture<Void>> hogs = new ArrayList<>();
        for (int i = 0; i < workers; i++) {
            hogs.add(CompletableFuture.runAsync(() -> {
                blocked.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
        }
        try {
            assertThat(blocked.await(10, TimeUnit.SECONDS)).isTrue();

            ProcessRun run = ProcessRun.of(
                    List.of("sh", "-c", "echo out; echo err >&2; exit 3"), null, Map.of("PATH", System.getenv("PATH")));

            assertThat(run.status()).isEqualTo(3);
            assertThat(new String(run.out())).isEqualTo("out\n");
            assertThat(run.err()).isEqualTo("err");
        } finally {
            release.countDown();
            hogs.forEach(CompletableFuture::join);
        }
    }
}
