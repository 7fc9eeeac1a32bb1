package dev.holdfast.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link Flock} takes real {@code flock(2)} locks: the kernel lists them as FLOCK (not POSIX, as
 * {@code FileChannel.lock} is), and they exclude each other across open file descriptions.
 */
class FlockTest {
    @TempDir
    Path tmp;

    @Test
    void lock_createsFileAndIsAnFlockInTheKernel() throws IOException {
        Path file = tmp.resolve("v1.0.0.lock");
        try (Flock lock = Flock.lock(file)) {
            assertThat(file).exists();
            assertThat(lock.file()).isEqualTo(file);
            assertThat(kernelLocks(file)).anySatisfy(line -> assertThat(line).contains("FLOCK", "WRITE"));
        }
        assertThat(kernelLocks(file)).isEmpty();
    }

    @Test
    void fileChannelLock_isNotAnFlock() throws IOException {
        // Why Flock exists: the JDK's own lock is a POSIX record lock, invisible to flock users.
        Path file = Files.createFile(tmp.resolve("x.lock"));
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE);
                FileLock fcntl = ch.lock()) {
            assertThat(kernelLocks(file)).allSatisfy(line -> assertThat(line).contains("POSIX"));
            try (Flock flock = Flock.tryLock(file).orElseThrow()) {
                assertThat(kernelLocks(file))
                        .anySatisfy(line -> assertThat(line).contains("FLOCK"));
            }
        }
    }

    @Test
    void tryLock_heldBySomeoneElse_empty() throws IOException {
        Path file = tmp.resolve("a.lock");
        try (Flock held = Flock.lock(file)) {
            assertThat(Flock.tryLock(file)).isEmpty();
        }
        Optional<Flock> again = Flock.tryLock(file);
        assertThat(again).isPresent();
        again.get().close();
    }

    @Test
    void shared_coexistButExcludeExclusive() throws IOException {
        Path file = Files.createFile(tmp.resolve("list"));
        try (Flock a = Flock.lockShared(file);
                Flock b = Flock.lockShared(file)) {
            assertThat(Flock.tryLock(file)).isEmpty();
        }
        Flock.tryLock(file).orElseThrow().close();
    }

    @Test
    void lockShared_missingFile_noSuchFile() {
        assertThatThrownBy(() -> Flock.lockShared(tmp.resolve("absent"))).isInstanceOf(NoSuchFileException.class);
    }

    @Test
    void lock_waitsUntilReleased() throws Exception {
        Path file = tmp.resolve("w.lock");
        Flock held = Flock.lock(file);
        CompletableFuture<Void> waiter = CompletableFuture.runAsync(() -> {
            try (Flock lock = Flock.lock(file)) {
                // acquired
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        assertThatThrownBy(() -> waiter.get(300, TimeUnit.MILLISECONDS)).isInstanceOf(TimeoutException.class);
        held.close();
        waiter.get(5, TimeUnit.SECONDS);
        held.close(); // second close does nothing
    }

    @Test
    void lock_interruptedWhileWaiting() throws Exception {
        Path file = tmp.resolve("i.lock");
        try (Flock held = Flock.lock(file)) {
            CompletableFuture<Throwable> failure = new CompletableFuture<>();
            Thread t = Thread.ofVirtual().start(() -> {
                try (Flock lock = Flock.lock(file)) {
                    failure.complete(null);
                } catch (IOException e) {
                    failure.complete(e);
                }
            });
            Thread.sleep(50);
            t.interrupt();
            assertThat(failure.get(5, TimeUnit.SECONDS)).isInstanceOf(InterruptedIOException.class);
        }
    }

    /** Returns the lines of /proc/locks about {@code file}'s inode. */
    private static List<String> kernelLocks(Path file) throws IOException {
        long inode = (Long) Files.getAttribute(file, "unix:ino");
        return Files.readAllLines(Path.of("/proc/locks")).stream()
                .filter(line -> line.contains(":" + inode + " "))
                .toList();
    }
}
