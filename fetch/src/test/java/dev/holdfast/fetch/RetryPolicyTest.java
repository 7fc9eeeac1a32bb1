package dev.holdfast.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.holdfast.fetch.RetryPolicy.Jitter;
import io.github.resilience4j.core.IntervalBiFunction;
import io.github.resilience4j.core.functions.Either;
import io.github.resilience4j.retry.RetryConfig;
import java.io.IOException;
import java.net.ConnectException;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {
    private static RetryPolicy.Builder base() {
        return RetryPolicy.builder()
                .initialBackoff(Duration.ofMillis(1000))
                .multiplier(2)
                .maxBackoff(Duration.ofSeconds(100));
    }

    /** Returns 200 draws of the wait after attempt {@code attempt} for {@code failure}. */
    private static List<Long> waits(RetryPolicy policy, int attempt, Throwable failure) {
        IntervalBiFunction<Object> interval = policy.retryConfig().getIntervalBiFunction();
        return IntStream.range(0, 200)
                .mapToObj(i -> interval.apply(attempt, Either.left(failure)))
                .toList();
    }

    @Test
    void defaults_areTheDocumentedOnes() {
        RetryPolicy policy = RetryPolicy.defaults();

        assertThat(policy.maxAttempts()).isEqualTo(30);
        assertThat(policy.initialBackoff()).isEqualTo(Duration.ofMillis(25));
        assertThat(policy.multiplier()).isEqualTo(2);
        assertThat(policy.maxBackoff()).isEqualTo(Duration.ofSeconds(5));
        assertThat(policy.jitter()).isEqualTo(Jitter.fraction(0.5));
        assertThat(policy.budget()).isEqualTo(Duration.ofSeconds(60));
        assertThat(policy.attemptTimeout()).isEqualTo(Duration.ofSeconds(15));
        assertThat(policy.outagePatience()).isEqualTo(Duration.ofSeconds(15));
        assertThat(policy.brokenConnectionAtOnce()).isTrue();
    }

    @Test
    void retryConfig_retriesExactlyTheTransientFailures() {
        RetryConfig config = RetryPolicy.builder().maxAttempts(7).build().retryConfig();

        assertThat(config.getMaxAttempts()).isEqualTo(7);
        assertThat(config.getExceptionPredicate())
                .accepts(new ConnectException("refused"), new IOException("reset"), RetryFakes.unavailable())
                .rejects(
                        new ModuleNotFoundException("404 Not Found"),
                        new ChecksumMismatchException("checksum mismatch"),
                        new UpstreamException("403 Forbidden", 403, false),
                        new IllegalStateException("bug"));
    }

    @Test
    void fractionJitter_drawsWithinTheFractionOfTheNominalWait() {
        RetryPolicy policy = base().jitter(Jitter.fraction(0.25)).build();

        // Attempt 3: nominal 1000 * 2^2 = 4000 ms.
        List<Long> waits = waits(policy, 3, new IOException("reset"));

        assertThat(waits).allSatisfy(w -> assertThat(w).isBetween(3000L, 5000L));
        assertThat(waits).anyMatch(w -> w < 3500).anyMatch(w -> w > 4500);
    }

    @Test
    void fullJitter_drawsBetweenZeroAndTheNominalWait() {
        RetryPolicy policy = base().jitter(Jitter.full()).build();

        // Attempt 2: nominal 2000 ms.
        List<Long> waits = waits(policy, 2, new IOException("reset"));

        assertThat(waits).allSatisfy(w -> assertThat(w).isBetween(1L, 2000L));
        assertThat(waits).anyMatch(w -> w < 500).anyMatch(w -> w > 1500);
    }

    @Test
    void noJitter_waitsDoubleUpToTheCap() {
        RetryPolicy policy = base().maxBackoff(Duration.ofMillis(5000))
                .jitter(Jitter.fraction(0))
                .build();
        IntervalBiFunction<Object> interval = policy.retryConfig().getIntervalBiFunction();

        assertThat(IntStream.rangeClosed(1, 5).mapToObj(n -> interval.apply(n, Either.left(new IOException()))))
                .containsExactly(1000L, 2000L, 4000L, 5000L, 5000L);
    }

    @Test
    void retryAfter_longerThanTheBackoff_isTheWait() {
        RetryPolicy policy = base().jitter(Jitter.fraction(0)).build();
        Supplier<UpstreamException> busy = () -> new UpstreamException("503", 503, true, Duration.ofMillis(1500));

        assertThat(waits(policy, 1, busy.get())).containsOnly(1500L);
        assertThat(waits(policy, 2, busy.get())).containsOnly(2000L);
    }

    @Test
    void constructor_rejectsValuesOutOfRange() {
        assertThatThrownBy(() -> base().maxAttempts(0).build()).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> base().initialBackoff(Duration.ZERO).build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> base().multiplier(0.5).build()).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> base().maxBackoff(Duration.ofMillis(999)).build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> base().budget(Duration.ZERO).build()).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> base().attemptTimeout(Duration.ofSeconds(-1)).build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Jitter.fraction(1.5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Jitter.fraction(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    }
}
