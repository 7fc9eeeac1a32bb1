package dev.holdfast.module;

/**
 * The element-by-element rules shared by module, import and file paths (x/mod's {@code checkPath} and
 * {@code checkElem}). Methods return the reason a path is invalid, or null when it is valid, so that
 * callers can wrap the reason in the exception their kind of path calls for.
 */
final class PathCheck {

    /** Which rule set applies; the name is the word Go puts in {@code malformed <kind> path}. */
    enum Kind {
        MODULE("module"),
        IMPORT("import"),
        FILE("file");

        private final String word;

        Kind(String word) {
            this.word = word;
        }

        String word() {
            return word;
        }
    }

    /** Reserved device names on Windows, compared case-insensitively with the element up to its first dot. */
    private static final String[] BAD_WINDOWS_NAMES = {
        "CON", "PRN", "AUX", "NUL", "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8", "COM9", "LPT1",
        "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9",
    };

    /** ASCII punctuation allowed in file names: all of it except {@code " ' * < > ? ` | / \ :}. */
    private static final String FILE_PUNCTUATION = "!#$%&()+,-.=@[]^_{}~ ";

    private PathCheck() {}

    /** Returns why {@code path} is not a valid path of {@code kind}, or null if it is one. */
    static String checkPath(String path, Kind kind) {
        if (!isValidUtf16(path)) {
            return "invalid UTF-8"; // an unpaired surrogate is Java's form of bytes that are not UTF-8
        }
        if (path.isEmpty()) {
            return "empty string";
        }
        if (path.charAt(0) == '-' && kind != Kind.FILE) {
            return "leading dash";
        }
        if (path.contains("//")) {
            return "double slash";
        }
        if (path.charAt(path.length() - 1) == '/') {
            return "trailing slash";
        }
        int elemStart = 0;
        for (int slash = path.indexOf('/'); slash >= 0; slash = path.indexOf('/', elemStart)) {
            String reason = checkElem(path.substring(elemStart, slash), kind);
            if (reason != null) {
                return reason;
            }
            elemStart = slash + 1;
        }
        return checkElem(path.substring(elemStart), kind);
    }

    /** Returns why {@code elem} is not a valid path element of {@code kind}, or null if it is one. */
    static String checkElem(String elem, Kind kind) {
        if (elem.isEmpty()) {
            return "empty path element";
        }
        if (onlyDots(elem)) {
            return "invalid path element " + GoStrings.quote(elem);
        }
        if (elem.charAt(0) == '.' && kind == Kind.MODULE) {
            return "leading dot in path element";
        }
        if (elem.charAt(elem.length() - 1) == '.') {
            return "trailing dot in path element";
        }
        for (int i = 0; i < elem.length(); ) {
            int cp = elem.codePointAt(i);
            i += Character.charCount(cp);
            if (Character.isSurrogate((char) cp) && cp < 0x10000) {
                cp = 0xFFFD; // Go's range loop yields RuneError for bytes that are not UTF-8
            }
            if (!isAllowed(cp, kind)) {
                return "invalid char " + GoStrings.quoteRune(cp);
            }
        }
        // The part before the first dot is what Windows matches against its device names
        // and its 8.3 short names.
        int dot = elem.indexOf('.');
        String shortName = dot < 0 ? elem : elem.substring(0, dot);
        for (String bad : BAD_WINDOWS_NAMES) {
            if (bad.equalsIgnoreCase(shortName) && isAscii(shortName)) {
                return GoStrings.quote(shortName) + " disallowed as path element component on Windows";
            }
        }
        if (kind != Kind.FILE && looksLikeShortName(shortName)) {
            return "trailing tilde and digits in path element";
        }
        return null;
    }

    /** Reports whether {@code s} has no character but {@code .} (a loop: this runs for every path element read). */
    private static boolean onlyDots(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) != '.') {
                return false;
            }
        }
        return true;
    }

    /** Reports whether {@code s} ends in a tilde and one or more ASCII digits, like Windows' {@code PROGRA~1}. */
    private static boolean looksLikeShortName(String s) {
        int tilde = s.lastIndexOf('~');
        if (tilde < 0 || tilde == s.length() - 1) {
            return false;
        }
        for (int i = tilde + 1; i < s.length(); i++) {
            if (!isDigit(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isAllowed(int cp, Kind kind) {
        return switch (kind) {
            case MODULE -> isModulePathChar(cp);
            case IMPORT -> isModulePathChar(cp) || cp == '+';
            case FILE -> isFileNameChar(cp);
        };
    }

    /**
     * Reports whether {@code cp} may appear in a module path element: ASCII letters and digits and {@code
     * - . _ ~}. Nothing that a URL would re-encode (such as {@code %} or {@code +}) and no Unicode, whose
     * case folding and normalization the escaping scheme does not handle.
     */
    static boolean isModulePathChar(int cp) {
        return isAsciiAlnum(cp) || cp == '-' || cp == '.' || cp == '_' || cp == '~';
    }

    /** Reports whether {@code cp} may appear in the first element of a module path: {@code a-z 0-9 . -}. */
    static boolean isFirstElementChar(int cp) {
        return ('a' <= cp && cp <= 'z') || isDigit(cp) || cp == '-' || cp == '.';
    }

    private static boolean isFileNameChar(int cp) {
        if (cp < 0x80) {
            return isAsciiAlnum(cp) || FILE_PUNCTUATION.indexOf(cp) >= 0;
        }
        return GoStrings.isLetter(cp);
    }

    private static boolean isAsciiAlnum(int cp) {
        return ('a' <= cp && cp <= 'z') || ('A' <= cp && cp <= 'Z') || isDigit(cp);
    }

    private static boolean isDigit(int c) {
        return '0' <= c && c <= '9';
    }

    static boolean isAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    /** Reports whether {@code s} is well-formed UTF-16, that is, has a UTF-8 encoding. */
    static boolean isValidUtf16(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return false;
            }
        }
        return true;
    }
}
