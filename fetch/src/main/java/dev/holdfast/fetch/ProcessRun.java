package dev.holdfast.fetch;

import dev.holdfast.concurrent.Await;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;

/**
 * One finished run of an external program (the go command, git) started with exactly the environment
 * given, no input, and a time limit ({@value #LIMIT_SECONDS} s unless given).
 *
 * @param status the exit status
 * @param out what it wrote to standard output
 * @param err what it wrote to standard error, decoded and stripped
 */
public record ProcessRun(int status, byte[] out, String err) {
    /** How long a run may take. */
    static final int LIMIT_SECONDS = 60;

    /** How much of each output is kept: far more than any answer of the go command or git. */
    static final int OUTPUT_LIMIT = 16 << 20;

    /**
     * Runs {@code command} in {@code dir} (null: the working directory) with process environment {@code
     * environment} and returns how it ended.
     *
     * @throws IOException if it cannot be started or does not finish in {@value #LIMIT_SECONDS} s
     */
    public static ProcessRun of(List<String> command, Path dir, Map<String, String> environment) throws IOException {
        return of(command, dir, environment, Duration.ofSeconds(LIMIT_SECONDS));
    }

    /**
     * Runs {@code command} as {@link #of(List, Path, Map)} does, allowing it {@code limit} to finish.
     * When it does not, or the calling thread is interrupted, the program and every process it started
     * are killed (a git that hangs on a network read ends with the go command that ran it).
     *
     * @throws IOException if it cannot be started or does not finish in time
     */
    public static ProcessRun of(List<String> command, Path dir, Map<String, String> environment, Duration limit)
            throws IOException {
        return of(command, dir, environment, limit, new byte[0]);
    }

    /**
     * Runs {@code command} as {@link #of(List, Path, Map, Duration)} does, with {@code input} (a few
     * bytes, such as a request to {@code git credential}) as its standard input.
     */
    static ProcessRun of(List<String> command, Path dir, Map<String, String> environment, Duration limit, byte[] input)
            throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command);
        if (dir != null) {
            builder.directory(dir.toFile());
        }
        builder.environment().clear();
        builder.environment().putAll(environment);
        Process process = builder.start();
        try (var stdin = process.getOutputStream()) {
            stdin.write(input);
        } catch (IOException e) {
            // it ended without reading its input: how it ended says the rest
        }
        // Both outputs are drained on threads of their own, never on the common pool: a caller (a server
        // thread, a test) may hold the common pool's only worker on a 2-core machine until this returns.
        FutureTask<byte[]> err = new FutureTask<>(() -> drain(process.getErrorStream()));
        FutureTask<byte[]> out = new FutureTask<>(() -> drain(process.getInputStream()));
        Thread.ofVirtual().name("stderr of " + command.getFirst()).start(err);
        Thread.ofVirtual().name("stdout of " + command.getFirst()).start(out);
        try {
            if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                killAll(process);
                throw new IOException(
                        String.join(" ", command) + ": did not finish in " + RetryingSource.format(limit));
            }
        } catch (InterruptedException e) {
            killAll(process);
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while running " + String.join(" ", command));
        }
        return new ProcessRun(
                process.exitValue(),
                Await.result(out, "reading the standard output of " + command.getFirst()),
                new String(
                                Await.result(err, "reading the standard error of " + command.getFirst()),
                                StandardCharsets.UTF_8)
                        .strip());
    }

    /**
     * Returns the program {@code name} on the {@code PATH} of {@code environment} (not of this process,
     * which is where {@link ProcessBuilder} would look).
     *
     * @throws IOException {@code NAME: executable file not found in $PATH} when there is none
     */
    public static Path onPath(String name, Map<String, String> environment) throws IOException {
        for (String dir : environment.getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, name);
            if (Files.isExecutable(candidate) && !Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        throw new IOException(name + ": executable file not found in $PATH");
    }

    /** Kills {@code process} and its descendants, children first seen before the parent goes. */
    private static void killAll(Process process) {
        List<ProcessHandle> descendants = process.descendants().toList();
        process.destroyForcibly();
        descendants.forEach(ProcessHandle::destroyForcibly);
    }

    private static byte[] drain(InputStream in) {
        try (in) {
            byte[] bytes = in.readNBytes(OUTPUT_LIMIT);
            in.transferTo(OutputStream.nullOutputStream()); // the rest is not kept, but must not block the program
            return bytes;
        } catch (IOException e) {
            return new byte[0];
        }
    }
}
