package dev.holdfast.cli;

import dev.holdfast.degraded.Overlay;
import dev.holdfast.degraded.OverlayRecord;
import dev.holdfast.degraded.Substitution;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How the degraded state of a project is shown: the substitutions, and the exact {@code go build
 * -modfile=...} command and GOFLAGS setting that build with the overlay.
 *
 * @param environment the process environment (for the GOFLAGS already set)
 * @param overlay where the project's overlay is
 */
record DegradedReport(Map<String, String> environment, Overlay overlay) {

    /** Returns {@code go build -modfile=<overlay go.mod> ./...}, the path relative to the working directory when under it. */
    String command() {
        return "go build -modfile=" + shown(overlay.goMod()) + " ./...";
    }

    /** Returns the GOFLAGS value that makes every go command use the overlay: the flags already set plus {@code -modfile}. */
    String goflags() {
        String existing = environment.getOrDefault("GOFLAGS", "").strip();
        String modfile = "-modfile=" + overlay.goMod();
        return existing.isEmpty() ? modfile : existing + " " + modfile;
    }

    /** Prints the substitutions and raised requirements of {@code record} and how to build with them. */
    void printOverlay(PrintWriter out, OverlayRecord record) {
        List<Substitution> subs = record.substitutions();
        out.println("degraded: " + subs.size() + " module version" + (subs.size() == 1 ? "" : "s")
                + " substituted from the module cache (the sources were unreachable):");
        for (Substitution s : subs) {
            out.println("\t" + s.format() + "\t(" + s.need().word() + ")");
        }
        printRaised(out, record.raised());
        out.println("overlay: " + overlay.goMod() + " (go.mod and go.sum are unchanged)");
        out.println("build with:");
        out.println("\t" + command());
        out.println("or set:");
        out.println("\tGOFLAGS='" + goflags() + "'");
        out.println("run `holdfast recover` when the sources are back, to return to the exact versions.");
    }

    /** Prints the requirements the overlay raises, if any. */
    static void printRaised(PrintWriter out, List<OverlayRecord.Raise> raised) {
        if (raised.isEmpty()) {
            return;
        }
        out.println("raised, because substitutes require more:");
        for (OverlayRecord.Raise r : raised) {
            out.println("\t" + r.path() + " " + r.from() + " => " + r.to());
        }
    }

    /**
     * Returns the JSON fields of the degraded state: overlay files, command, GOFLAGS, substitutions and
     * raised requirements.
     */
    Map<String, Object> fields(OverlayRecord record) {
        List<Substitution> subs = record.substitutions();
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("GoMod", overlay.goMod().toString());
        f.put("GoSum", overlay.goSum().toString());
        f.put("Record", overlay.record().toString());
        f.put("Command", command());
        f.put("GoFlags", goflags());
        f.put("Substitutions", substitutions(subs));
        f.put(
                "Raised",
                record.raised().stream()
                        .map(r -> JsonOutput.move(r.path(), r.from(), r.to()))
                        .toList());
        return f;
    }

    /** Returns the substitutions as JSON objects: Path, Wanted, Used, Need, Reason, Time. */
    static List<Map<String, Object>> substitutions(List<Substitution> subs) {
        return subs.stream().map(Substitution::fields).toList();
    }

    private static String shown(Path file) {
        Path cwd = Path.of("").toAbsolutePath();
        return file.startsWith(cwd) ? cwd.relativize(file).toString() : file.toString();
    }
}
