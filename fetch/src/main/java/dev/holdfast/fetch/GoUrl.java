package dev.holdfast.fetch;

import dev.holdfast.fetch.GoUrlEscaping.EscapeException;
import dev.holdfast.fetch.GoUrlEscaping.Mode;
import dev.holdfast.module.GoPath;
import dev.holdfast.module.GoStrings;
import java.net.InetAddress;

/**
 * A URL parsed exactly as Go's {@code net/url.Parse} parses it, so that GOPROXY entries are accepted,
 * rejected and printed (in error messages) as the go command does. Paths are kept decoded with their
 * original escaping as a hint, as Go keeps {@code Path} and {@code RawPath}.
 *
 * @param scheme lower-cased scheme, or ""
 * @param opaque the encoded opaque part of {@code scheme:opaque}, or ""
 * @param user the user information, or null
 * @param host {@code host} or {@code host:port}, or ""
 * @param path the decoded path
 * @param rawPath the original encoded path when it differs from the default encoding of {@code path}
 * @param rawQuery the encoded query without {@code ?}
 * @param forceQuery whether the URL ended in a lone {@code ?}
 * @param fragment the decoded fragment
 * @param rawFragment the original encoded fragment when it differs from the default encoding
 * @param omitHost whether the URL had a scheme and a path but no authority ({@code file:/x})
 */
record GoUrl(
        String scheme,
        String opaque,
        UserInfo user,
        String host,
        String path,
        String rawPath,
        String rawQuery,
        boolean forceQuery,
        String fragment,
        String rawFragment,
        boolean omitHost) {

    /** User name and optional password of a URL's authority. */
    record UserInfo(String username, String password, boolean passwordSet) {
        String format(boolean redact) {
            String s = GoUrlEscaping.escape(username, Mode.USER_PASSWORD);
            if (passwordSet) {
                s += ":" + (redact ? "xxxxx" : GoUrlEscaping.escape(password, Mode.USER_PASSWORD));
            }
            return s;
        }
    }

    /**
     * Returns {@code raw} parsed.
     *
     * @throws IllegalArgumentException with Go's message, for example {@code parse "http://[::1": missing
     *     ']' in host}
     */
    static GoUrl parse(String raw) {
        int hash = raw.indexOf('#');
        String u = hash < 0 ? raw : raw.substring(0, hash);
        GoUrl url;
        try {
            url = GoUrlParser.parse(u);
        } catch (EscapeException e) {
            throw new IllegalArgumentException("parse " + GoStrings.quote(u) + ": " + e.getMessage());
        }
        if (hash < 0 || hash == raw.length() - 1) {
            return url;
        }
        String frag = raw.substring(hash + 1);
        try {
            String decoded = GoUrlEscaping.unescape(frag, Mode.FRAGMENT);
            String rawFrag = GoUrlEscaping.escape(decoded, Mode.FRAGMENT).equals(frag) ? "" : frag;
            return url.withFragment(decoded, rawFrag);
        } catch (EscapeException e) {
            throw new IllegalArgumentException("parse " + GoStrings.quote(raw) + ": " + e.getMessage());
        }
    }

    private GoUrl withFragment(String fragment, String rawFragment) {
        return new GoUrl(
                scheme, opaque, user, host, path, rawPath, rawQuery, forceQuery, fragment, rawFragment, omitHost);
    }

    /** Returns a copy with path and raw path replaced (Go assigns {@code Path} and {@code RawPath}). */
    GoUrl withPath(String path, String rawPath) {
        return new GoUrl(
                scheme, opaque, user, host, path, rawPath, rawQuery, forceQuery, fragment, rawFragment, omitHost);
    }

    /**
     * Returns the URL of {@code rel} under this one, as the go command's proxy client builds it: both
     * the decoded and the raw path are joined and cleaned ({@code path.Join}), {@code rel} being escaped
     * for the raw path.
     */
    GoUrl resolve(String rel) {
        return withPath(GoPath.join(path, rel), GoPath.join(rawPath, GoUrlEscaping.pathEscape(rel)));
    }

    /** Reports whether the URL has nothing but a scheme and a path (what a {@code file://} proxy may have). */
    boolean isPathOnly() {
        return opaque.isEmpty()
                && user == null
                && host.isEmpty()
                && rawQuery.isEmpty()
                && !forceQuery
                && fragment.isEmpty()
                && rawFragment.isEmpty()
                && !omitHost;
    }

    /** Returns the escaped form of the path (Go's {@code EscapedPath}). */
    String escapedPath() {
        if (!rawPath.isEmpty() && GoUrlEscaping.validEncoded(rawPath, Mode.PATH)) {
            try {
                if (GoUrlEscaping.unescape(rawPath, Mode.PATH).equals(path)) {
                    return rawPath;
                }
            } catch (EscapeException e) {
                // fall through to the default encoding, as Go does
            }
        }
        return path.equals("*") ? "*" : GoUrlEscaping.escape(path, Mode.PATH);
    }

    /** Returns the URL as text (Go's {@code String}). */
    @Override
    public String toString() {
        return format(false, true);
    }

    /** Returns the URL as text with any password replaced by {@code xxxxx} (Go's {@code Redacted}). */
    String redacted() {
        return format(true, true);
    }

    /** Returns the URL as text without user information, for sending a request. */
    String withoutUser() {
        return format(false, false);
    }

    /**
     * Returns the {@code Authorization} header value the URL's user and password make (Basic, as the go
     * command sends for {@code GOPROXY=https://user:password@host}), or null when it names no user.
     */
    String basicAuthorization() {
        if (user == null) {
            return null;
        }
        return BasicAuth.header(user.username(), user.password());
    }

    private String format(boolean redact, boolean withUser) {
        UserInfo ui = withUser ? user : null;
        StringBuilder b = new StringBuilder();
        if (!scheme.isEmpty()) {
            b.append(scheme).append(':');
        }
        if (!opaque.isEmpty()) {
            b.append(opaque);
        } else {
            if (!scheme.isEmpty() || !host.isEmpty() || ui != null) {
                if (!(omitHost && host.isEmpty() && ui == null)) {
                    if (!host.isEmpty() || !path.isEmpty() || ui != null) {
                        b.append("//");
                    }
                    if (ui != null) {
                        b.append(ui.format(redact)).append('@');
                    }
                    b.append(GoUrlEscaping.escape(host, Mode.HOST));
                }
            }
            String p = escapedPath();
            if (!p.isEmpty() && p.charAt(0) != '/' && !host.isEmpty()) {
                b.append('/');
            }
            if (b.isEmpty()) {
                int slash = p.indexOf('/');
                if ((slash < 0 ? p : p.substring(0, slash)).contains(":")) {
                    b.append("./");
                }
            }
            b.append(p);
        }
        if (forceQuery || !rawQuery.isEmpty()) {
            b.append('?').append(rawQuery);
        }
        if (!fragment.isEmpty()) {
            b.append('#');
            b.append(!rawFragment.isEmpty() ? rawFragment : GoUrlEscaping.escape(fragment, Mode.FRAGMENT));
        }
        return b.toString();
    }

    /** Reports whether {@code s} is an IPv6 address literal (what Go's {@code netip.ParseAddr} accepts). */
    static boolean isIpv6Literal(String s) {
        int zone = s.indexOf('%');
        String address = zone < 0 ? s : s.substring(0, zone);
        if (!address.contains(":") || zone == s.length() - 1) {
            return false;
        }
        try {
            InetAddress.ofLiteral(address); // never a name lookup
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
