package dev.holdfast.zip;

import dev.holdfast.modload.GoVersion;
import java.util.HashMap;
import java.util.Map;

/**
 * The few pieces of Go's standard library whose exact behaviour the zip rules depend on: {@code
 * go/version} (the go1.24 vendoring threshold) and {@code unicode.SimpleFold} (case-fold collisions).
 * {@code path.Clean} and {@code path.Dir} are {@link dev.holdfast.module.GoPath}'s. Quoting ({@code strconv.Quote} for {@code %q} in error
 * messages) is {@link dev.holdfast.module.GoStrings}'s.
 */
final class GoStdlib {
    private GoStdlib() {}

    /** Go's go/version Lang and Compare (over {@link GoVersion}), enough for the go1.24 vendoring threshold. */
    static final class GoVersions {
        private GoVersions() {}

        /** Returns version.Lang(x): "go1.N" for a valid Go version x, else "". */
        static String lang(String x) {
            String v = stripGo(x);
            return GoVersion.isValid(v) ? "go" + GoVersion.lang(v) : "";
        }

        /** Returns version.Compare(x, y); invalid versions sort before valid ones. */
        static int compare(String x, String y) {
            return GoVersion.compare(stripGo(x), stripGo(y));
        }

        private static String stripGo(String v) {
            int dash = v.indexOf('-');
            if (dash >= 0) {
                v = v.substring(0, dash);
            }
            return v.length() < 2 || !v.startsWith("go") ? "" : v.substring(2);
        }
    }

    /**
     * Returns Go's {@code strToFold}: every rune replaced by the smallest rune of its simple case
     * folding orbit, then A-Z by a-z, so that EqualFold(s, t) iff fold(s) equals fold(t).
     */
    static String fold(String s) {
        StringBuilder out = new StringBuilder(s.length());
        s.codePoints().forEach(r -> {
            while (true) {
                int r0 = r;
                r = CaseFold.simpleFold(r0);
                if (r <= r0) {
                    break;
                }
            }
            if ('A' <= r && r <= 'Z') {
                r += 'a' - 'A';
            }
            out.appendCodePoint(r);
        });
        return out.toString();
    }

    /** Ports unicode.SimpleFold: Go's orbit table for the irregular cases, else the case pair. */
    static final class CaseFold {
        // unicode.caseOrbit (Go 1.26, Unicode 15.0.0): pairs {from, to}.
        private static final int[] ORBIT = {
            0x004B, 0x006B, 0x0053, 0x0073, 0x006B, 0x212A, 0x0073, 0x017F, 0x00B5, 0x039C, 0x00C5, 0x00E5,
            0x00DF, 0x1E9E, 0x00E5, 0x212B, 0x0130, 0x0130, 0x0131, 0x0131, 0x017F, 0x0053, 0x01C4, 0x01C5,
            0x01C5, 0x01C6, 0x01C6, 0x01C4, 0x01C7, 0x01C8, 0x01C8, 0x01C9, 0x01C9, 0x01C7, 0x01CA, 0x01CB,
            0x01CB, 0x01CC, 0x01CC, 0x01CA, 0x01F1, 0x01F2, 0x01F2, 0x01F3, 0x01F3, 0x01F1, 0x0345, 0x0399,
            0x0392, 0x03B2, 0x0395, 0x03B5, 0x0398, 0x03B8, 0x0399, 0x03B9, 0x039A, 0x03BA, 0x039C, 0x03BC,
            0x03A0, 0x03C0, 0x03A1, 0x03C1, 0x03A3, 0x03C2, 0x03A6, 0x03C6, 0x03A9, 0x03C9, 0x03B2, 0x03D0,
            0x03B5, 0x03F5, 0x03B8, 0x03D1, 0x03B9, 0x1FBE, 0x03BA, 0x03F0, 0x03BC, 0x00B5, 0x03C0, 0x03D6,
            0x03C1, 0x03F1, 0x03C2, 0x03C3, 0x03C3, 0x03A3, 0x03C6, 0x03D5, 0x03C9, 0x2126, 0x03D0, 0x0392,
            0x03D1, 0x03F4, 0x03D5, 0x03A6, 0x03D6, 0x03A0, 0x03F0, 0x039A, 0x03F1, 0x03A1, 0x03F4, 0x0398,
            0x03F5, 0x0395, 0x0412, 0x0432, 0x0414, 0x0434, 0x041E, 0x043E, 0x0421, 0x0441, 0x0422, 0x0442,
            0x042A, 0x044A, 0x0432, 0x1C80, 0x0434, 0x1C81, 0x043E, 0x1C82, 0x0441, 0x1C83, 0x0442, 0x1C84,
            0x044A, 0x1C86, 0x0462, 0x0463, 0x0463, 0x1C87, 0x1C80, 0x0412, 0x1C81, 0x0414, 0x1C82, 0x041E,
            0x1C83, 0x0421, 0x1C84, 0x1C85, 0x1C85, 0x0422, 0x1C86, 0x042A, 0x1C87, 0x0462, 0x1C88, 0xA64A,
            0x1E60, 0x1E61, 0x1E61, 0x1E9B, 0x1E9B, 0x1E60, 0x1E9E, 0x00DF, 0x1FBE, 0x0345, 0x2126, 0x03A9,
            0x212A, 0x004B, 0x212B, 0x00C5, 0xA64A, 0xA64B, 0xA64B, 0x1C88,
        };
        private static final Map<Integer, Integer> ORBIT_MAP = new HashMap<>();

        static {
            for (int i = 0; i < ORBIT.length; i += 2) {
                ORBIT_MAP.put(ORBIT[i], ORBIT[i + 1]);
            }
        }

        private CaseFold() {}

        static int simpleFold(int r) {
            Integer to = ORBIT_MAP.get(r);
            if (to != null) {
                return to;
            }
            if (r < 0x80) {
                // Go's asciiFold: letters swap case ('K' and 'S' are in the orbit table).
                if ('A' <= r && r <= 'Z') {
                    return r + ('a' - 'A');
                }
                return 'a' <= r && r <= 'z' ? r - ('a' - 'A') : r;
            }
            int lower = Character.toLowerCase(r);
            return lower != r ? lower : Character.toUpperCase(r);
        }
    }
}
