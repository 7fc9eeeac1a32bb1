package dev.holdfast.drift;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The import reader on cases from the go command's documented rules (go help buildconstraint; go/build):
 * AnyTags makes every tag both true and false except {@code ignore}; {@code // +build} lines count only
 * before a blank line, {@code //go:build} wins over them; imports stop at the first other declaration.
 */
class GoFileImportsTest {
    record Case(String name, String src, Optional<List<String>> want) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("single", "package p\n\nimport \"a.example/x\"\n", Optional.of(List.of("a.example/x"))),
                new Case(
                        "block with names and comments",
                        "// doc\npackage p // trailing\n\nimport (\n\t\"fmt\"\n\tx \"a.example/x\" // c\n\t. \"a.example/y\"\n\t_ `a.example/z`\n\t/* c */ \"C\"\n)\n",
                        Optional.of(List.of("fmt", "a.example/x", "a.example/y", "a.example/z", "C"))),
                new Case(
                        "several decls, stop at func",
                        "package p\nimport \"a\"\nimport (\"b\"; \"c\")\nfunc f() {}\nimport \"d\"\n",
                        Optional.of(List.of("a", "b", "c"))),
                new Case("go:build ignore", "//go:build ignore\n\npackage p\n\nimport \"a\"\n", Optional.empty()),
                new Case(
                        "go:build linux",
                        "//go:build linux && !cgo\n\npackage p\nimport \"a\"\n",
                        Optional.of(List.of("a"))),
                new Case(
                        "go:build !ignore",
                        "//go:build !ignore\n\npackage p\nimport \"a\"\n",
                        Optional.of(List.of("a"))),
                new Case(
                        "go:build ignore && x",
                        "//go:build ignore && linux\n\npackage p\nimport \"a\"\n",
                        Optional.empty()),
                new Case(
                        "go:build ignore || x",
                        "//go:build ignore || linux\n\npackage p\nimport \"a\"\n",
                        Optional.of(List.of("a"))),
                new Case("go:build malformed", "//go:build (linux\n\npackage p\nimport \"a\"\n", Optional.empty()),
                new Case("+build ignore", "// +build ignore\n\npackage p\nimport \"a\"\n", Optional.empty()),
                new Case(
                        "+build ignore no blank line",
                        "// +build ignore\npackage p\nimport \"a\"\n",
                        Optional.of(List.of("a"))),
                new Case(
                        "+build alternatives",
                        "// +build ignore linux\n\npackage p\nimport \"a\"\n",
                        Optional.of(List.of("a"))),
                new Case(
                        "go:build wins over +build",
                        "//go:build linux\n// +build ignore\n\npackage p\nimport \"a\"\n",
                        Optional.of(List.of("a"))),
                new Case(
                        "two go:build lines",
                        "//go:build linux\n//go:build darwin\n\npackage p\nimport \"a\"\n",
                        Optional.empty()),
                new Case("no package clause", "import \"a\"\n", Optional.of(List.of())));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void read_cases(Case c) {
        assertThat(GoFileImports.read(c.src().getBytes(StandardCharsets.UTF_8))).isEqualTo(c.want());
    }
}
