package dev.holdfast.module;

import java.nio.charset.StandardCharsets;

/**
 * Matches module paths against {@code GOPRIVATE}-style lists of glob patterns (Go's {@code
 * module.MatchPrefixPatterns}), used for {@code GOPRIVATE}, {@code GONOPROXY}, {@code GONOSUMDB} and
 * {@code GOINSECURE}.
 *
 * <p>Globs have Go's {@code path.Match} syntax: {@code *} matches any run of non-slash characters,
 * {@code ?} one non-slash character, {@code [...]} a character class (with {@code ^} negation and
 * {@code a-z} ranges) and {@code \} escapes the next character. Like Go, the matcher works on UTF-8
 * bytes, which shows in a corner: after a {@code *} it may resume in the middle of a multi-byte
 * character, whose stray bytes then each count as one (invalid) character.
 *
 * <p>All methods are static, pure and thread-safe; arguments must not be null.
 */
public final class PrefixPatterns {

    private PrefixPatterns() {}

    /**
     * Reports whether some leading path elements of {@code target} match one of the comma-separated
     * {@code globs}. A glob with N slashes is matched against the first N+1 elements of {@code target};
     * empty and malformed globs are ignored and a trailing slash on a glob is dropped.
     */
    public static boolean match(String globs, String target) {
        for (String glob : globs.split(",", -1)) {
            if (glob.endsWith("/")) {
                glob = glob.substring(0, glob.length() - 1);
            }
            if (glob.isEmpty()) {
                continue;
            }
            String prefix = leadingElements(target, count(glob, '/') + 1);
            if (prefix != null && pathMatch(glob, prefix)) {
                return true;
            }
        }
        return false;
    }

    /** Returns the first {@code n} slash-separated elements of {@code target}, or null if it has fewer. */
    private static String leadingElements(String target, int n) {
        int slashes = 0;
        for (int i = 0; i < target.length(); i++) {
            if (target.charAt(i) == '/' && ++slashes == n) {
                return target.substring(0, i);
            }
        }
        return slashes >= n - 1 ? target : null;
    }

