package dev.holdfast.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Range selection for a 10-byte file with entity tag "e", by RFC 9110 sections 13.1.5 and 14. */
class ByteRangeTest {
    private static final long LENGTH = 10;
    private static final ByteRange NONE = null; // the whole file: 200
    private static final ByteRange UNSATISFIABLE = new ByteRange(1, 0);

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("bytes=0-0", null, new ByteRange(0, 0)),
                Arguments.of("bytes=2-5", null, new ByteRange(2, 5)),
                Arguments.of("bytes=5-", null, new ByteRange(5, 9)),
                Arguments.of("bytes=9-", null, new ByteRange(9, 9)),
                Arguments.of("bytes=3-99", null, new ByteRange(3, 9)), // last-pos past the end is clamped
                Arguments.of("bytes=-3", null, new ByteRange(7, 9)),
                Arguments.of("bytes=-99", null, new ByteRange(0, 9)), // suffix longer than the file: all of it
                Arguments.of(" bytes=1-2 ", null, new ByteRange(1, 2)),
                Arguments.of("bytes=10-", null, UNSATISFIABLE),
                Arguments.of("bytes=-0", null, UNSATISFIABLE),
                Arguments.of("bytes=2-5", "\"e\"", new ByteRange(2, 5)),
                Arguments.of("bytes=2-5", "\"old\"", NONE), // file changed since: send it all
                Arguments.of("bytes=2-5", "Wed, 21 Oct 2015 07:28:00 GMT", NONE),
                Arguments.of("bytes=5-3", null, NONE), // invalid: ignored
                Arguments.of("bytes=0-1,4-5", null, NONE), // several ranges: not supported, ignored
                Arguments.of("items=0-1", null, NONE),
                Arguments.of("bytes=a-b", null, NONE),
                Arguments.of("bytes=-", null, NONE),
                Arguments.of("bytes=+1-2", null, NONE),
                Arguments.of(null, "\"e\"", NONE));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void select(String range, String ifRange, ByteRange want) {
        Optional<ByteRange> got = ByteRange.select(range, ifRange, "\"e\"", LENGTH);

        assertThat(got.orElse(null)).isEqualTo(want);
        got.ifPresent(r -> assertThat(r.satisfiable()).isEqualTo(want != UNSATISFIABLE && r.length() > 0));
    }
}
