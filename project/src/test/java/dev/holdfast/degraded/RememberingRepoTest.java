package dev.holdfast.degraded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ConnectException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RememberingRepoTest {
    @TempDir
    Path dir;

    @Test
    void goMod_askedOnce_evenConcurrently() throws Exception {
        World world = new World(dir).serve("example.com/a", "v1.0.0");
        RememberingRepo repo = new RememberingRepo(world);
        List<Future<byte[]>> answers = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 50; i++) {
                answers.add(pool.submit(() -> repo.goMod(World.mv("example.com/a", "v1.0.0"))));
            }
        }
        for (Future<byte[]> a : answers) {
            assertThat(new String(a.get())).startsWith("module example.com/a");
        }
        assertThat(world.asked.get("example.com/a@v1.0.0").get()).isEqualTo(1);
    }

    @Test
    void goMod_failure_rememberedEvenAfterTheUpstreamIsBack() throws Exception {
        World world = new World(dir).serve("example.com/a", "v1.0.0").outage("example.com/a", "v1.0.0");
        RememberingRepo repo = new RememberingRepo(world);
        assertThatThrownBy(() -> repo.goMod(World.mv("example.com/a", "v1.0.0")))
                .isInstanceOf(ConnectException.class);
        world.cache("example.com/a", "v1.0.0", false); // now it could be had
        assertThatThrownBy(() -> repo.goMod(World.mv("example.com/a", "v1.0.0")))
                .isInstanceOf(ConnectException.class);
        assertThat(world.asked.get("example.com/a@v1.0.0").get()).isEqualTo(1);
        assertThat(new RememberingRepo(world).goMod(World.mv("example.com/a", "v1.0.0")))
                .isNotEmpty();
    }
}
