package dev.holdfast.modfile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.modfile.GoModSyntax.Comment;
import dev.holdfast.modfile.GoModSyntax.CommentBlock;
import dev.holdfast.modfile.GoModSyntax.Comments;
import dev.holdfast.modfile.GoModSyntax.Expr;
import dev.holdfast.modfile.GoModSyntax.FileSyntax;
import dev.holdfast.modfile.GoModSyntax.Line;
import dev.holdfast.modfile.GoModSyntax.LineBlock;
import dev.holdfast.modfile.GoModSyntax.Position;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Syntax trees, positions and comment attachment. Each expected tree is the dump that a small Go
 * program printed for x/mod's tree of the same input (statement kind, tokens, start-end as
 * line:rune:byte, and the Before/Suffix/After comments of every node).
 */
class GoModReaderTest {
    static Stream<Arguments> trees() {
        return Stream.of(
                Arguments.of("module m // c\n", """
                        file before=[] suffix=[] after=[]
                        Line ["module" "m"] 1:1:0-1:9:8 before=[] suffix=["// c"@1:10:9] after=[]
                        """),
                Arguments.of("// a\n// b\n\n// c\nmodule m\n", """
                        file before=[] suffix=[] after=[]
                        CommentBlock 1:1:0 before=["// a"@1:1:0, "// b"@2:1:5] suffix=[] after=[]
                        Line ["module" "m"] 5:1:16-5:9:24 before=["// c"@4:1:11] suffix=[] after=[]
                        """),
                Arguments.of(
                        "require ( // open\n\n\t// x\n\tx v1.0.0 // one // two\n\n\n\ty v1.0.0\n\n\t// end\n) // close\n",
                        """
                        file before=[] suffix=[] after=[]
                        LineBlock ["require"] 1:1:0 lparen=1:9:8 before=[] suffix=["// open"@1:11:10] after=[] \
                        rparen=10:1:70 before=[""@0:0:0, "// end"@9:2:63] suffix=["// close"@10:3:72] after=[] \
                        | before=[] suffix=[] after=[]
                          Line ["x" "v1.0.0"] 4:2:26-4:10:34 before=["// x"@3:2:20] suffix=["// one // two"@4:11:35] after=[]
                          Line ["y" "v1.0.0"] 7:2:52-7:10:60 before=[""@0:0:0] suffix=[] after=[]
                        """),
                Arguments.of("require (\n\tx v1.0.0\n\n)\n", """
                        file before=[] suffix=[] after=[]
                        LineBlock ["require"] 1:1:0 lparen=1:9:8 before=[] suffix=[] after=[] \
                        rparen=4:1:21 before=[] suffix=[] after=[] | before=[] suffix=[] after=[]
                          Line ["x" "v1.0.0"] 2:2:11-2:10:19 before=[] suffix=[] after=[]
                        """),
                Arguments.of("require () // empty\n", """
                        file before=[] suffix=[] after=[]
                        LineBlock ["require"] 1:1:0 lparen=1:9:8 before=[] suffix=[] after=[] \
                        rparen=1:10:9 before=[] suffix=[] after=[] | before=[] suffix=["// empty"@1:12:11] after=[]
                        """),
                Arguments.of("x ( y ) z // c\n", """
                        file before=[] suffix=[] after=[]
                        Line ["x" "(" "y" ")" "z"] 1:1:0-1:10:9 before=[] suffix=["// c"@1:11:10] after=[]
                        """),
                Arguments.of("module é/ü // ✓\ngo 1.21", """
                        file before=[] suffix=[] after=[]
                        Line ["module" "é/ü"] 1:1:0-1:11:12 before=[] suffix=["// ✓"@1:12:13] after=[]
                        Line ["go" "1.21"] 2:1:20-2:8:27 before=[] suffix=[] after=[]
                        """),
                Arguments.of("module m\r\n// c\r\ngo 1.21 // s\r\n", """
                        file before=[] suffix=[] after=[]
                        Line ["module" "m"] 1:1:0-1:9:8 before=[] suffix=[] after=[]
                        Line ["go" "1.21"] 3:1:16-3:8:23 before=["// c"@2:1:10] suffix=["// s"@3:9:24] after=[]
                        """));
    }

    @ParameterizedTest
    @MethodSource("trees")
    void parse_buildsTreeLikeXmod(String input, String want) {
        FileSyntax f = GoModReader.parse("go.mod", input.getBytes(StandardCharsets.UTF_8));
        assertThat(dump(f)).isEqualTo(want);
    }

    /** Renders a tree in the Go dump program's format. */
    static String dump(FileSyntax f) {
        List<String> out = new ArrayList<>();
        out.add("file " + comments(f.comments));
        for (Expr stmt : f.stmts) {
            switch (stmt) {
                case Line l -> out.add(line(l));
                case CommentBlock cb -> out.add("CommentBlock " + pos(cb.start) + " " + comments(cb.comments));
                case LineBlock b -> {
                    out.add("LineBlock " + tokens(b.token) + " " + pos(b.start) + " lparen=" + pos(b.lParen.pos) + " "
                            + comments(b.lParen.comments) + " rparen=" + pos(b.rParen.pos) + " "
                            + comments(b.rParen.comments) + " | " + comments(b.comments));
                    b.lines.forEach(l -> out.add("  " + line(l)));
                }
                default -> throw new AssertionError(stmt);
            }
        }
        return ByteStrings.text(String.join("\n", out) + "\n");
    }

    private static String line(Line l) {
        return "Line " + tokens(l.token) + " " + pos(l.start) + "-" + pos(l.end) + " " + comments(l.comments);
    }

    private static String tokens(List<String> tokens) {
        return tokens.stream().map(ByteStrings::quote).collect(Collectors.joining(" ", "[", "]"));
    }

    private static String pos(Position p) {
        return p.line() + ":" + p.lineRune() + ":" + p.byteOffset();
    }

    private static String comments(Comments c) {
        return "before=" + list(c.before) + " suffix=" + list(c.suffix) + " after=" + list(c.after);
    }

    private static String list(List<Comment> comments) {
        return comments.stream()
                .map(c -> ByteStrings.quote(c.token()) + "@" + pos(c.start()))
                .collect(Collectors.joining(", ", "[", "]"));
    }
}
