package dev.holdfast.fetch;

/**
 * One entry of the GOPROXY list (the go command's {@code proxySpec}): a proxy URL, {@code direct},
 * {@code off}, or the implicit {@code noproxy} entry that GONOPROXY adds in front. Only a URL entry may
 * fall back on any error; the others never do, as in the go command.
 */
public sealed interface ProxySpec {
    /**
     * Reports whether a request goes on to the next entry after any failure of this one (the entry was
     * followed by {@code |}), not only after a not-found answer (a {@code ,}).
     */
    boolean fallBackOnError();

    /**
     * Returns the entry as the go command names it, for messages and status pages: the URL with any
     * password replaced by {@code xxxxx} (as Go's {@code url.Redacted}), {@code direct}, {@code off} or
     * {@code noproxy}.
     */
    String token();

    /**
     * A module proxy at {@code url} ({@code https://}, {@code http://} or {@code file://}, as the go
     * command accepts it, {@code https://} already prepended to a bare host). The URL may carry a user
     * and password: only {@link #url()} gives them, to the code that connects; {@link #token()} and
     * {@link #toString()} never do.
     *
     * @param url the proxy's base URL, never null
     * @param fallBackOnError whether the entry was followed by {@code |}
     */
    record Url(String url, boolean fallBackOnError) implements ProxySpec {
        @Override
        public String token() {
            if (!url.contains("@")) {
                return url; // nothing to hide: as written
            }
            try {
                return GoUrl.parse(url).redacted();
            } catch (RuntimeException e) {
                return "(a malformed proxy URL)";
            }
        }

        @Override
        public String toString() {
            return "Url[" + token() + (fallBackOnError ? ", |" : ", ,") + "]";
        }
    }

    /** Fetching from version control ({@code direct}); always the last entry. */
    record Direct() implements ProxySpec {
        @Override
        public boolean fallBackOnError() {
            return false;
        }

        @Override
        public String token() {
            return "direct";
        }
    }

    /** No lookups at all ({@code off}); always the last entry. */
    record Off() implements ProxySpec {
        @Override
        public boolean fallBackOnError() {
            return false;
        }

        @Override
        public String token() {
            return "off";
        }
    }

    /**
     * The implicit first entry when GONOPROXY (or GOPRIVATE) is set: modules matching {@code patterns}
     * are fetched directly here and never from a proxy; all others go on to the next entry.
     *
     * @param patterns the GONOPROXY value, a comma-separated list of path prefix globs
     */
    record NoProxy(String patterns) implements ProxySpec {
        @Override
        public boolean fallBackOnError() {
            return false;
        }

        @Override
        public String token() {
            return "noproxy";
        }
    }
}
