package dev.holdfast.conformance.module;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * jqwik generators biased toward the strings where version and path rules have corners: numbers with
 * leading zeros, runs of {@code - + .}, {@code !} escapes, upper case, non-ASCII letters and non-letters,
 * Windows device names, tildes, {@code gopkg.in} forms and pseudo-version shapes.
 */
public final class Tricky {

    private Tricky() {}

    /** Pieces that the generated strings are glued together from. */
    static final List<String> TOKENS = List.of(
            "v",
            "V",
            "0",
            "00",
            "01",
            "1",
            "2",
            "9",
            "10",
            "099",
            "18446744073709551616",
            ".",
            "..",
            "-",
            "--",
            "+",
            "++",
            "!",
            "!a",
            "!!",
            "!A",
            "A",
            "Z",
            "a",
            "z",
            "x",
            "é",
            "ǅ",
            "ʰ",
            "中",
            "€",
            "😀",
            "\u00a0",
            "\u200b",
            "\u0301",
            "\uFFFD",
            "\t",
            " ",
            "~",
            "~1",
            "con",
            "COM1",
            "lpt9",
            "nul",
            "aux.txt",
            "/",
            "//",
            "gopkg.in/",
            ".v",
            "-unstable",
            "/v",
            "v2",
            "v1",
            "v0",
            "example.com",
            "_",
            "*",
            "?",
            "[",
            "]",
            "^",
            "\\",
            ":",
            "\"",
            "'",
            "@",
            "%",
            "+incompatible",
            "-pre",
            "rc",
            "RC1",
            "alpha",
            "20171112131015",
            "abcdef123456",
            "0.",
            "-0.",
            "00010101000000",
            "\n",
            "\u0000",
            "\u007f");

    /** Characters for the random filler between tokens. */
    private static final String FILLER = "v0123456789.-+!aAzZ/~_ é€";

    /** Returns arbitrary text glued from {@link #TOKENS} and filler characters. */
    public static Arbitrary<String> text() {
        Arbitrary<String> piece = Arbitraries.frequencyOf(
                Tuple.of(4, Arbitraries.of(TOKENS)),
                Tuple.of(
                        1,
                        Arbitraries.strings().withChars(FILLER).ofMinLength(1).ofMaxLength(3)));
        return piece.list().ofMinSize(0).ofMaxSize(8).map(l -> String.join("", l));
    }

    private static Arbitrary<String> number() {
        return Arbitraries.of("0", "1", "2", "9", "10", "01", "00", "123", "18446744073709551616");
    }

    private static Arbitrary<String> identifier() {
        return Arbitraries.oneOf(
                number(),
                Arbitraries.of(
                        "alpha", "beta", "rc", "RC1", "pre", "-", "--", "0a", "a-b", "Z", "incompatible", "é", ""),
                Arbitraries.strings().withChars("0aZ-").ofMinLength(1).ofMaxLength(4));
    }

    private static Arbitrary<String> dotted(String lead) {
        return identifier().list().ofMinSize(1).ofMaxSize(3).map(l -> lead + String.join(".", l));
    }

    /** Returns mostly well-formed semantic versions, with shorthands, bad numbers and odd suffixes mixed in. */
    public static Arbitrary<String> version() {
        Arbitrary<String> core = Combinators.combine(
                        number(), number(), number(), Arbitraries.integers().between(1, 3))
                .as((a, b, c, parts) -> "v" + a + (parts > 1 ? "." + b : "") + (parts > 2 ? "." + c : ""));
        Arbitrary<String> pre = Arbitraries.oneOf(Arbitraries.just(""), dotted("-"));
        Arbitrary<String> build =
                Arbitraries.oneOf(Arbitraries.just(""), Arbitraries.just("+incompatible"), dotted("+"));
        Arbitrary<String> structured = Combinators.combine(core, pre, build).as((c, p, b) -> c + p + b);
        return Arbitraries.frequencyOf(Tuple.of(6, structured), Tuple.of(2, pseudoVersion()), Tuple.of(1, text()));
    }

