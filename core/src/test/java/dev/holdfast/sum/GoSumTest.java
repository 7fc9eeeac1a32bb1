package dev.holdfast.sum;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.holdfast.module.ModuleVersion;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * go.sum reading and writing as cmd/go/internal/modfetch readGoSum and tidyGoSum do it. The field
 * splits and the order in format_ordersAsModuleSort were checked against go1.26.8 (strings.Fields,
 * module.Sort).
 */
class GoSumTest {
    private static final String H1 = "h1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=";
    private static final String H2 = "h1:BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB=";
    private static final String H3 = "h1:CCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCC=";

    @TempDir
    Path tmp;

    private static GoSum parse(String text) {
        return GoSum.parse("go.sum", text.getBytes(StandardCharsets.UTF_8));
    }

    private static String format(GoSum sum) {
        return new String(sum.format(), StandardCharsets.UTF_8);
    }

    @Test
    void parse_lookupZipAndGoModHashes() {
        GoSum sum = parse("example.com/a v1.0.0 " + H1 + "\nexample.com/a v1.0.0/go.mod " + H2 + "\n");
        assertThat(sum.lookup(new ModuleVersion("example.com/a", "v1.0.0"))).containsExactly(H1);
        assertThat(sum.lookup(new ModuleVersion("example.com/a", "v1.0.0/go.mod")))
                .containsExactly(H2);
        assertThat(sum.lookup(new ModuleVersion("example.com/a", "v1.1.0"))).isEmpty();
    }

    @Test
    void parse_fieldsSplitOnAnyUnicodeWhiteSpace() {
        // strings.Fields: tabs, CR, NBSP (U+00A0) and ideographic space (U+3000) all separate fields.
        GoSum sum = parse("  example.com/a\tv1.0.0\u00a0" + H1 + "\r\n\u3000example.com/b\u2003v1.0.0 " + H2);
        assertThat(sum.lookup(new ModuleVersion("example.com/a", "v1.0.0"))).containsExactly(H1);
        assertThat(sum.lookup(new ModuleVersion("example.com/b", "v1.0.0"))).containsExactly(H2);
    }

    @Test
    void parse_notAFieldSeparator_zeroWidthSpace() {
        // U+200B is not White_Space: the line has two fields.
        assertThatThrownBy(() -> parse("example.com/a\u200bv1.0.0 " + H1 + "\n"))
                .isInstanceOf(MalformedGoSumException.class)
                .hasMessage("malformed go.sum:\ngo.sum:1: wrong number of fields 2");
    }

