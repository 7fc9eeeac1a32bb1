package dev.holdfast.fetch;

import static dev.holdfast.fetch.RetryFakes.MV;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.holdfast.fetch.RetryFakes.ManualClock;
import dev.holdfast.fetch.RetryFakes.RecordingSleeper;
import dev.holdfast.fetch.RetryFakes.ScriptedSource;
import dev.holdfast.fetch.RetryPolicy.Jitter;
import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class RetryingSourceLogTest {
    private final ManualClock clock = new ManualClock();
    private final RecordingSleeper sleeper = new RecordingSleeper(clock);

    @Test
    void mod_everyAttempt_loggedAtDebug() throws IOException {
        Logger logger = (Logger) LoggerFactory.getLogger(RetryingSource.class);
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        logger.addAppender(appender);
        Level level = logger.getLevel();
        logger.setLevel(Level.DEBUG);
        try {
            RetryPolicy policy = RetryPolicy.builder()
                    .brokenConnectionAtOnce(false)
                    .maxAttempts(5)
                    .initialBackoff(Duration.ofMillis(100))
                    .jitter(Jitter.fraction(0))
                    .build();
            new RetryingSource(ScriptedSource.failing(RetryFakes.resets(2)), policy, sleeper, clock).mod(MV);
        } finally {
            logger.detachAppender(appender);
            logger.setLevel(level);
        }

        assertThat(appender.list).allSatisfy(e -> assertThat(e.getLevel()).isEqualTo(Level.DEBUG));
        assertThat(appender.list)
                .extracting(ILoggingEvent::getFormattedMessage)
                .containsExactly(
                        "mod example.com/m@v1.0.0 from scripted: attempt 1/5 failed after 0ms:"
                                + " java.io.IOException: connection reset (1); next attempt in 100ms",
                        "mod example.com/m@v1.0.0 from scripted: attempt 2/5 failed after 100ms:"
                                + " java.io.IOException: connection reset (2); next attempt in 200ms",
                        "mod example.com/m@v1.0.0 from scripted: attempt 3/5 succeeded");
    }
}
