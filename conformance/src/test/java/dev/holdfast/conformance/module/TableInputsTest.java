package dev.holdfast.conformance.module;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.conformance.module.TableInputs.CsvLine;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Checks that {@link TableInputs} really finds core's unit tables, so that the table conformance tests
 * cannot pass by comparing nothing. The sample rows are from ModulePathTest, PrefixPatternsTest and
 * SemverTest in core.
 */
class TableInputsTest {

    @Test
    void rows_holdCsvRowsOfCoreTests() {
        assertThat(TableInputs.ROWS)
                .contains(
                        List.of("gopkg.in/yaml.v2", "gopkg.in/yaml", ".v2"),
                        List.of("bad", "", "should be v0 or v1, not "),
                        List.of("v1.0.0-RC1", "invalid escaped version \"v1.0.0-RC1\""),
                        List.of("other.test,example.com", "example.com/x", "true"));
    }

    @Test
    void strings_holdLiteralsAndCsvLinesOfCoreTests() {
        assertThat(TableInputs.STRINGS)
                .contains(
                        "v18446744073709551616.0.0", // a SemverTest record
                        "missing dot in first path element", // a ModulePathCheckTest constant
                        "bad, '', 'should be v0 or v1, not '", // a whole CSV line
                        "should be v0 or v1, not ");
    }

    @Test
    void csvFields_splitAsJUnitDoes() {
        assertThat(new CsvLine("'', '', ''", ',').fields()).containsExactly("", "", "");
        assertThat(new CsvLine(" a , 'b, c ' ,d", ',').fields()).containsExactly("a", "b, c ", "d");
        assertThat(new CsvLine("'it''s', x", ',').fields()).containsExactly("it's", "x");
        assertThat(new CsvLine("a*b|x 'y' z", '|').fields()).containsExactly("a*b", "x 'y' z");
        assertThat(new CsvLine("a\tb", ',').fields()).containsExactly("a\tb");
    }
}
