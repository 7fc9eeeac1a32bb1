package dev.holdfast.conformance.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code holdfast serve} process started from the runnable jar on a free port of 127.0.0.1, as a user
 * runs it, with the JVM options a benchmark asks for. Its standard output and error go to a log file.
 */
final class ServerProcess implements AutoCloseable {
    private static final Pattern URL = Pattern.compile("use it with: GOPROXY=(\\S+) ");

    private final Process process;
    private final String url;

    private ServerProcess(Process process, String url) {
        this.process = process;
        this.url = url;
    }

    /**
     * Starts {@code java <jvmOptions> -jar <jar> serve --listen 127.0.0.1:0 --quiet <serveArgs>} and
     * returns once it listens; its output goes to {@code log}.
     */
    static ServerProcess start(Path jar, List<String> jvmOptions, List<String> serveArgs, Path log)
            throws IOException, InterruptedException {
        return start(jar, jvmOptions, serveArgs, log, Map.of());
    }

    /** Starts the server as {@link #start(Path, List, List, Path)} does, with {@code extraEnv} in its environment. */
    static ServerProcess start(
            Path jar, List<String> jvmOptions, List<String> serveArgs, Path log, Map<String, String> extraEnv)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", jar.toString(), "serve", "--listen", "127.0.0.1:0", "--quiet"));
        command.addAll(serveArgs);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(k -> k.startsWith("HOLDFAST_"));
        env.put("GOSUMDB", "off");
        env.putAll(extraEnv);
        Process p = builder.start();
        CompletableFuture<String> url = new CompletableFuture<>();
        Thread.ofPlatform().daemon().start(() -> copyOutput(p, log, url));
        try {
            return new ServerProcess(p, url.get(60, TimeUnit.SECONDS));
        } catch (java.util.concurrent.ExecutionException | TimeoutException e) {
            p.destroyForcibly();
            throw new IOException("holdfast serve did not start: " + Files.readString(log), e);
        }
    }

    /** Copies the process output to {@code log} and completes {@code url} with the address it prints. */
    private static void copyOutput(Process p, Path log, CompletableFuture<String> url) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
                var out = Files.newBufferedWriter(log)) {
            for (String line; (line = in.readLine()) != null; ) {
                out.write(line);
                out.newLine();
                out.flush();
                Matcher m = URL.matcher(line);
                if (m.find()) {
                    url.complete(m.group(1));
                }
            }
            url.completeExceptionally(new IOException("exited with " + p.waitFor()));
        } catch (IOException | InterruptedException e) {
            url.completeExceptionally(e);
        }
    }

    /** Returns the base URL, for GOPROXY. */
    String url() {
        return url;
    }

    /** Returns the process id. */
    long pid() {
        return process.pid();
    }

    /** Returns the CPU time the process has used so far, in seconds. */
    double cpuSeconds() {
        return process.toHandle()
                        .info()
                        .totalCpuDuration()
                        .orElseThrow(() -> new IllegalStateException("no CPU time for process " + pid()))
                        .toNanos()
                / 1e9;
    }

    /** Reports whether the process still runs. */
    boolean isAlive() {
        return process.isAlive();
    }

    /** Returns a field of {@code /proc/<pid>/status} in KiB (for example {@code VmHWM}, the peak RSS). */
    long statusKib(String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid()), "status"))) {
                if (line.startsWith(field + ":")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
            throw new IllegalStateException("no " + field + " in /proc/" + pid() + "/status");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs {@code jcmd <pid> <command...>} and returns its output. */
    String jcmd(String... command) throws IOException, InterruptedException {
        List<String> args = new ArrayList<>();
        args.add(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString());
        args.add(Long.toString(pid()));
        args.addAll(List.of(command));
        Process p = new ProcessBuilder(args).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        return out;
    }

    /** Stops the server as Ctrl-C would (its shutdown hook finishes downloads in flight) and waits. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