    /** Returns pseudo-version shapes in all five forms, with valid and invalid timestamps and revisions. */
    public static Arbitrary<String> pseudoVersion() {
        Arbitrary<String> base = Arbitraries.of(
                "v0.0.0-",
                "v1.0.0-",
                "v2.0.0-",
                "v1.2.4-0.",
                "v1.2.0-0.",
                "v1.0.0-0.",
                "v1.2.10-0.",
                "v1.2.100-0.",
                "v1.2.3-pre.0.",
                "v1.2.3-1.0.",
                "v1.2.3-pre0.",
                "v1.2.3-pre.",
                "v01.0.0-",
                "v1.2.0-");
        Arbitrary<String> timestamp = Arbitraries.oneOf(
                Arbitraries.of(
                        "20171112131015",
                        "00010101000000",
                        "20000229235959",
                        "20170229000000",
                        "19000229000000",
                        "20171312131015",
                        "20171100000000",
                        "20171112240000",
                        "20171112131060",
                        "00000101000000",
                        "99991231235959",
                        "2017111213101",
                        "201711121310150"),
                Arbitraries.strings().numeric().ofLength(14));
        Arbitrary<String> rev = Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.of("abcdef123456", "000000000000", "ABC", "x")),
                Tuple.of(1, Arbitraries.of("abc_def", "", "a.b")));
        Arbitrary<String> build = Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.of("", "+incompatible", "+meta.1")),
                Tuple.of(1, Arbitraries.of("+", "+a..b", "+é")));
        return Combinators.combine(base, timestamp, rev, build).as((b, t, r, x) -> b + t + "-" + r + x);
    }

    private static Arbitrary<String> element() {
        return Arbitraries.oneOf(
                Arbitraries.of(
                        "x",
                        "Foo",
                        "BAR",
                        "a-b",
                        "a_b",
                        "a~b",
                        "a~1",
                        "~1",
                        "con",
                        "CON.txt",
                        "com1",
                        "Lpt9.go",
                        "nul",
                        "aux",
                        "v1",
                        "v2",
                        "v02",
                        "v2.0",
                        "v0",
                        "v",
                        "yaml.v2",
                        "yaml.v0",
                        "yaml.v01",
                        "yaml.v2-unstable",
                        ".x",
                        "x.",
                        "..",
                        ".",
                        "-x",
                        "é",
                        "中",
                        "€",
                        "a b",
                        "a+b",
                        "a!b",
                        "a@b",
                        "a%b",
                        "a*b",
                        "a:b",
                        "a\"b",
                        "a'b",
                        "a\\b",
                        "😀",
                        "",
                        "ǅ",
                        "\u00a0",
                        "x\u0301"),
                Arbitraries.strings().withChars("aZ0-._~+!").ofMinLength(1).ofMaxLength(4),
                text());
    }

    /** Returns module-path-like strings: a domain-ish first element followed by tricky elements. */
    public static Arbitrary<String> path() {
        Arbitrary<String> first = Arbitraries.of(
                "example.com",
                "gopkg.in",
                "x.y",
                "xy",
                "Example.com",
                "x_y.z",
                "-x.y",
                "x.y-",
                "x..y",
                "",
                "localhost",
                "é.com",
                "x~y.z");
        Arbitrary<String> structured = Combinators.combine(
                        first, element().list().ofMinSize(0).ofMaxSize(4))
                .as((f, rest) -> rest.isEmpty() ? f : f + "/" + String.join("/", rest));
        return Arbitraries.frequencyOf(Tuple.of(5, structured), Tuple.of(1, text()));
    }

    /** Returns strings that look like {@code !}-escaped paths or versions, well-formed or not. */
    public static Arbitrary<String> escaped() {
        Arbitrary<String> chunk = Arbitraries.of(
                "!a",
                "!z",
                "!",
                "!!",
                "!A",
                "!1",
                "a",
                "Z",
                "x/",
                "/",
                "é",
                ".",
                "-",
                "v1.0.0",
                "example.com/",
                "con",
                "~1");
        return chunk.list().ofMinSize(1).ofMaxSize(6).map(l -> String.join("", l));
    }

    /** Returns path-major suffixes: valid and invalid {@code /vN} and {@code .vN} forms. */
    public static Arbitrary<String> pathMajor() {
        return Arbitraries.oneOf(
                Arbitraries.of(
                        "",
                        "/v2",
                        "/v3",
                        "/v10",
                        "/v1",
                        "/v0",
                        "/v02",
                        "/v2.1",
                        ".v0",
                        ".v1",
                        ".v2",
                        ".v2-unstable",
                        ".v1-unstable",
                        "/v2-unstable",
                        "v2",
                        "/",
                        ".",
                        "/x",
                        "-unstable"),
                Combinators.combine(Arbitraries.of("/v", ".v", "v", "/"), number())
                        .as(String::concat));
    }

    /** Returns glob lists and single globs in {@code GOPRIVATE} style. */
    public static Arbitrary<String> globs() {
        Arbitrary<String> glob = Arbitraries.oneOf(
                Arbitraries.of(
                        "example.com",
                        "*.example.com",
                        "example.com/*",
                        "*/x",
                        "*",
                        "?",
                        "[a-z]*",
                        "[^a]",
                        "[]",
                        "[",
                        "\\",
                        "\\*",
                        "x/",
                        "example.com/Foo",
                        "*?",
                        "*??",
                        "[é-ë]",
                        "[^é]",
                        "[\\]]",
                        "[a-]",
                        "*/*/*"),
                text());
        return glob.list().ofMinSize(1).ofMaxSize(3).map(l -> String.join(",", l));
    }
}
