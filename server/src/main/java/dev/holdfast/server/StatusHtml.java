package dev.holdfast.server;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;

/**
 * Draws the status document of {@link StatusPage} as one self-contained page: tables with headers for
 * the upstreams, the cache, the answers served stale and the last errors; inline SVG charts of the hit
 * rate and the upstreams' latency over the last hour; a few lines of script that fetch the page again
 * every {@value #REFRESH_SECONDS} seconds and swap its content. Nothing is fetched from elsewhere. State
 * is written in words and symbols, never by colour alone. Every string from the document is escaped.
 */
final class StatusHtml {
    static final String CONTENT_TYPE = "text/html; charset=utf-8";

    /** How often the page fetches itself again. */
    static final int REFRESH_SECONDS = 5;

    private static final String SCRIPT = "setInterval(async()=>{try{"
            + "const r=await fetch(location.pathname,{headers:{Accept:'text/html'},cache:'no-store'});"
            + "if(!r.ok)return;"
            + "const d=new DOMParser().parseFromString(await r.text(),'text/html');"
            + "document.querySelector('main').replaceWith(d.querySelector('main'));"
            + "}catch(e){}}," + REFRESH_SECONDS * 1000 + ");";

    /** Only the page's own style and script, and requests back to this server. */
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'unsafe-inline'; script-src '"
            + sha256(SCRIPT) + "'; connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'";

    private static final String STYLE = """
            body{font:15px/1.45 system-ui,sans-serif;margin:0;color:#1b1f24;background:#f6f7f9}
            main{max-width:1400px;margin:0 auto;padding:12px 16px}
            h1{font-size:1.4em;margin:.2em 0}h2{font-size:1.1em;margin:1.2em 0 .4em}
            .meta{color:#4a5360}.scroll{overflow-x:auto}
            table{border-collapse:collapse;width:100%;background:#fff}
            th,td{text-align:left;padding:4px 8px;border-bottom:1px solid #dde1e6;vertical-align:top}
            th{background:#eef1f4}td.num{text-align:right;font-variant-numeric:tabular-nums}
            .up{color:#116329}.down{color:#a40e26}.probing{color:#7d4e00}
            .err{word-break:break-word;max-width:48ch}
            .charts{display:flex;flex-wrap:wrap;gap:16px}.charts figure{flex:1 1 420px;margin:0;background:#fff;padding:8px}
            figcaption{font-weight:600}svg text{font-size:11px;fill:#4a5360}
            @media (max-width:640px){body{font-size:14px}th,td{padding:3px 4px}
            table.stack thead{position:absolute;left:-9999px}
            table.stack tr{display:block;border-bottom:2px solid #c9ced6}
            table.stack th[scope=row],table.stack td{display:block;border:0;max-width:none;text-align:left}
            table.stack td[data-label]::before{content:attr(data-label) ": ";font-weight:600}}
            """;

    private StatusHtml() {}

