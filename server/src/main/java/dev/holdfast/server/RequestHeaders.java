package dev.holdfast.server;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The request headers the handler reads, by case-insensitive name, and where the request came from.
 *
 * @param values the header values by lower-case name
 * @param fromLoopback whether the client is on this machine (a loopback address)
 */
record RequestHeaders(Map<String, String> values, boolean fromLoopback) {
    /** The request header asking for an answer from the store only, never from an upstream. */
    static final String CACHE_ONLY = "X-Holdfast-Cache-Only";

    static final RequestHeaders NONE = new RequestHeaders(Map.of());

    /** Returns headers of a request from this machine. */
    RequestHeaders(Map<String, String> values) {
        this(values, true);
    }

    RequestHeaders {
        Map<String, String> lower = new TreeMap<>();
        values.forEach((k, v) -> lower.put(k.toLowerCase(Locale.ROOT), v));
        values = Map.copyOf(lower);
    }

    /** Returns the headers {@code nameValuePairs} (name, value, name, value, ...). */
    static RequestHeaders of(String... nameValuePairs) {
        Map<String, String> map = new TreeMap<>();
        for (int i = 0; i + 1 < nameValuePairs.length; i += 2) {
            map.put(nameValuePairs[i], nameValuePairs[i + 1]);
        }
        return new RequestHeaders(map);
    }

    /** Returns the value of header {@code name}, or empty. */
    Optional<String> get(String name) {
        return Optional.ofNullable(values.get(name.toLowerCase(Locale.ROOT)));
    }

    /** Reports whether the client prefers HTML: a browser ({@code Accept: text/html,...}). */
    boolean acceptsHtml() {
        return get("Accept")
                .map(v -> v.toLowerCase(Locale.ROOT).contains("text/html"))
                .orElse(false);
    }

    /** Reports whether the client asked for a cache-only answer ({@code X-Holdfast-Cache-Only: 1} or {@code true}). */
    boolean cacheOnly() {
        return get(CACHE_ONLY)
                .map(v -> v.equals("1") || v.equalsIgnoreCase("true"))
                .orElse(false);
    }
}
