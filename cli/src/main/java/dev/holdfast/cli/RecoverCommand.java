package dev.holdfast.cli;

import dev.holdfast.degraded.OverlayRecord;
import dev.holdfast.degraded.Resolution;
import dev.holdfast.degraded.Substitution;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code holdfast recover}: back from degraded mode to the exact versions. */
@Command(
        name = "recover",
        mixinStandardHelpOptions = true,
        header = "Goes back from degraded mode to the exact versions.",
        description = {
            "Goes back from degraded mode (see `holdfast download --allow-degraded`):",
            "fetches everything the project's own go.mod needs again, exact versions",
            "first. Each substitution whose wanted version can now be had is dropped.",
            "When none remains, the overlay (.holdfast/degraded/ under the module root)",
            "is removed and the project builds with its own go.mod and go.sum again;",
            "otherwise the overlay is rewritten with the substitutions still needed,",
            "and they are listed. go.mod and go.sum are never changed."
        },
        footer = {
            "",
            "With --json, one object: Recovered and StillDegraded (substitutions), and",
            "Overlay (the overlay go.mod, absent once recovered).",
            "",
            "Exit codes: 0 recovered, or nothing to recover; 1 still degraded (some",
            "wanted versions still cannot be had; the overlay keeps their substitutes)",
            "or a download failed verification; 2 bad input; 3 the sources are",
            "unavailable and a module can be had neither exactly nor from the cache",
            "(the overlay is left as it was)."
        })
final class RecoverCommand extends ProjectCommand {

    @Option(names = "--json", description = "Print the outcome as one JSON object.")
    private boolean json;

    @Mixin
    private NetworkOptions network;

    @Override
    int run() throws IOException {
        PrintWriter out = out();
        ProjectDownload project = ProjectDownload.open(context(), project(), network.network(), true);
        Optional<OverlayRecord> before = project.overlay().read();
        if (before.isEmpty()) {
            if (json) {
                JsonOutput.print(out, outcome(List.of(), Optional.empty(), null));
            } else if (!quiet()) {
                out.println("not degraded: nothing to recover");
            }
            return ExitCodes.OK;
        }
        ProjectDownload.Outcome outcome = project.run(true, json || quiet(), terminal(), err());
        Resolution r = outcome.resolution();
        int code = DownloadCommand.reportFailures(err(), r);
        if (!json && !quiet()) {
            err().println("holdfast recover: " + DownloadCommand.summaryLine(outcome, project));
        }
        if (code != ExitCodes.OK) {
            if (json) {
                JsonOutput.print(out, outcome(List.of(), before, project));
            }
            return code;
        }
        List<Substitution> recovered = new ArrayList<>();
        for (Substitution old : before.get().substitutions()) {
            if (r.substitutions().stream().noneMatch(s -> s.wantedVersion().equals(old.wantedVersion()))) {
                recovered.add(old);
            }
        }
        Optional<OverlayRecord> after = Optional.empty();
        if (r.degraded()) {
            after = Optional.of(project.writeOverlay(r, before));
        } else {
            project.overlay().remove();
        }
        if (json) {
            JsonOutput.print(out, outcome(recovered, after, project));
        } else {
            print(out, recovered, after, project);
        }
        return after.isEmpty() ? ExitCodes.OK : ExitCodes.FINDINGS;
    }

    private void print(
            PrintWriter out, List<Substitution> recovered, Optional<OverlayRecord> after, ProjectDownload project) {
        for (Substitution s : recovered) {
            out.println("recovered: " + s.path() + " " + s.wanted() + " (was " + s.used() + ")");
        }
        if (after.isEmpty()) {
            out.println("back to normal: the overlay is removed; build with the project's own go.mod");
            return;
        }
        out.println("still degraded:");
        for (Substitution s : after.get().substitutions()) {
            out.println("\t" + s.format() + "\t(" + s.reason() + ")");
        }
        DegradedReport.printRaised(out, after.get().raised());
        DegradedReport report = new DegradedReport(environment(), project.overlay());
        out.println("build with:");
        out.println("\t" + report.command());
    }

    private Map<String, Object> outcome(
            List<Substitution> recovered, Optional<OverlayRecord> after, ProjectDownload project) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("Recovered", DegradedReport.substitutions(recovered));
        o.put(
                "StillDegraded",
                DegradedReport.substitutions(
                        after.map(OverlayRecord::substitutions).orElse(List.of())));
        if (after.isPresent()) {
            o.put("Overlay", new DegradedReport(environment(), project.overlay()).fields(after.get()));
        }
        return o;
    }
}