    /** Returns the page for {@code status}. */
    static String render(JsonNode status) {
        StringBuilder h = new StringBuilder(16 * 1024);
        h.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">")
                .append("<title>Holdfast status</title><style>")
                .append(STYLE)
                .append("</style></head><body><main>");
        header(h, status);
        upstreams(h, status);
        StatusCharts.charts(h, status.path("lastHour"));
        cache(h, status);
        degraded(h, status.path("degraded"));
        fills(h, status.path("fillsInFlight"));
        prefetch(h, status.path("prefetch"));
        errors(h, status.path("recentErrors"));
        h.append("<p class=\"meta\">Shown at ")
                .append(esc(status.path("now").asText()))
                .append("; refreshes every ")
                .append(REFRESH_SECONDS)
                .append(" s. The same data as JSON: <a href=\"/status\">/status</a>.</p>");
        h.append("</main><noscript><meta http-equiv=\"refresh\" content=\"")
                .append(REFRESH_SECONDS * 2)
                .append("\"></noscript><script>")
                .append(SCRIPT)
                .append("</script></body></html>");
        return h.toString();
    }

    private static void header(StringBuilder h, JsonNode s) {
        h.append("<h1>Holdfast status</h1><p class=\"meta\">Instance <span data-k=\"instance\">")
                .append(esc(s.path("instance").asText()))
                .append("</span>, version <span data-k=\"version\">")
                .append(esc(s.path("version").asText()))
                .append("</span>, up <span data-k=\"uptime\">")
                .append(duration(s.path("uptimeSeconds").asLong()))
                .append("</span> (since ")
                .append(esc(s.path("startedAt").asText()))
                .append(")")
                .append(
                        s.path("offline").asBoolean()
                                ? ", <strong>offline: answering from the cache only</strong>"
                                : "")
                .append(". Upstream: <code>")
                .append(esc(s.path("upstream").asText()))
                .append("</code></p>");
    }

    private static void upstreams(StringBuilder h, JsonNode s) {
        h.append(
                        "<h2>Upstreams</h2><div class=\"scroll\"><table class=\"stack\"><thead><tr><th scope=\"col\">Upstream</th>")
                .append("<th scope=\"col\">Health</th><th scope=\"col\">Breaker</th><th scope=\"col\">Since</th>")
                .append("<th scope=\"col\">Latency, last hour</th><th scope=\"col\">p90 to headers</th>")
                .append("<th scope=\"col\">Last error</th></tr></thead><tbody>");
        JsonNode latency = s.path("lastHour").path("upstreamLatencyMillis");
        for (JsonNode u : s.path("upstreams")) {
            String url = u.path("url").asText();
            String health = health(u.path("breaker").asText());
            JsonNode p90 = u.path("link").path("headersP90Millis");
            h.append("<tr data-upstream=\"")
                    .append(esc(url))
                    .append("\"><th scope=\"row\"><code>")
                    .append(esc(url))
                    .append("</code></th><td data-label=\"Health\" class=\"")
                    .append(health)
                    .append("\" data-k=\"health\">")
                    .append(symbol(health))
                    .append(' ')
                    .append(health)
                    .append("</td><td data-label=\"Breaker\" data-k=\"breaker\">")
                    .append(esc(u.path("breaker").asText()))
                    .append(
                            u.path("reason").isTextual()
                                    ? " (" + esc(u.path("reason").asText()) + ")"
                                    : "")
                    .append(
                            u.path("breaker").asText().equals("OPEN")
                                    ? "; next probe in "
                                            + u.path("nextProbeSeconds").asDouble() + " s"
                                    : "")
                    .append("</td><td data-label=\"Since\">")
                    .append(u.path("since").isTextual() ? esc(u.path("since").asText()) : "—")
                    .append("</td><td data-label=\"Latency\">")
                    .append(StatusCharts.sparkline(latency.path(url)))
                    .append("</td><td data-label=\"p90 to headers\" class=\"num\">")
                    .append(p90.isNumber() ? p90.asLong() + " ms" : "—")
                    .append("</td><td data-label=\"Last error\" class=\"err\">")
                    .append(
                            u.path("lastError").isTextual()
                                    ? esc(u.path("lastError").asText())
                                    : "—")
                    .append("</td></tr>");
        }
        h.append("</tbody></table></div>");
    }

    private static void cache(StringBuilder h, JsonNode s) {
        JsonNode c = s.path("cache");
        h.append("<h2>Cache</h2><p>Store <code>")
                .append(esc(c.path("store").asText()))
                .append("</code>");
        if (c.has("files")) {
            h.append(": <span data-k=\"files\">")
                    .append(c.path("files").asLong())
                    .append("</span> files, <span data-k=\"zips\">")
                    .append(c.path("zips").asLong())
                    .append("</span> of them zips, <span data-k=\"bytes\">")
                    .append(bytes(c.path("bytes").asLong()))
                    .append("</span> (counted at ")
                    .append(esc(c.path("countedAt").asText()))
                    .append(")");
        }
        if (c.has("maxBytes")) {
            h.append("; bound <span data-k=\"maxBytes\">")
                    .append(bytes(c.path("maxBytes").asLong()))
                    .append("</span>, <span data-k=\"evictions\">")
                    .append(c.path("evictions").asLong())
                    .append("</span> zips evicted");
        }
        JsonNode m = c.path("memory");
        if (m.path("maxBytes").asLong() > 0) {
            h.append("; in memory <span data-k=\"memoryZips\">")
                    .append(m.path("zips").asLong())
                    .append("</span> zips, <span data-k=\"memoryBytes\">")
                    .append(bytes(m.path("bytes").asLong()))
                    .append("</span> of ")
                    .append(bytes(m.path("maxBytes").asLong()))
                    .append(", sent <span data-k=\"memoryHits\">")
                    .append(m.path("hits").asLong())
                    .append("</span> times");
        }
        h.append(".</p><div class=\"scroll\"><table><thead><tr><th scope=\"col\">Requests</th>")
                .append("<th scope=\"col\">Hits</th><th scope=\"col\">Misses</th><th scope=\"col\">Hit rate</th>")
                .append("</tr></thead><tbody>");
        JsonNode r = s.path("requests");
        hitRow(h, "last 5 minutes", "last5Minutes", r.path("last5Minutes"));
        hitRow(h, "last 60 minutes", "last60Minutes", r.path("last60Minutes"));
        hitRow(h, "since start, all kinds", "total", r.path("total"));
        for (Iterator<Map.Entry<String, JsonNode>> it = r.path("sinceStart").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            hitRow(h, "since start: " + e.getKey(), "kind-" + e.getKey(), e.getValue());
        }
        h.append("</tbody></table></div>");
    }

    private static void hitRow(StringBuilder h, String label, String key, JsonNode n) {
        h.append("<tr data-row=\"")
                .append(esc(key))
                .append("\"><th scope=\"row\">")
                .append(esc(label))
                .append("</th><td class=\"num\" data-k=\"hits\">")
                .append(n.path("hits").asLong())
                .append("</td><td class=\"num\" data-k=\"misses\">")
                .append(n.path("misses").asLong())
                .append("</td><td class=\"num\">")
                .append(
                        n.path("hitRatio").isNumber()
                                ? percent(n.path("hitRatio").asDouble())
                                : "—")
                .append("</td></tr>");
    }

    private static void degraded(StringBuilder h, JsonNode entries) {
        h.append("<h2>Served stale (degraded)</h2>");
        if (entries.isEmpty()) {
            h.append("<p data-k=\"degraded-none\">Nothing: every answer is fresh.</p>");
            return;
        }
        h.append("<div class=\"scroll\"><table class=\"stack\"><thead><tr><th scope=\"col\">Answer</th>")
                .append("<th scope=\"col\">Fetched</th><th scope=\"col\">Why stale</th>")
                .append("<th scope=\"col\">Last served</th></tr></thead><tbody>");
        for (JsonNode e : entries) {
            h.append("<tr data-degraded=\"")
                    .append(esc(e.path("key").asText()))
                    .append("\"><th scope=\"row\"><code>")
                    .append(esc(e.path("key").asText()))
                    .append("</code></th><td data-label=\"Fetched\">")
                    .append(e.path("since").isTextual() ? esc(e.path("since").asText()) : "—")
                    .append("</td><td data-label=\"Why stale\" class=\"err\">")
                    .append(esc(e.path("reason").asText()))
                    .append("</td><td data-label=\"Last served\">")
                    .append(esc(e.path("lastServed").asText()))
                    .append("</td></tr>");
        }
        h.append("</tbody></table></div>");
    }

    private static void fills(StringBuilder h, JsonNode fills) {
        h.append("<h2>Fetching now</h2>");
        if (fills.isEmpty()) {
            h.append("<p>Nothing.</p>");
            return;
        }
        h.append("<ul data-k=\"fills\">");
        for (JsonNode f : fills) {
            h.append("<li><code>").append(esc(f.asText())).append("</code></li>");
        }
        h.append("</ul>");
    }

    private static void prefetch(StringBuilder h, JsonNode p) {
        h.append("<h2>Prefetch</h2><p data-k=\"prefetch\">");
        if (p.path("concurrency").asInt() == 0) {
            h.append("Off.</p>");
            return;
        }
        h.append(p.path("queued").asLong())
                .append(" queued, ")
                .append(p.path("inFlight").asLong())
                .append(" in flight (at most ")
                .append(p.path("concurrency").asInt())
                .append(" at a time); since the start ")
                .append(p.path("fetched").asLong())
                .append(" fetched ahead, ")
                .append(p.path("alreadyCached").asLong())
                .append(" found cached, ")
                .append(p.path("skipped").asLong())
                .append(" skipped (a newer version was asked for), ")
                .append(p.path("failed").asLong())
                .append(" failed, ")
                .append(p.path("dropped").asLong())
                .append(" dropped (upstream trouble or a full queue).</p>");
    }

    private static void errors(StringBuilder h, JsonNode errors) {
        h.append("<h2>Recent errors</h2>");
        if (errors.isEmpty()) {
            h.append("<p>None since the start.</p>");
            return;
        }
        h.append(
                        "<div class=\"scroll\"><table class=\"stack\"><thead><tr><th scope=\"col\">When</th><th scope=\"col\">Request</th>")
                .append("<th scope=\"col\">Status</th><th scope=\"col\">Message</th></tr></thead><tbody>");
        for (JsonNode e : errors) {
            h.append("<tr><td data-label=\"When\">")
                    .append(esc(e.path("at").asText()))
                    .append("</td><th scope=\"row\"><code>")
                    .append(esc(e.path("request").asText()))
                    .append("</code></th><td data-label=\"Status\" class=\"num\">")
                    .append(e.path("status").asInt())
                    .append("</td><td data-label=\"Message\" class=\"err\">")
                    .append(esc(e.path("message").asText()))
                    .append("</td></tr>");
        }
        h.append("</tbody></table></div>");
    }

    private static String health(String breaker) {
        return switch (breaker) {
            case "OPEN", "FORCED_OPEN" -> "down";
            case "HALF_OPEN" -> "probing";
            default -> "up";
        };
    }

    private static String symbol(String health) {
        return switch (health) {
            case "down" -> "✗";
            case "probing" -> "…";
            default -> "✓";
        };
    }

    static String duration(long seconds) {
        if (seconds < 60) {
            return seconds + " s";
        }
        if (seconds < 3600) {
            return seconds / 60 + " min " + seconds % 60 + " s";
        }
        if (seconds < 86_400) {
            return seconds / 3600 + " h " + seconds % 3600 / 60 + " min";
        }
        return seconds / 86_400 + " d " + seconds % 86_400 / 3600 + " h";
    }

    static String bytes(long b) {
        if (b < 1024) {
            return b + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double v = b;
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(Locale.ROOT, "%.1f %s", v, units[u]);
    }

    private static String percent(double ratio) {
        return String.format(Locale.ROOT, "%.1f %%", ratio * 100);
    }

    static String trim(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.format(Locale.ROOT, "%.1f", v);
    }

    /** Escapes {@code s} for HTML text and attribute values. */
    static String esc(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    private static String sha256(String script) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(script.getBytes(StandardCharsets.UTF_8));
            return "sha256-" + Base64.getEncoder().encodeToString(d);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks SHA-256", e);
        }
    }
}