    @Test
    void parse_wrongFieldCount_reportsLineCountingBlankLines() {
        assertThatThrownBy(() -> GoSum.parse(
                        "/work/go.sum",
                        ("example.com/a v1.0.0 " + H1 + "\n\n   \nexample.com/b v1.0.0 " + H1 + " extra\n")
                                .getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(MalformedGoSumException.class)
                .hasMessage("malformed go.sum:\n/work/go.sum:4: wrong number of fields 4");
    }

    @Test
    void parseLax_skipsMalformedLinesLikeGoModTidy() {
        GoSum sum = GoSum.parseLax(
                "go.sum", ("bad line\nexample.com/a v1.0.0 " + H1 + "\n").getBytes(StandardCharsets.UTF_8));
        assertThat(format(sum)).isEqualTo("example.com/a v1.0.0 " + H1 + "\n");
    }

    @Test
    void parse_dropsEmptyGoModHash() {
        GoSum sum = parse("example.com/a v1.0.0/go.mod " + GoSum.EMPTY_GO_MOD_HASH + "\n");
        assertThat(sum.lookup(new ModuleVersion("example.com/a", "v1.0.0/go.mod")))
                .isEmpty();
        assertThat(sum.format()).isEmpty();
    }

    @Test
    void format_ordersAsModuleSort() {
        GoSum sum = parse(String.join(
                "\n",
                "example.com/b v1.1.0 " + H1,
                "example.com/b v1.0.0/go.mod " + H1,
                "example.com/b v1.10.0 " + H1,
                "example.com/b v1.0.0 " + H1,
                "example.com/b v1.2.0 " + H1,
                "example.com/b v1.0.0-pre " + H1,
                "example.com/B v1.0.0 " + H1,
                "example.com/\u00e9 v1.0.0 " + H1,
                "example.com/a v1.0.0 " + H1));
        assertThat(sum.lines())
                .extracting(l -> l.module() + " " + l.version())
                .containsExactly(
                        "example.com/B v1.0.0",
                        "example.com/a v1.0.0",
                        "example.com/b v1.0.0-pre",
                        "example.com/b v1.0.0",
                        "example.com/b v1.0.0/go.mod",
                        "example.com/b v1.1.0",
                        "example.com/b v1.2.0",
                        "example.com/b v1.10.0",
                        "example.com/\u00e9 v1.0.0");
    }

    @Test
    void format_sortsAndDeduplicatesHashesPerModule() {
        GoSum sum = parse("m.test/a v1.0.0 " + H3 + "\nm.test/a v1.0.0 " + H1 + "\nm.test/a v1.0.0 " + H3 + "\n");
        assertThat(sum.lookup(new ModuleVersion("m.test/a", "v1.0.0"))).containsExactly(H3, H1, H3);
        assertThat(format(sum)).isEqualTo("m.test/a v1.0.0 " + H1 + "\nm.test/a v1.0.0 " + H3 + "\n");
    }

    @Test
    void add_returnsCopyAndSkipsKnownHash() {
        GoSum empty = GoSum.empty();
        ModuleVersion mv = new ModuleVersion("example.com/a", "v1.0.0");
        GoSum one = empty.add(mv, H1);
        assertThat(empty.lookup(mv)).isEmpty();
        assertThat(one.lookup(mv)).containsExactly(H1);
        assertThat(one.add(mv, H1)).isSameAs(one);
        GoSum two = one.add(mv, H2).add(new ModuleVersion("example.com/a", "v1.0.0/go.mod"), H3);
        assertThat(format(two))
                .isEqualTo("example.com/a v1.0.0 " + H1 + "\nexample.com/a v1.0.0 " + H2
                        + "\nexample.com/a v1.0.0/go.mod " + H3 + "\n");
        assertThat(two.modules()).containsExactly(mv, new ModuleVersion("example.com/a", "v1.0.0/go.mod"));
    }

    @Test
    void parse_formatRoundTrip_isStable() {
        String text = "example.com/a v1.0.0 " + H1 + "\nexample.com/a v1.0.0/go.mod " + H2 + "\n";
        assertThat(format(parse(text))).isEqualTo(text);
        assertThat(parse(text)).isEqualTo(parse(format(parse(text))));
    }

    @Test
    void parse_noTrailingNewline_lastLineCounts() {
        assertThat(parse("example.com/a v1.0.0 " + H1).lookup(new ModuleVersion("example.com/a", "v1.0.0")))
                .containsExactly(H1);
    }

    @Test
    void parse_tooLarge_refused() {
        byte[] data = new byte[GoSum.MAX_GO_SUM_BYTES + 1];
        java.util.Arrays.fill(data, (byte) '\n');
        assertThatThrownBy(() -> GoSum.parse("big.sum", data))
                .isInstanceOf(MalformedGoSumException.class)
                .hasMessage("malformed go.sum:\nbig.sum: file too large (more than 67108864 bytes)");
    }

    @Test
    void read_tooLargeFile_refusedBeforeReading() throws IOException {
        Path big = tmp.resolve("go.sum");
        try (java.io.RandomAccessFile f = new java.io.RandomAccessFile(big.toFile(), "rw")) {
            f.setLength(GoSum.MAX_GO_SUM_BYTES + 1L); // sparse
        }
        assertThatThrownBy(() -> GoSum.read(big))
                .isInstanceOf(MalformedGoSumException.class)
                .hasMessage("malformed go.sum:\n" + big + ": file too large (more than 67108864 bytes)");
    }

    @Test
    void parse_absurdLine_refused() {
        String line = "example.com/" + "a".repeat(GoSum.MAX_LINE_BYTES) + " v1.0.0 " + H1;
        assertThatThrownBy(() -> parse("\n" + line + "\n"))
                .isInstanceOf(MalformedGoSumException.class)
                .hasMessageStartingWith("malformed go.sum:\ngo.sum:2: line too long (")
                .hasMessageEndingWith("bytes; limit is 65536 bytes)");
    }

    @Test
    void parse_lineExactlyAtLimit_accepted() {
        String prefix = "example.com/";
        String tail = " v1.0.0 " + H1;
        String line = prefix + "a".repeat(GoSum.MAX_LINE_BYTES - prefix.length() - tail.length()) + tail;
        assertThat(line).hasSize(GoSum.MAX_LINE_BYTES);
        assertThat(parse(line + "\n").lines()).hasSize(1);
    }

    @Test
    void read_missingFileIsEmpty_andFileIsParsed() throws IOException {
        assertThat(GoSum.read(tmp.resolve("go.sum"))).isEqualTo(GoSum.empty());
        Path file = Files.writeString(tmp.resolve("go.sum"), "a.test/x v1.0.0 " + H1 + "\nbroken\n");
        assertThatThrownBy(() -> GoSum.read(file))
                .hasMessage("malformed go.sum:\n" + file + ":2: wrong number of fields 1");
    }

    @Test
    void fields_matchesStringsFields() {
        assertThat(GoSum.fields("")).isEmpty();
        assertThat(GoSum.fields(" \t ")).isEmpty();
        assertThat(GoSum.fields(" a  b\u0085c ")).isEqualTo(List.of("a", "b", "c"));
    }

    @Test
    void parse_invalidUtf8IsRefusedNotRewritten() {
        byte[] data =
                "example.com/a v1.0.0 h1:x=\nexample.com/\u00ff v1.0.0 h1:y=\n".getBytes(StandardCharsets.ISO_8859_1);

        assertThatThrownBy(() -> GoSum.parse("go.sum", data))
                .isInstanceOf(MalformedGoSumException.class)
                .hasMessage("malformed go.sum:\ngo.sum:2: invalid UTF-8");
    }

    @Test
    void with_keepsThisFilesHashesFirst_addsTheOthersOnce() {
        GoSum first = parse("example.com/a v1.0.0 h1:A=\nexample.com/b v1.0.0 h1:B=\n");
        GoSum second = parse("example.com/b v1.0.0 h1:B=\nexample.com/b v1.0.0 h1:C=\nexample.com/c v1.0.0 h1:D=\n");

        GoSum both = first.with(second);

        assertThat(both.lookup(new ModuleVersion("example.com/b", "v1.0.0"))).containsExactly("h1:B=", "h1:C=");
        assertThat(both.modules())
                .extracting(ModuleVersion::path)
                .containsExactly("example.com/a", "example.com/b", "example.com/c");
        assertThat(first.lookup(new ModuleVersion("example.com/c", "v1.0.0"))).isEmpty(); // unchanged
    }
}
