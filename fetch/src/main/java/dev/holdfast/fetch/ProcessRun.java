package dev.holdfast.fetch;

import dev.holdfast.concurrent.Await;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;

/**
 * One finished run of an external program (the go command, git) started with exactly the environment
 * given, no input, and at most {@value #LIMIT_SECONDS} s to finish.
 *
 * @param status the exit status
 * @param out what it wrote to standard output
 * @param err what it wrote to standard error, decoded and stripped
 */
public record ProcessRun(int status, byte[] out, String err) {
    /** How long a run may take. */
    static final int LIMIT_SECONDS = 60;

    /**
     * Runs {@code command} in {@code dir} (null: the working directory) with process environment {@code
     * environment} and returns how it ended.
     *
     * @throws IOException if it cannot be started or does not finish in time
     */
    public static ProcessRun of(List<String> command, Path dir, Map<String, String> environment) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command);
        if (dir != null) {
            builder.directory(dir.toFile());
        }
        builder.environment().clear();
        builder.environment().putAll(environment);
        Process process = builder.start();
        process.getOutputStream().close();
        // Standard error is drained on a thread of its own, never on the common pool: a caller (a server
        // thread, a test) may hold the common pool's only worker on a 2-core machine until this returns.
        FutureTask<byte[]> err = new FutureTask<>(() -> drain(process.getErrorStream()));
        Thread.ofVirtual().name("stderr of " + command.getFirst()).start(err);
        byte[] out = drain(process.getInputStream());
        try {
            if (!process.waitFor(LIMIT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException(String.join(" ", command) + ": did not finish in " + LIMIT_SECONDS + " s");
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while running " + String.join(" ", command));
        }
        return new ProcessRun(
                process.exitValue(),
                out,
                new String(
                                Await.result(err, "reading the standard error of " + command.getFirst()),
                                StandardCharsets.UTF_8)
                        .strip());
    }

    private static byte[] drain(InputStream in) {
        try (in) {
            return in.readAllBytes();
        } catch (IOException e) {
            return new byte[0];
        }
    }
}
