package dev.holdfast.conformance.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One process run of the fault lab, bounded in time: the command, its environment, where its output
 * went, and how it ended. A run that outlives its time limit is killed and counts as a failure (the go
 * command has no time-out of its own, so a stalled connection would otherwise hang it for good).
 *
 * @param ok whether the process exited 0 within the limit
 * @param seconds the wall time until it exited or was killed
 * @param detail the last line of its output, or why it was killed
 */
record LabRun(boolean ok, double seconds, String detail) {

    /** Runs {@code command} in {@code dir} with exactly {@code env}, output to {@code log}, killed after {@code limit}. */
    static LabRun run(List<String> command, Path dir, Map<String, String> env, Path log, Duration limit)
            throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().clear();
        builder.environment().putAll(env);
        long start = System.nanoTime();
        Process p = builder.start();
        p.getOutputStream().close();
        boolean finished = p.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS);
        double seconds = (System.nanoTime() - start) / 1e9;
        if (!finished) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly().waitFor();
            return new LabRun(false, seconds, "killed after " + limit.toSeconds() + " s");
        }
        return new LabRun(p.exitValue() == 0, seconds, lastLine(log) + " (exit " + p.exitValue() + ")");
    }

    /** Returns the same outcome with {@code problem} as its detail, failed. */
    LabRun failed(String problem) {
        return new LabRun(false, seconds, problem);
    }

    private static String lastLine(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8).stream()
                .filter(l -> !l.isBlank())
                .toList();
        String last = lines.isEmpty() ? "" : lines.getLast().strip();
        return last.length() > 160 ? last.substring(0, 160) + "..." : last;
    }
}
