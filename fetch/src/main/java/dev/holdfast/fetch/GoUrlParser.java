package dev.holdfast.fetch;

import dev.holdfast.fetch.GoUrl.UserInfo;
import dev.holdfast.fetch.GoUrlEscaping.EscapeException;
import dev.holdfast.fetch.GoUrlEscaping.Mode;
import dev.holdfast.module.GoStrings;
import java.util.Locale;

/**
 * The steps of Go's {@code net/url} {@code parse} for a URL without its fragment: scheme, query,
 * authority (user, host, port) and path, with Go's error messages. Go 1.26 rules: a host may hold at
 * most one colon for http and https ({@code urlstrictcolons}).
 */
final class GoUrlParser {
    private GoUrlParser() {}

    static GoUrl parse(String raw) throws EscapeException {
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c < ' ' || c == 0x7f) {
                throw new EscapeException("net/url: invalid control character in URL");
            }
        }
        if (raw.equals("*")) {
            return new GoUrl("", "", null, "", "*", "", "", false, "", "", false);
        }
        String[] schemeRest = scheme(raw);
        String scheme = schemeRest[0].toLowerCase(Locale.ROOT);
        String rest = schemeRest[1];
        String rawQuery = "";
        boolean forceQuery = false;
        if (rest.endsWith("?") && rest.indexOf('?') == rest.length() - 1) {
            forceQuery = true;
            rest = rest.substring(0, rest.length() - 1);
        } else {
            int q = rest.indexOf('?');
            if (q >= 0) {
                rawQuery = rest.substring(q + 1);
                rest = rest.substring(0, q);
            }
        }
        if (!rest.startsWith("/")) {
            if (!scheme.isEmpty()) {
                return new GoUrl(scheme, rest, null, "", "", "", rawQuery, forceQuery, "", "", false);
            }
            int slash = rest.indexOf('/');
            if ((slash < 0 ? rest : rest.substring(0, slash)).contains(":")) {
                throw new EscapeException("first path segment in URL cannot contain colon");
            }
        }
        UserInfo user = null;
        String host = "";
        boolean omitHost = false;
        if ((!scheme.isEmpty() || !rest.startsWith("///")) && rest.startsWith("//")) {
            String authority = rest.substring(2);
            int slash = authority.indexOf('/');
            rest = slash < 0 ? "" : authority.substring(slash);
            authority = slash < 0 ? authority : authority.substring(0, slash);
            int at = authority.lastIndexOf('@');
            host = host(scheme, at < 0 ? authority : authority.substring(at + 1));
            user = at < 0 ? null : user(authority.substring(0, at));
        } else if (!scheme.isEmpty() && rest.startsWith("/")) {
            omitHost = true;
        }
        String path = GoUrlEscaping.unescape(rest, Mode.PATH);
        String rawPath = GoUrlEscaping.escape(path, Mode.PATH).equals(rest) ? "" : rest;
        return new GoUrl(scheme, "", user, host, path, rawPath, rawQuery, forceQuery, "", "", omitHost);
    }

    /** Returns {scheme, rest} as Go's {@code getScheme} splits them. */
    private static String[] scheme(String raw) throws EscapeException {
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if ('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z') {
                continue;
            }
            if ('0' <= c && c <= '9' || c == '+' || c == '-' || c == '.') {
                if (i == 0) {
                    return new String[] {"", raw};
                }
                continue;
            }
            if (c == ':') {
                if (i == 0) {
                    throw new EscapeException("missing protocol scheme");
                }
                return new String[] {raw.substring(0, i), raw.substring(i + 1)};
            }
            return new String[] {"", raw};
        }
        return new String[] {"", raw};
    }

    private static UserInfo user(String userinfo) throws EscapeException {
        for (int i = 0; i < userinfo.length(); i++) {
            char c = userinfo.charAt(i);
            boolean ok = 'A' <= c && c <= 'Z'
                    || 'a' <= c && c <= 'z'
                    || '0' <= c && c <= '9'
                    || "-._:~!$&'()*+,;=%@".indexOf(c) >= 0;
            if (!ok) {
                throw new EscapeException("net/url: invalid userinfo");
            }
        }
        int colon = userinfo.indexOf(':');
        if (colon < 0) {
            return new UserInfo(GoUrlEscaping.unescape(userinfo, Mode.USER_PASSWORD), "", false);
        }
        String name = GoUrlEscaping.unescape(userinfo.substring(0, colon), Mode.USER_PASSWORD);
        String password = GoUrlEscaping.unescape(userinfo.substring(colon + 1), Mode.USER_PASSWORD);
        return new UserInfo(name, password, true);
    }

    private static String host(String scheme, String host) throws EscapeException {
        int open = host.lastIndexOf('[');
        if (open > 0) {
            throw new EscapeException("invalid IP-literal");
        }
        if (open == 0) {
            return ipLiteral(host);
        }
        int colon = host.indexOf(':');
        if (colon >= 0) {
            int last = host.lastIndexOf(':');
            if (last != colon && !scheme.equals("http") && !scheme.equals("https")) {
                colon = last;
            }
            checkPort(host.substring(colon));
        }
        return GoUrlEscaping.unescape(host, Mode.HOST);
    }

    private static String ipLiteral(String host) throws EscapeException {
        int close = host.lastIndexOf(']');
        if (close < 0) {
            throw new EscapeException("missing ']' in host");
        }
        String colonPort = host.substring(close + 1);
        checkPort(colonPort);
        String port = GoUrlEscaping.unescape(colonPort, Mode.HOST);
        String name = host.substring(1, close);
        int zone = name.indexOf("%25");
        String unescaped = zone < 0
                ? GoUrlEscaping.unescape(name, Mode.HOST)
                : GoUrlEscaping.unescape(name.substring(0, zone), Mode.HOST)
                        + GoUrlEscaping.unescape(name.substring(zone), Mode.ZONE);
        if (!unescaped.contains(":") && GoUrl.isIpv6Literal("::ffff:" + unescaped)) {
            throw new EscapeException("invalid IP-literal"); // an IPv4 address in brackets
        }
        if (!GoUrl.isIpv6Literal(unescaped)) {
            // Go's text comes from netip.ParseAddr, whose detail varies with the input.
            throw new EscapeException(
                    "invalid host: ParseAddr(" + GoStrings.quote(unescaped) + "): unable to parse IP");
        }
        return "[" + unescaped + "]" + port;
    }

    private static void checkPort(String colonPort) throws EscapeException {
        boolean valid = colonPort.isEmpty()
                || colonPort.charAt(0) == ':' && colonPort.substring(1).chars().allMatch(c -> '0' <= c && c <= '9');
        if (!valid) {
            throw new EscapeException("invalid port " + GoStrings.quote(colonPort) + " after host");
        }
    }
}
