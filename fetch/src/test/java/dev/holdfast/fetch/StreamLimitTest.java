package dev.holdfast.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.junit.jupiter.api.Test;

class StreamLimitTest {
    @Test
    void refused_lowersTheLimitToTheOtherRequestsUnderWay() throws IOException {
        StreamLimit limit = new StreamLimit("up");
        for (int i = 0; i < 3; i++) {
            limit.acquire(); // three under way
        }
        limit.acquire(); // the fourth is refused by the client for want of a stream ...
        limit.release(); // ... gives its place back ...

        limit.refused(); // ... and the limit drops to the three the server does allow

        assertThat(limit.limit()).isEqualTo(3);
    }

    @Test
    void isRefusedStream_knowsTheClientsWords() {
        assertThat(StreamLimit.isRefusedStream(new IOException("too many concurrent streams")))
                .isTrue();
        assertThat(StreamLimit.isRefusedStream(new IOException("x", new IOException("request not processed by peer"))))
                .isTrue();
        assertThat(StreamLimit.isRefusedStream(new IOException("connection reset")))
                .isFalse();
    }

    @Test
    void initialLimit_isSixtyFour() {
        assertThat(new StreamLimit("up").limit()).isEqualTo(StreamLimit.INITIAL).isEqualTo(64);
    }
}
