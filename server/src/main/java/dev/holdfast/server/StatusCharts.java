package dev.holdfast.server;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The status page's charts, drawn by the server as inline SVG: a line chart per series of per-minute
 * values over the last hour (gaps where a minute has none; series told apart by dash pattern as well as
 * colour) and a small latency line for each upstream's table row.
 */
final class StatusCharts {
    private static final String[] COLOURS = {"#0b5cad", "#b35900", "#6b3fa0", "#1a7f37"};
    private static final String[] DASHES = {"", "6 3", "2 3", "10 3 2 3"};

    private StatusCharts() {}

    static void charts(StringBuilder h, JsonNode lastHour) {
        h.append("<h2>Last hour</h2><div class=\"charts\">");
        chart(h, "Cache hit rate per minute", Map.of("hit rate", values(lastHour.path("hitRatio"), 100)), 100, "%");
        Map<String, double[]> latency = new LinkedHashMap<>();
        double max = 0;
        for (Iterator<Map.Entry<String, JsonNode>> it =
                        lastHour.path("upstreamLatencyMillis").fields();
                it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            double[] v = values(e.getValue(), 1);
            latency.put(e.getKey(), v);
            for (double x : v) {
                max = Math.max(max, x);
            }
        }
        chart(h, "Upstream latency per minute (mean)", latency, niceCeiling(max), " ms");
        h.append("</div>");
    }

    /** Draws a line chart of per-minute values (NaN where a minute has none), oldest at the left. */
    private static void chart(StringBuilder h, String title, Map<String, double[]> series, double yMax, String unit) {
        int w = 600;
        int ht = 170;
        int left = 46;
        int right = 10;
        int top = 10;
        int bottom = 24;
        double plotW = w - left - right;
        double plotH = ht - top - bottom;
        h.append("<figure><figcaption>").append(StatusHtml.esc(title)).append("</figcaption>");
        h.append("<svg viewBox=\"0 0 ")
                .append(w)
                .append(' ')
                .append(ht)
                .append("\" width=\"100%\" role=\"img\" aria-label=\"")
                .append(StatusHtml.esc(title))
                .append("\">");
        for (int i = 0; i <= 4; i++) {
            double y = top + plotH - plotH * i / 4;
            h.append(String.format(
                    Locale.ROOT,
                    "<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#dde1e6\"/>"
                            + "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s%s</text>",
                    left,
                    w - right,
                    y,
                    y,
                    left - 4,
                    y + 4,
                    StatusHtml.trim(yMax * i / 4),
                    StatusHtml.esc(unit)));
        }
        h.append(String.format(
                Locale.ROOT,
                "<text x=\"%d\" y=\"%d\">60 min ago</text><text x=\"%d\" y=\"%d\" text-anchor=\"end\">now</text>",
                left,
                ht - 6,
                w - right,
                ht - 6));
        int n = 0;
        for (Map.Entry<String, double[]> e : series.entrySet()) {
            double[] v = e.getValue();
            String colour = COLOURS[n % COLOURS.length];
            String dash = DASHES[n % DASHES.length];
            for (String points : segments(v, left, top, plotW, plotH, yMax)) {
                h.append("<polyline fill=\"none\" stroke-width=\"2\" stroke=\"")
                        .append(colour)
                        .append('"')
                        .append(dash.isEmpty() ? "" : " stroke-dasharray=\"" + dash + "\"")
                        .append(" points=\"")
                        .append(points)
                        .append("\"/>");
            }
            n++;
        }
        h.append("</svg>");
        if (series.size() > 1 || series.values().stream().allMatch(StatusCharts::empty)) {
            h.append("<p class=\"meta\">");
            n = 0;
            for (Map.Entry<String, double[]> e : series.entrySet()) {
                h.append(n == 0 ? "" : "; ")
                        .append("<span style=\"color:")
                        .append(COLOURS[n % COLOURS.length])
                        .append("\">")
                        .append(new String[] {"━", "╍", "┈", "━ ·"}[n % DASHES.length])
                        .append("</span> ")
                        .append(StatusHtml.esc(e.getKey()));
                n++;
            }
            h.append(series.isEmpty() || series.values().stream().allMatch(StatusCharts::empty) ? "No data yet." : "")
                    .append("</p>");
        }
        h.append("</figure>");
    }

    /** Returns the polyline point lists of {@code v}, one per run of minutes that have a value. */
    private static List<String> segments(double[] v, int left, int top, double plotW, double plotH, double yMax) {
        List<String> out = new ArrayList<>();
        StringBuilder run = new StringBuilder();
        int inRun = 0;
        for (int i = 0; i < v.length; i++) {
            if (Double.isNaN(v[i])) {
                if (inRun > 0) {
                    out.add(inRun == 1 ? widen(run.toString()) : run.toString());
                }
                run.setLength(0);
                inRun = 0;
                continue;
            }
            double x = left + plotW * i / Math.max(1, v.length - 1);
            double y = top + plotH - plotH * Math.min(v[i], yMax) / yMax;
            run.append(inRun == 0 ? "" : " ").append(String.format(Locale.ROOT, "%.1f,%.1f", x, y));
            inRun++;
        }
        if (inRun > 0) {
            out.add(inRun == 1 ? widen(run.toString()) : run.toString());
        }
        return out;
    }

    /** Makes a lone point a short dash, so that a single minute with data is visible. */
    private static String widen(String point) {
        String[] xy = point.split(",");
        double x = Double.parseDouble(xy[0]);
        return String.format(Locale.ROOT, "%.1f,%s %.1f,%s", x - 3, xy[1], x + 3, xy[1]);
    }

    /** A small latency line for one upstream's table row. */
    static String sparkline(JsonNode values) {
        double[] v = values(values, 1);
        if (empty(v)) {
            return "no calls";
        }
        double max = 0;
        double last = Double.NaN;
        for (double x : v) {
            if (!Double.isNaN(x)) {
                max = Math.max(max, x);
                last = x;
            }
        }
        double top = niceCeiling(max);
        StringBuilder h = new StringBuilder("<svg viewBox=\"0 0 120 24\" width=\"120\" height=\"24\" role=\"img\" "
                + "aria-label=\"mean latency per minute, up to " + StatusHtml.trim(max) + " ms\">");
        for (String points : segments(v, 0, 2, 120, 20, top)) {
            h.append("<polyline fill=\"none\" stroke=\"#0b5cad\" stroke-width=\"1.5\" points=\"")
                    .append(points)
                    .append("\"/>");
        }
        return h.append("</svg> ").append(StatusHtml.trim(last)).append(" ms").toString();
    }

    private static double[] values(JsonNode array, double scale) {
        double[] v = new double[array.size()];
        for (int i = 0; i < v.length; i++) {
            JsonNode x = array.get(i);
            v[i] = x.isNumber() ? x.asDouble() * scale : Double.NaN;
        }
        return v;
    }

    private static boolean empty(double[] v) {
        for (double x : v) {
            if (!Double.isNaN(x)) {
                return false;
            }
        }
        return true;
    }

    /** Returns 1, 2 or 5 times a power of ten at or above {@code x} (at least 1). */
    static double niceCeiling(double x) {
        double p = 1;
        while (p * 10 <= x) {
            p *= 10;
        }
        for (double m : new double[] {1, 2, 5, 10}) {
            if (m * p >= x) {
                return m * p;
            }
        }
        return 10 * p;
    }
}
