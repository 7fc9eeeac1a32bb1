package dev.holdfast.module;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Tests for {@link PseudoVersion}; expectations follow the forms and functions of x/mod's pseudo.go. */
class PseudoVersionTest {

    static final Instant T = Instant.parse("2017-11-12T13:10:15Z");
    static final String REV = "abcdef123456";

    @ParameterizedTest
    @CsvSource({
        "'', '', v0.0.0-20171112131015-abcdef123456",
        "v1, '', v1.0.0-20171112131015-abcdef123456",
        "v2, bad, v2.0.0-20171112131015-abcdef123456",
        "v1, v1.2.3, v1.2.4-0.20171112131015-abcdef123456",
        "v1, v1.2, v1.2.1-0.20171112131015-abcdef123456",
        "v1, v1.2.9, v1.2.10-0.20171112131015-abcdef123456",
        "v1, v1.2.99, v1.2.100-0.20171112131015-abcdef123456",
        "v1, v1.2.3+meta, v1.2.4-0.20171112131015-abcdef123456+meta",
        "v2, v2.2.3+incompatible, v2.2.4-0.20171112131015-abcdef123456+incompatible",
        "v1, v1.2.3-pre, v1.2.3-pre.0.20171112131015-abcdef123456",
        "v2, v2.2.3-pre+incompatible, v2.2.3-pre.0.20171112131015-abcdef123456+incompatible",
    })
    void pseudoVersion_forms(String major, String older, String want) {
        assertThat(PseudoVersion.pseudoVersion(major, older, T, REV)).isEqualTo(want);
        assertThat(PseudoVersion.isPseudoVersion(want)).isTrue();
        assertThat(PseudoVersion.time(want)).isEqualTo(T);
        assertThat(PseudoVersion.rev(want)).isEqualTo(REV);
    }

    @Test
    void latestOf_prefersReleaseThenPrereleaseThenPseudo() {
        String pseudo = "v1.2.4-0.20171112131015-abcdef123456";
        assertThat(PseudoVersion.latestOf(List.of("v1.0.0", "v1.1.0-rc.1", "v1.1.0", "v1.2.0-beta", pseudo)))
                .contains("v1.1.0");
        assertThat(PseudoVersion.latestOf(List.of("v1.1.0-rc.1", "v1.2.0-beta", pseudo)))
                .contains("v1.2.0-beta");
        assertThat(PseudoVersion.latestOf(List.of("v0.0.0-20171112131015-abcdef123456", pseudo)))
                .contains(pseudo);
        assertThat(PseudoVersion.latestOf(List.of())).isEmpty();
    }

    @Test
    void pseudoVersion_timeIsUtcToTheSecond() {
        assertThat(PseudoVersion.pseudoVersion("v1", "", Instant.parse("2017-11-12T13:10:15.999Z"), "r"))
                .isEqualTo("v1.0.0-20171112131015-r");
        assertThat(PseudoVersion.pseudoVersion("v1", "", Instant.parse("0999-01-02T03:04:05Z"), "r"))
                .isEqualTo("v1.0.0-09990102030405-r");
        assertThat(PseudoVersion.pseudoVersion("v1", "", Instant.parse("+10000-01-01T00:00:00Z"), "r"))
                .isEqualTo("v1.0.0-100000101000000-r");
    }

    @Test
    void zeroPseudoVersion_usesGoZeroTime() {
        assertThat(PseudoVersion.zeroPseudoVersion("v1")).isEqualTo("v1.0.0-00010101000000-000000000000");
        assertThat(PseudoVersion.zeroPseudoVersion("")).isEqualTo("v0.0.0-00010101000000-000000000000");
        assertThat(PseudoVersion.isZeroPseudoVersion("v2.0.0-00010101000000-000000000000"))
                .isTrue();
        assertThat(PseudoVersion.isZeroPseudoVersion("v2.0.0-00010101000000-000000000001"))
                .isFalse();
        assertThat(PseudoVersion.isZeroPseudoVersion("v0.0.0-00010101000000-000000000000+incompatible"))
                .isFalse();
        assertThat(PseudoVersion.isZeroPseudoVersion("bad")).isFalse();
        assertThat(PseudoVersion.time("v1.0.0-00010101000000-000000000000")).isEqualTo(PseudoVersion.ZERO_TIME);
    }

    @ParameterizedTest
    @CsvSource({
        "v1.0.0-20171112131015-abcdef123456, true",
        "v1.0.0-20171112131015-ABC, true",
        "v0.0.0-20171112131015-abcdef123456+incompatible, true",
        "v1.2.3-0.20171112131015-abc, true",
        "v1.0.0-0.20171112131015-abc, true",
        "v1.2.3-pre.0.20171112131015-abcdef, true",
        "v1.2.3-1.0.20171112131015-abc, true",
        "v1.2.3, false",
        "v1.2.3-pre, false",
        "v1.2.3-pre0.20171112131015-abcdef, false",
        "v1.0.0-2017111213101-abc, false",
        "v1.0.0-120171112131015-abc, false",
        "v1.0.0-20171112131015-abc_def, false",
        "v1.0.0-20171112131015-, false",
        "v1.2.0-20171112131015-abc, false",
        "1.0.0-20171112131015-abc, false",
    })
    void isPseudoVersion_table(String v, boolean want) {
        assertThat(PseudoVersion.isPseudoVersion(v)).isEqualTo(want);
    }

