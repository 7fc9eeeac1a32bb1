package dev.holdfast.fetch;

import dev.holdfast.module.GoStrings;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses a GOPROXY value into its entries exactly as the go command's {@code proxyList} does (spec
 * section 8.3). Entries are separated by {@code ,} (go on only after not-found) or {@code |} (go on
 * after any failure); {@code off} and {@code direct} end the list; a bare host gets {@code https://}.
 */
public final class ProxyList {
    private ProxyList() {}

    /**
     * Returns the entries of {@code goproxy}, with a {@link ProxySpec.NoProxy} entry first when {@code
     * gonoproxy} is not empty and {@code goproxy} is not exactly {@code direct}.
     *
     * @param goproxy the effective GOPROXY value
     * @param gonoproxy the effective GONOPROXY value (which defaults to GOPRIVATE)
     * @throws IllegalArgumentException with the go command's message for a bad URL ({@code invalid proxy
     *     URL scheme (must be https, http, file): ftp://x}, {@code parse "...": ...}) or {@code GOPROXY
     *     list is not the empty string, but contains no entries}
     */
    public static List<ProxySpec> parse(String goproxy, String gonoproxy) {
        List<ProxySpec> list = new ArrayList<>();
        if (!gonoproxy.isEmpty() && !goproxy.equals("direct")) {
            list.add(new ProxySpec.NoProxy(gonoproxy));
        }
        String rest = goproxy;
        while (!rest.isEmpty()) {
            int sep = indexOfSeparator(rest);
            String url = sep < 0 ? rest : rest.substring(0, sep);
            boolean fallBackOnError = sep >= 0 && rest.charAt(sep) == '|';
            rest = sep < 0 ? "" : rest.substring(sep + 1);
            url = GoStrings.trimSpace(url);
            if (url.isEmpty()) {
                continue;
            }
            if (url.equals("off")) {
                list.add(new ProxySpec.Off());
                break;
            }
            if (url.equals("direct")) {
                // The go command ignores what follows "direct", to leave room for fallbacks later.
                list.add(new ProxySpec.Direct());
                break;
            }
            if (containsAny(url, ".:/") && !url.contains(":/") && !url.startsWith("/")) {
                url = "https://" + url;
            }
            check(url);
            list.add(new ProxySpec.Url(url, fallBackOnError));
        }
        if (list.isEmpty() || list.size() == 1 && list.getFirst() instanceof ProxySpec.NoProxy) {
            throw new IllegalArgumentException("GOPROXY list is not the empty string, but contains no entries");
        }
        return List.copyOf(list);
    }

    /**
     * Returns a GOPROXY value as it may be shown: every entry's password replaced by {@code xxxxx}, the
     * separators kept. An entry that does not parse is shown as {@code (a malformed proxy URL)} when it
     * holds an {@code @}, since that may be a password.
     */
    public static String redacted(String goproxy) {
        StringBuilder out = new StringBuilder();
        String rest = goproxy;
        while (!rest.isEmpty()) {
            int sep = indexOfSeparator(rest);
            String entry = sep < 0 ? rest : rest.substring(0, sep);
            String trimmed = GoStrings.trimSpace(entry);
            if (trimmed.contains("@")) {
                try {
                    entry = GoUrl.parse(trimmed.contains(":/") ? trimmed : "https://" + trimmed)
                            .redacted();
                } catch (RuntimeException e) {
                    entry = "(a malformed proxy URL)";
                }
            }
            out.append(entry);
            if (sep >= 0) {
                out.append(rest.charAt(sep));
            }
            rest = sep < 0 ? "" : rest.substring(sep + 1);
        }
        return out.toString();
    }

    /**
     * Returns {@code url} parsed if the go command accepts it as a proxy base URL (its {@code
     * newProxyRepo} checks).
     *
     * @throws IllegalArgumentException with the go command's message otherwise
     */
    static GoUrl check(String url) {
        GoUrl base = GoUrl.parse(url);
        switch (base.scheme()) {
            case "http", "https" -> {}
            case "file" -> {
                if (!base.isPathOnly()) {
                    throw new IllegalArgumentException(
                            "invalid file:// proxy URL with non-path elements: " + base.redacted());
                }
            }
            case "" -> throw new IllegalArgumentException("invalid proxy URL missing scheme: " + base.redacted());
            default ->
                throw new IllegalArgumentException(
                        "invalid proxy URL scheme (must be https, http, file): " + base.redacted());
        }
        return base;
    }

    private static int indexOfSeparator(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == ',' || c == '|') {
                return i;
            }
        }
        return -1;
    }

    private static boolean containsAny(String s, String chars) {
        for (int i = 0; i < s.length(); i++) {
            if (chars.indexOf(s.charAt(i)) >= 0) {
                return true;
            }
        }
        return false;
    }
}