    private static int count(String s, char c) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == c) {
                n++;
            }
        }
        return n;
    }

    /**
     * Reports whether {@code name} matches the shell pattern {@code pattern} as Go's {@code path.Match}
     * does; a malformed pattern matches nothing (where Go returns {@code false, ErrBadPattern}).
     */
    public static boolean pathMatch(String pattern, String name) {
        return new Glob(utf8(pattern)).matches(utf8(name));
    }

    /** Encodes {@code s} as UTF-8, an unpaired surrogate as its three (invalid) WTF-8 bytes. */
    static byte[] utf8(String s) {
        StringBuilder bytes = new StringBuilder(s.length() + 8);
        s.codePoints().forEach(cp -> GoStrings.appendRune(bytes, cp));
        return bytes.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    /** A compiled {@code path.Match} pattern over UTF-8 bytes; a line-by-line port of Go's matcher. */
    private static final class Glob {
        private static final int NO_MATCH = -1;
        private static final int BAD_PATTERN = -2;

        private final byte[] p;

        Glob(byte[] pattern) {
            this.p = pattern;
        }

        boolean matches(byte[] name) {
            int pi = 0;
            int ni = 0;
            chunks:
            while (pi < p.length) {
                boolean star = false;
                for (; pi < p.length && p[pi] == '*'; pi++) {
                    star = true;
                }
                int chunkStart = pi;
                pi = chunkEnd(pi);
                if (star && chunkStart == pi) {
                    return indexOf(name, ni, '/') < 0; // a trailing * matches the rest unless it has a slash
                }
                int t = matchChunk(chunkStart, pi, name, ni);
                // The last chunk must consume the whole name; otherwise the star may still find a match.
                if (t >= 0 && (t == name.length || pi < p.length)) {
                    ni = t;
                    continue;
                }
                if (t == BAD_PATTERN) {
                    return false;
                }
                if (star) {
                    for (int i = ni; i < name.length && name[i] != '/'; i++) { // a star never skips a slash
                        t = matchChunk(chunkStart, pi, name, i + 1);
                        if (t >= 0 && !(pi == p.length && t < name.length)) {
                            ni = t;
                            continue chunks;
                        }
                        if (t == BAD_PATTERN) {
                            return false;
                        }
                    }
                }
                return false; // (Go goes on to report a malformed rest of the pattern, still not matching)
            }
            return ni == name.length;
        }

        /** Returns where the chunk starting at {@code from} ends: at the next {@code *} outside a class. */
        private int chunkEnd(int from) {
            boolean inRange = false;
            for (int i = from; i < p.length; i++) {
                switch (p[i]) {
                    case '\\' -> i += i + 1 < p.length ? 1 : 0;
                    case '[' -> inRange = true;
                    case ']' -> inRange = false;
                    case '*' -> {
                        if (!inRange) {
                            return i;
                        }
                    }
                    default -> {}
                }
            }
            return p.length;
        }

        /**
         * Matches the chunk {@code p[cs, ce)} against the start of {@code s[si:]}: returns the index in
         * {@code s} after the match, {@link #NO_MATCH}, or {@link #BAD_PATTERN}. After a mismatch the
         * chunk is still read to the end so that syntax errors are found.
         */
        private int matchChunk(int cs, int ce, byte[] s, int si) {
            boolean failed = false;
            int c = cs;
            while (c < ce) {
                failed = failed || si == s.length;
                switch (p[c]) {
                    case '[' -> {
                        int r = 0;
                        if (!failed) {
                            long d = GoStrings.decodeRune(s, si);
                            r = GoStrings.rune(d);
                            si += GoStrings.width(d);
                        }
                        long cls = matchClass(c + 1, ce, r);
                        if (cls < 0) {
                            return BAD_PATTERN;
                        }
                        c = (int) (cls >>> 1);
                        failed = failed || (cls & 1) == 0;
                    }
                    case '?' -> {
                        if (!failed) {
                            failed = s[si] == '/';
                            si += GoStrings.width(GoStrings.decodeRune(s, si));
                        }
                        c++;
                    }
                    default -> {
                        if (p[c] == '\\' && ++c == ce) {
                            return BAD_PATTERN;
                        }
                        if (!failed) {
                            failed = p[c] != s[si];
                            si++;
                        }
                        c++;
                    }
                }
            }
            return failed ? NO_MATCH : si;
        }

        /**
         * Reads the class body starting at {@code c} (just after {@code [}) and tests rune {@code r}:
         * returns {@code end << 1 | matched}, or -1 if the class is malformed.
         */
        private long matchClass(int c, int ce, int r) {
            boolean negated = c < ce && p[c] == '^';
            if (negated) {
                c++;
            }
            boolean match = false;
            for (int nrange = 0; ; nrange++) {
                if (c < ce && p[c] == ']' && nrange > 0) {
                    return (long) (c + 1) << 1 | (match != negated ? 1 : 0);
                }
                long lo = escapedRune(c, ce);
                if (lo < 0) {
                    return -1;
                }
                c = (int) lo;
                long hi = lo;
                if (p[c] == '-') {
                    hi = escapedRune(c + 1, ce);
                    if (hi < 0) {
                        return -1;
                    }
                    c = (int) hi;
                }
                match = match || ((lo >>> 32) <= r && r <= (hi >>> 32));
            }
        }

        /**
         * Reads one possibly {@code \}-escaped rune of a class at {@code c}: returns {@code rune << 32 |
         * next}, or -1 if there is none, it is {@code -} or {@code ]}, it is not UTF-8, or nothing follows.
         */
        private long escapedRune(int c, int ce) {
            if (c == ce || p[c] == '-' || p[c] == ']') {
                return -1;
            }
            if (p[c] == '\\' && ++c == ce) {
                return -1;
            }
            long d = GoStrings.decodeRune(p, c);
            int next = c + GoStrings.width(d);
            if (GoStrings.rune(d) == GoStrings.RUNE_ERROR && GoStrings.width(d) == 1 || next >= ce) {
                return -1;
            }
            return (long) GoStrings.rune(d) << 32 | next;
        }

        private static int indexOf(byte[] b, int from, char c) {
            for (int i = from; i < b.length; i++) {
                if (b[i] == c) {
                    return i;
                }
            }
            return -1;
        }
    }
}
