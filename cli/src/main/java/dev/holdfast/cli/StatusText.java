package dev.holdfast.cli;

import dev.holdfast.degraded.BuildListNotices;
import dev.holdfast.degraded.OverlayRecord;
import dev.holdfast.degraded.SourceProbe;
import dev.holdfast.degraded.Substitution;
import dev.holdfast.fetch.GoEnv;
import dev.holdfast.fetch.ProxyList;
import dev.holdfast.query.AuthorNotices;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** How {@code holdfast status} shows itself: text sections for people, go-style fields for JSON. */
final class StatusText {
    /** How many errors are listed before the rest are counted. */
    private static final int MAX_ERRORS = 5;

    private StatusText() {}

    /** Prints the status as text. */
    static void print(
            PrintWriter out,
            GoEnv env,
            List<SourceProbe.Health> sources,
            DegradedReport report,
            Optional<OverlayRecord> record,
            Optional<Boolean> stale,
            StatusCommand.Modules modules) {
        List<BuildListNotices.Notice> notices = modules.notices();
        String graphError = modules.error();
        out.println("sources (GOPROXY=" + ProxyList.redacted(env.goproxy()) + "):");
        for (SourceProbe.Health h : sources) {
            String line = "\t" + h.source() + "\t" + h.state().name().toLowerCase(Locale.ROOT);
            if (h.state() == SourceProbe.State.UP || h.state() == SourceProbe.State.DOWN) {
                line += "\t" + h.elapsed().toMillis() + " ms";
            }
            if (!h.detail().isEmpty()) {
                line += "\t" + h.detail().replace('\n', ' ');
            }
            out.println(line);
        }
        if (record.isEmpty()) {
            out.println("degraded: no (builds use the project's go.mod)");
        } else {
            List<Substitution> subs = record.get().substitutions();
            out.println("degraded: " + subs.size() + " substitution" + (subs.size() == 1 ? "" : "s") + " since "
                    + record.get().written() + " in " + report.overlay().goMod());
            for (Substitution s : subs) {
                out.println("\t" + s.format() + "\t(" + s.need().word() + "; "
                        + s.reason().replace('\n', ' ') + ")");
            }
            DegradedReport.printRaised(out, record.get().raised());
            if (stale.orElse(false)) {
                out.println("\twarning: go.mod or go.sum changed since the overlay was written; run `holdfast download"
                        + " --allow-degraded` or `holdfast recover` again");
            }
            out.println("\tbuild with: " + report.command());
        }
        if (!graphError.isEmpty()) {
            out.println("build list: could not be loaded: " + graphError.replace("\n", "\n\t"));
            return;
        }
        String caveat = caveat(notices, modules.staleLists());
        section(out, "updates", caveat, notices, n -> n.update()
                .map(u -> n.module().path() + " " + n.module().version() + " [" + u.version() + "]"));
        section(
                out,
                "retracted",
                caveat,
                notices,
                n -> n.retracted().isEmpty()
                        ? Optional.empty()
                        : Optional.of(n.module().path() + " " + n.module().version() + ": "
                                + String.join("; ", n.retracted())));
        section(
                out,
                "deprecated",
                caveat,
                notices,
                n -> n.deprecated().isEmpty()
                        ? Optional.empty()
                        : Optional.of(n.module().path() + ": " + AuthorNotices.shortMessage(n.deprecated(), "")));
        List<String> errors = notices.stream()
                .filter(n -> !n.error().isEmpty())
                .map(BuildListNotices.Notice::error)
                .toList();
        if (errors.isEmpty()) {
            out.println("errors: none");
            return;
        }
        // An outage fails every module the same way: a few say how, the count says how many.
        out.println("errors:");
        errors.stream().limit(MAX_ERRORS).forEach(e -> out.println("\t" + e.replace('\n', ' ')));
        if (errors.size() > MAX_ERRORS) {
            out.println("\t... and " + Plural.of(errors.size() - MAX_ERRORS, "more module") + " (--json lists each)");
        }
    }

    /**
     * Returns what the notices could not see, for a section that found nothing to say "none found (...)"
     * instead of "none": modules whose lookups failed, and modules looked up in old version lists.
     */
    private static String caveat(List<BuildListNotices.Notice> notices, int staleLists) {
        long failed = notices.stream().filter(n -> !n.error().isEmpty()).count();
        List<String> parts = new ArrayList<>();
        if (failed > 0) {
            parts.add(Plural.of(failed, "module") + " could not be looked up");
        }
        if (staleLists > 0) {
            parts.add(staleLists + " only in the version lists the module cache kept");
        }
        return String.join(", ", parts);
    }

    private static void section(
            PrintWriter out,
            String title,
            String caveat,
            List<BuildListNotices.Notice> notices,
            java.util.function.Function<BuildListNotices.Notice, Optional<String>> line) {
        List<String> lines = new ArrayList<>();
        for (BuildListNotices.Notice n : notices) {
            line.apply(n).ifPresent(lines::add);
        }
        if (lines.isEmpty()) {
            out.println(title + (caveat.isEmpty() ? ": none" : ": none found (" + caveat + ")"));
            return;
        }
        out.println(title + (caveat.isEmpty() ? ":" : " (" + caveat + "):"));
        lines.forEach(l -> out.println("\t" + l));
    }

    /** Returns one object per module with the fields of {@code go list -m -u -retracted -json}. */
    static List<Map<String, Object>> moduleFields(List<BuildListNotices.Notice> notices) {
        List<Map<String, Object>> list = new ArrayList<>();
        for (BuildListNotices.Notice n : notices) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("Path", n.module().path());
            m.put("Version", n.module().version());
            n.update().ifPresent(u -> {
                Map<String, Object> up = new LinkedHashMap<>();
                up.put("Path", n.module().path());
                up.put("Version", u.version());
                if (u.time() != null) {
                    up.put("Time", u.time().toString());
                }
                m.put("Update", up);
            });
            n.replace().ifPresent(r -> m.put("Replace", JsonOutput.module(r)));
            if (!n.retracted().isEmpty()) {
                m.put("Retracted", n.retracted());
            }
            if (!n.deprecated().isEmpty()) {
                m.put("Deprecated", n.deprecated());
            }
            if (!n.error().isEmpty()) {
                m.put("Error", Map.of("Err", n.error()));
            }
            list.add(m);
        }
        return list;
    }
}
