package dev.holdfast.cli;

import dev.holdfast.degraded.DownloadSet;
import dev.holdfast.fetch.GoEnv;
import dev.holdfast.modload.Workspace;
import dev.holdfast.module.ModuleVersion;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code holdfast download} in workspace mode: what {@code go mod download} fetches there — the pattern
 * {@code all}, every module of the workspace's build list but its own modules, each through the
 * workspace's replacements (a directory has nothing to download) — checked against go.work.sum, the
 * modules' go.sum files and the checksum database. Degraded mode is not offered here: its overlay is a
 * go.mod of the one main module.
 */
final class WorkspaceDownload {
    private WorkspaceDownload() {}

    /** Downloads for {@code command} in the workspace of {@code goWork}; returns the exit code. */
    static int run(DownloadCommand command, Path goWork, Network network, boolean json) throws IOException {
        Context context = command.context();
        Instant start = context.clock().instant();
        ProjectGraph project =
                ProjectGraph.loadWorkspace(command, goWork, context.sources().network(network), context.sumdb(network));
        List<ModuleVersion> zips = zips(project);
        ZipFetch fetch = new ZipFetch(project.stack());
        Map<ModuleVersion, Exception> failed =
                fetch.fetch(zips, json || command.quiet(), command.terminal(), command.err());
        Duration elapsed = Duration.between(start, context.clock().instant());
        PrintWriter out = command.out();
        int code = ExitCodes.OK;
        for (ModuleVersion mv : zips) {
            Exception e = failed.get(mv);
            if (e == null) {
                if (json) {
                    JsonOutput.print(out, ModuleFiles.describe(project.stack().store(), mv));
                }
                continue;
            }
            String message = ErrorReport.forModule(mv.path(), mv.version(), e);
            if (json) {
                JsonOutput.print(out, ModuleFiles.error(mv, message));
            }
            command.err().println("holdfast: " + message);
            code = ExitCodes.worst(code, ExitCodes.of(e));
        }
        int goMods = ProjectDownload.goModFiles(project.graph());
        int noInfo = fetch.missingInfo(zips);
        if (json) {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("Workspace", goWork.toString());
            s.put("Zips", zips.size());
            s.put("Downloaded", fetch.downloaded());
            s.put("Cached", fetch.cached());
            s.put("Bytes", fetch.bytes());
            s.put("GoModFiles", goMods);
            s.put("MissingInfo", noInfo);
            s.put("Seconds", elapsed.toMillis() / 1000.0);
            if (!failed.isEmpty()) {
                s.put("Failed", failed.size());
            }
            JsonOutput.print(out, Map.of("Summary", s));
        } else if (!command.quiet()) {
            command.err()
                    .println(String.format(
                                    "holdfast download: workspace %s: %s (%d downloaded, %s; %d already in"
                                            + " the module cache) and %s in %.1fs",
                                    goWork,
                                    Plural.of(zips.size(), "module zip"),
                                    fetch.downloaded(),
                                    DownloadCommand.bytes(fetch.bytes()),
                                    fetch.cached(),
                                    Plural.of(goMods, "go.mod file"),
                                    elapsed.toMillis() / 1000.0)
                            + (noInfo == 0 ? "" : "; " + noInfo + " without .info"));
        }
        return code;
    }

    /**
     * Returns what {@code go mod download} fetches in a workspace: the selected version of every module
     * in the build list but the workspace's own, through the replacements, in path order, each once.
     */
    static List<ModuleVersion> zips(ProjectGraph project) {
        return DownloadSet.of(project.mains(), project.graph());
    }

    /**
     * Says on standard error, unless {@code command} is quiet, that {@code dir} is in a workspace but is
     * read as a module of its own (warm and export do so), which may miss versions the workspace selects.
     */
    static void noteModuleMode(HoldfastCommand command, Path dir) throws IOException {
        Optional<Path> work = Workspace.find(dir, GoEnv.setting(command.environment(), "GOWORK"));
        if (work.isPresent() && !command.quiet()) {
            command.err()
                    .println("holdfast " + command.name() + ": " + dir + " is in the workspace of " + work.get()
                            + "; reading the module on its own, whose build list may select lower versions than the"
                            + " workspace's (`holdfast download` in the workspace fetches its whole build list)");
        }
    }
}
