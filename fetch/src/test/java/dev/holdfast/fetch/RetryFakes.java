package dev.holdfast.fetch;

import dev.holdfast.module.ModuleVersion;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Fakes for the retry and breaker tests: a clock moved by hand, a sleeper that records its waits and
 * moves that clock instead of waiting, and a source that fails as a script says. Nested in one class
 * so their names cannot collide with other tests' fakes in this package.
 */
final class RetryFakes {
    private RetryFakes() {}

    static final ModuleVersion MV = new ModuleVersion("example.com/m", "v1.0.0");

    /** A clock that moves only when told to; thread-safe. */
    static final class ManualClock extends Clock {
        private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-01-01T00:00:00Z"));

        void advance(Duration d) {
            now.updateAndGet(t -> t.plus(d));
        }

        @Override
        public Instant instant() {
            return now.get();
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }
    }

    /** A sleeper that records each wait and advances the clock by it instead of waiting; thread-safe. */
    static final class RecordingSleeper implements Sleeper {
        final List<Duration> waits = new CopyOnWriteArrayList<>();
        private final ManualClock clock;

        RecordingSleeper(ManualClock clock) {
            this.clock = clock;
        }

        @Override
        public void sleep(Duration duration) {
            waits.add(duration);
            clock.advance(duration);
        }

        List<Long> millis() {
            return waits.stream().map(Duration::toMillis).toList();
        }
    }

    /**
     * A source that throws the failures of its script in order, one per call whatever the
     * operation, and succeeds once the script is used up. Each call may cost time on a clock. Its
     * zip appends {@code attempt <n>;} to the target, so resuming across attempts shows in the file.
     * Thread-safe.
     */
    static final class ScriptedSource implements ModuleSource {
        final AtomicInteger calls = new AtomicInteger();
        final List<ZipTarget> zipTargets = new CopyOnWriteArrayList<>();
        private final String name;
        private final ConcurrentLinkedQueue<IOException> script;
        private final IOException always;
        private ManualClock clock;
        private Duration cost = Duration.ZERO;
        private volatile boolean interrupting;

        private ScriptedSource(String name, List<IOException> script, IOException always) {
            this.name = name;
            this.script = new ConcurrentLinkedQueue<>(script);
            this.always = always;
        }

        /** Returns a source that fails with {@code failures} in turn, then succeeds. */
        static ScriptedSource failing(IOException... failures) {
            return new ScriptedSource("scripted", Arrays.asList(failures), null);
        }

        /** Returns a source named {@code name} that fails every call with {@code failure}. */
        static ScriptedSource alwaysFailing(String name, IOException failure) {
            return new ScriptedSource(name, List.of(), failure);
        }

        /** Makes every call advance {@code clock} by {@code cost} before it answers. */
        ScriptedSource costing(ManualClock clock, Duration cost) {
            this.clock = clock;
            this.cost = cost;
            return this;
        }

        /** Makes every call set the calling thread's interrupt flag, as a cancelled call would. */
        ScriptedSource interruptingTheCaller() {
            this.interrupting = true;
            return this;
        }

        private void answer() throws IOException {
            calls.incrementAndGet();
            if (interrupting) {
                Thread.currentThread().interrupt();
            }
            if (clock != null) {
                clock.advance(cost);
            }
            IOException next = always != null ? always : script.poll();
            if (next != null) {
                throw next;
            }
        }

        @Override
        public List<String> list(String path) throws IOException {
            answer();
            return List.of("v1.0.0", "v1.1.0");
        }

        @Override
        public RevInfo latest(String path) throws IOException {
            answer();
            return RevInfo.of("v1.1.0", Instant.EPOCH);
        }

        @Override
        public RevInfo info(ModuleVersion mv) throws IOException {
            answer();
            return RevInfo.of(mv.version(), Instant.EPOCH);
        }

        @Override
        public byte[] mod(ModuleVersion mv) throws IOException {
            answer();
            return ("module " + mv.path() + "\n").getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public void zip(ModuleVersion mv, ZipTarget target) throws IOException {
            zipTargets.add(target);
            String part = "attempt " + (calls.get() + 1) + ";";
            Files.writeString(target.file(), part, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            answer();
        }

        @Override
        public String describe() {
            return name;
        }
    }

    /** Returns a transient 503 answer. */
    static UpstreamException unavailable() {
        return new UpstreamException("example.com/m@v1.0.0: 503 Service Unavailable", 503, true);
    }

    /** Returns {@code n} refused connections. */
    static IOException[] refusals(int n) {
        List<IOException> failures = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            failures.add(new java.net.ConnectException("connection refused (" + i + ")"));
        }
        return failures.toArray(IOException[]::new);
    }

    /** Returns {@code n} distinct transient failures. */
    static IOException[] resets(int n) {
        List<IOException> failures = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            failures.add(new IOException("connection reset (" + i + ")"));
        }
        return failures.toArray(IOException[]::new);
    }
}
