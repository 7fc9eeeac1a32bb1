package dev.holdfast.module;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One table of paths run through {@link ModulePath#check}, {@link ModulePath#checkImportPath} and
 * {@link ModulePath#checkFilePath}. Reasons follow the rules in x/mod's module.go ({@code checkPath},
 * {@code checkElem}, {@code CheckPath}); null means valid.
 */
class ModulePathCheckTest {

    /** A path and the reason each kind of check rejects it for, or null when that kind accepts it. */
    record PathCase(String path, String module, String importPath, String file) {
        static PathCase valid(String path) {
            return new PathCase(path, null, null, null);
        }

        static PathCase all(String path, String reason) {
            return new PathCase(path, reason, reason, reason);
        }
    }

    static final String FIRST_DOT = "missing dot in first path element";
    static final String TILDE = "trailing tilde and digits in path element";

    static final List<PathCase> PATHS = List.of(
            PathCase.valid("x.y/z"),
            PathCase.valid("x.y"),
            PathCase.valid("example.com/a-b_c~d/e.f"),
            PathCase.valid("x.y/Z"),
            PathCase.valid("x.y/-z"),
            PathCase.valid("x.y-/z"),
            PathCase.valid("x..y/z"),
            PathCase.valid("x.y/a~"),
            PathCase.valid("x.y/a~x1"),
            PathCase.valid("x.y/com0"),
            PathCase.valid("x.y/lpt10"),
            PathCase.valid("x.y/conx"),
            PathCase.valid("x.y/v2"),
            PathCase.valid("x.y/v2/z"),
            PathCase.valid("x.y/v"),
            PathCase.valid("x.y/zv2"),
            PathCase.valid("x.y/z.v2"),
            PathCase.valid("gopkg.in/yaml.v2"),
            PathCase.valid("gopkg.in/yaml.v0"),
            PathCase.valid("gopkg.in/yaml.v2-unstable"),
            PathCase.valid("gopkg.in/user/yaml.v3"),
            PathCase.all("", "empty string"),
            PathCase.all("/x.y/z", "empty path element"),
            PathCase.all("x.y/z/", "trailing slash"),
            PathCase.all("x.y//z", "double slash"),
            PathCase.all("x./z", "trailing dot in path element"),
            PathCase.all("x.y/a.", "trailing dot in path element"),
            PathCase.all("x.y/z/./w", "invalid path element \".\""),
            PathCase.all("x.y/..", "invalid path element \"..\""),
            PathCase.all("x.y/con", "\"con\" disallowed as path element component on Windows"),
            PathCase.all("x.y/com1.txt", "\"com1\" disallowed as path element component on Windows"),
            PathCase.all("x.y/CON.x.y", "\"CON\" disallowed as path element component on Windows"),
            PathCase.all("x.y/aux/z", "\"aux\" disallowed as path element component on Windows"),
            PathCase.all("x.y/LPT9.txt", "\"LPT9\" disallowed as path element component on Windows"),
            PathCase.all("x.y/\uFFFDz", "invalid char '\uFFFD'"),
            PathCase.all("x.y/z\u0000", "invalid char '\\x00'"),
            PathCase.all("x.y/a\tb", "invalid char '\\t'"),
            PathCase.all("x.y/a\"b", "invalid char '\"'"),
            PathCase.all("x.y/a'b", "invalid char '\\''"),
            PathCase.all("x.y/a*b", "invalid char '*'"),
            PathCase.all("x.y/a:b", "invalid char ':'"),
            PathCase.all("x.y/a\\b", "invalid char '\\\\'"),
            PathCase.all("x.y/a\uD800", "invalid UTF-8"),
            new PathCase(".x/z", "leading dot in path element", null, null),
            new PathCase("x.y/...a", "leading dot in path element", null, null),
            new PathCase("-x/z", "leading dash", "leading dash", null),
            new PathCase("-", "leading dash", "leading dash", null),
            new PathCase("x.y/a b", "invalid char ' '", "invalid char ' '", null),
            new PathCase("x.y/a+b", "invalid char '+'", null, null),
            new PathCase("x.y/a!b", "invalid char '!'", "invalid char '!'", null),
            new PathCase("x.y/a@b", "invalid char '@'", "invalid char '@'", null),
            new PathCase("x.y/a%b", "invalid char '%'", "invalid char '%'", null),
            new PathCase("x.y/a~1", TILDE, TILDE, null),
            new PathCase("x.y/a~1.go", TILDE, TILDE, null),
            new PathCase("x.y/~1", TILDE, TILDE, null),
            new PathCase("x.y/é", "invalid char 'é'", "invalid char 'é'", null),
            new PathCase("x.y/ǅ", "invalid char 'ǅ'", "invalid char 'ǅ'", null),
            new PathCase("x.y/€", "invalid char '€'", "invalid char '€'", "invalid char '€'"),
            new PathCase("x.y/a\u00a0", "invalid char '\\u00a0'", "invalid char '\\u00a0'", "invalid char '\\u00a0'"),
            new PathCase("x.y/\uD83D\uDE00", "invalid char '😀'", "invalid char '😀'", "invalid char '😀'"),
            new PathCase("X.y/z", "invalid char 'X' in first path element", null, null),
            new PathCase("x_y.z/w", "invalid char '_' in first path element", null, null),
            new PathCase("x~y.z/w", "invalid char '~' in first path element", null, null),
            new PathCase("xy/z", FIRST_DOT, null, null),
            new PathCase("x", FIRST_DOT, null, null),
            new PathCase("x.y/v1", "invalid version", null, null),
            new PathCase("x.y/v0", "invalid version", null, null),
            new PathCase("x.y/v02", "invalid version", null, null),
            new PathCase("x.y/v2.0", "invalid version", null, null),
            new PathCase("x.y/z/v1.2", "invalid version", null, null),
            new PathCase("gopkg.in/yaml", "invalid version", null, null),
            new PathCase("gopkg.in/yaml.v01", "invalid version", null, null),
            new PathCase("gopkg.in/yaml.v0-unstable", "invalid version", null, null),
            new PathCase("gopkg.in/v2", "invalid version", null, null));

    static Stream<PathCase> paths() {
        return PATHS.stream();
    }

    @ParameterizedTest
    @MethodSource("paths")
    void check_modulePath(PathCase c) {
        expect("module", c.path(), c.module(), () -> ModulePath.check(c.path()));
    }

    @ParameterizedTest
    @MethodSource("paths")
    void checkImportPath_importPath(PathCase c) {
        expect("import", c.path(), c.importPath(), () -> ModulePath.checkImportPath(c.path()));
    }

    @ParameterizedTest
    @MethodSource("paths")
    void checkFilePath_filePath(PathCase c) {
        expect("file", c.path(), c.file(), () -> ModulePath.checkFilePath(c.path()));
    }

    private static void expect(String kind, String path, String reason, ThrowingCallable check) {
        if (reason == null) {
            assertThatCode(check).doesNotThrowAnyException();
            return;
        }
        Consumer<Throwable> fields = t -> {
            InvalidPathException e = (InvalidPathException) t;
            org.assertj.core.api.Assertions.assertThat(e.kind()).isEqualTo(kind);
            org.assertj.core.api.Assertions.assertThat(e.path()).isEqualTo(path);
            org.assertj.core.api.Assertions.assertThat(e.reason()).isEqualTo(reason);
        };
        assertThatThrownBy(check)
                .isInstanceOf(InvalidPathException.class)
                .hasMessage("malformed %s path %s: %s", kind, GoStrings.quote(path), reason)
                .satisfies(fields);
    }

    @org.junit.jupiter.api.Test
    void check_messageQuotesPathLikeGo() {
        assertThatThrownBy(() -> ModulePath.checkFilePath("x.y/a\"b"))
                .hasMessage("malformed file path \"x.y/a\\\"b\": invalid char '\"'");
        assertThatThrownBy(() -> ModulePath.check("x"))
                .hasMessage("malformed module path \"x\": missing dot in first path element");
    }
}