    @Test
    void isPseudoVersion_trailingNewlineIsNotAMatch() {
        // Java's $ would accept a final line break; Go's does not (and semver rejects it anyway).
        assertThat(PseudoVersion.isPseudoVersion("v1.0.0-20171112131015-abc\n")).isFalse();
    }

    @ParameterizedTest
    @CsvSource({
        "v1.0.0-20171112131015-abc, ''",
        "v1.2.4-0.20171112131015-abc, v1.2.3",
        "v1.2.10-0.20171112131015-abc, v1.2.9",
        "v1.2.100-0.20171112131015-abc, v1.2.99",
        "v1.2.1-0.20171112131015-abc, v1.2.0",
        "v2.0.1-0.20171112131015-abc+incompatible, v2.0.0+incompatible",
        "v1.2.3-pre.0.20171112131015-abc, v1.2.3-pre",
        "v1.2.3-pre.0.20171112131015-abc+incompatible, v1.2.3-pre+incompatible",
        "v1.2.3-1.0.20171112131015-abc, v1.2.3-1",
    })
    void base_table(String v, String want) {
        assertThat(PseudoVersion.base(v)).isEqualTo(want);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "v0.0.0-20171112131015-abc+incompatible|lacks base version, but has build metadata \"+incompatible\"",
                "v1.2.0-0.20171112131015-abc|version before v1.2.0 would have negative patch number",
                "v1.0.0-0.20171112131015-abc|version before v1.0.0 would have negative patch number",
                "v1.2.3|syntax error",
            })
    void base_errors(String v, String reason) {
        assertThatThrownBy(() -> PseudoVersion.base(v))
                .isInstanceOf(InvalidVersionException.class)
                .hasMessage("pseudo-version \"%s\" invalid: %s", v, reason)
                .satisfies(
                        e -> assertThat(((InvalidVersionException) e).pseudo()).isTrue());
    }

    @ParameterizedTest
    @CsvSource({
        "v1.2.3-0.20171312131015-abc, 20171312131015",
        "v1.2.3-0.20170229000000-abc, 20170229000000",
        "v1.2.3-0.19000229000000-abc, 19000229000000",
        "v1.2.3-0.20171100000000-abc, 20171100000000",
        "v1.2.3-0.20171112240000-abc, 20171112240000",
        "v1.2.3-0.20171112136000-abc, 20171112136000",
        "v1.2.3-0.20171112131060-abc, 20171112131060",
        "v1.2.3-0.20170012131015-abc, 20170012131015",
    })
    void time_malformed(String v, String timestamp) {
        assertThatThrownBy(() -> PseudoVersion.time(v))
                .isInstanceOf(InvalidVersionException.class)
                .hasMessage("pseudo-version \"%s\" invalid: malformed time \"%s\"", v, timestamp);
    }

    @Test
    void time_calendarEdges() {
        assertThat(PseudoVersion.time("v1.2.3-0.20000229235959-abc")).isEqualTo(Instant.parse("2000-02-29T23:59:59Z"));
        assertThat(PseudoVersion.time("v1.0.0-00000101000000-abc")).isEqualTo(Instant.parse("0000-01-01T00:00:00Z"));
        assertThat(PseudoVersion.time("v1.0.0-00000229000000-abc")).isEqualTo(Instant.parse("0000-02-29T00:00:00Z"));
    }

    @Test
    void timeAndRev_notPseudo() {
        assertThatThrownBy(() -> PseudoVersion.time("v1.2.3"))
                .hasMessage("pseudo-version \"v1.2.3\" invalid: syntax error");
        assertThatThrownBy(() -> PseudoVersion.rev("v1.2.3-pre"))
                .hasMessage("pseudo-version \"v1.2.3-pre\" invalid: syntax error");
        assertThat(PseudoVersion.rev("v1.2.3-0.20171112131015-abc+incompatible"))
                .isEqualTo("abc");
    }

    @ParameterizedTest
    @CsvSource({"0, 1", "9, 10", "19, 20", "99, 100", "123, 124", "0099, 0100"})
    void incAndDecDecimal(String n, String plusOne) {
        assertThat(PseudoVersion.incDecimal(n)).isEqualTo(plusOne);
    }

    @ParameterizedTest
    @CsvSource({"1, 0", "10, 9", "20, 19", "100, 99", "124, 123", "0100, 0099", "0, ''", "000, ''"})
    void decDecimal_table(String n, String minusOne) {
        assertThat(PseudoVersion.decDecimal(n)).isEqualTo(minusOne);
    }
}
