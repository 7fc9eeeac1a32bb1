package dev.holdfast.conformance.module;

import dev.holdfast.seeded.Gen;
import java.util.List;

/**
 * Seeded generators ({@link Gen}) biased toward the strings where version and path rules have corners: numbers with
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
    public static Gen<String> text() {
        Gen<String> piece = Gen.weighted(4, Gen.of(TOKENS), 1, Gen.strings(FILLER, 1, 3));
        return piece.joined(0, 8, "");
    }

    private static Gen<String> number() {
        return Gen.of("0", "1", "2", "9", "10", "01", "00", "123", "18446744073709551616");
    }

    private static Gen<String> identifier() {
        return Gen.oneOf(
                number(),
                Gen.of("alpha", "beta", "rc", "RC1", "pre", "-", "--", "0a", "a-b", "Z", "incompatible", "é", ""),
                Gen.strings("0aZ-", 1, 4));
    }

    private static Gen<String> dotted(String lead) {
        return identifier().joined(1, 3, ".").map(s -> lead + s);
    }

    /** Returns mostly well-formed semantic versions, with shorthands, bad numbers and odd suffixes mixed in. */
    public static Gen<String> version() {
        Gen<String> core = r -> {
            String a = number().next(r);
            String b = number().next(r);
            String c = number().next(r);
            int parts = 1 + r.nextInt(3);
            return "v" + a + (parts > 1 ? "." + b : "") + (parts > 2 ? "." + c : "");
        };
        Gen<String> pre = Gen.oneOf(Gen.of(""), dotted("-"));
        Gen<String> build = Gen.oneOf(Gen.of(""), Gen.of("+incompatible"), dotted("+"));
        Gen<String> structured = r -> core.next(r) + pre.next(r) + build.next(r);
        return Gen.weighted(6, structured, 3, Gen.weighted(2, pseudoVersion(), 1, text()));
    }

    /** Returns pseudo-version shapes in all five forms, with valid and invalid timestamps and revisions. */
    public static Gen<String> pseudoVersion() {
        Gen<String> base = Gen.of(
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
        Gen<String> timestamp = Gen.oneOf(
                Gen.of(
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
                Gen.strings("0123456789", 14, 14));
        Gen<String> rev =
                Gen.weighted(6, Gen.of("abcdef123456", "000000000000", "ABC", "x"), 1, Gen.of("abc_def", "", "a.b"));
        Gen<String> build = Gen.weighted(6, Gen.of("", "+incompatible", "+meta.1"), 1, Gen.of("+", "+a..b", "+é"));
        return r -> base.next(r) + timestamp.next(r) + "-" + rev.next(r) + build.next(r);
    }

    private static Gen<String> element() {
        return Gen.oneOf(
                Gen.of(
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
                Gen.strings("aZ0-._~+!", 1, 4),
                text());
    }

    /** Returns module-path-like strings: a domain-ish first element followed by tricky elements. */
    public static Gen<String> path() {
        Gen<String> first = Gen.of(
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
        Gen<String> structured = r -> {
            String f = first.next(r);
            List<String> rest = element().list(0, 4).next(r);
            return rest.isEmpty() ? f : f + "/" + String.join("/", rest);
        };
        return Gen.weighted(5, structured, 1, text());
    }

    /** Returns strings that look like {@code !}-escaped paths or versions, well-formed or not. */
    public static Gen<String> escaped() {
        Gen<String> chunk = Gen.of(
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
        return chunk.joined(1, 6, "");
    }

    /** Returns path-major suffixes: valid and invalid {@code /vN} and {@code .vN} forms. */
    public static Gen<String> pathMajor() {
        return Gen.oneOf(
                Gen.of(
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
                r -> Gen.of("/v", ".v", "v", "/").next(r) + number().next(r));
    }

    /** Returns glob lists and single globs in {@code GOPRIVATE} style. */
    public static Gen<String> globs() {
        Gen<String> glob = Gen.oneOf(
                Gen.of(
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
        return glob.joined(1, 3, ",");
    }
}
