package dev.holdfast.conformance.bench;

import dev.holdfast.testing.GoToolchain;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The ways the fault lab gets a project's modules through a faulty upstream: the go command straight to
 * it, the go command through {@code holdfast serve} or through goproxy/goproxy (each a process with its
 * own empty cache), and Holdfast's own {@code download} and {@code fetch}. A {@link Session} holds what
 * lives across runs (a proxy process and its cache); each {@link Session#run} is one timed attempt.
 */
enum LabClient {
    /** {@code go mod download all} with GOPROXY at the upstream list. */
    GO_DIRECT("go direct", false),
    /** {@code go mod download all} through a {@code holdfast serve} process. */
    HOLDFAST_SERVE("holdfast serve", true),
    /** {@code go mod download all} through a goproxy/goproxy process. */
    GOPROXY("goproxy/goproxy", true),
    /** {@code holdfast download} in the project, GOPROXY at the upstream list. */
    HOLDFAST_DOWNLOAD("holdfast download", false),
    /** {@code holdfast fetch} of every module version, GOPROXY at the upstream list. */
    HOLDFAST_FETCH("holdfast fetch", false);

    private final String label;
    private final boolean proxy;

    LabClient(String label, boolean proxy) {
        this.label = label;
        this.proxy = proxy;
    }

    /** Returns the name shown in the report. */
    String label() {
        return label;
    }

    /** Reports whether the client is a proxy with a cache of its own between the go command and the upstream. */
    boolean isProxy() {
        return proxy;
    }

    /** What every session needs: the tools, the project, and the time limit of one run. */
    record Lab(
            Path holdfastJar, Path goproxyBinary, GoToolchain go, String goMod, List<String> targets, Duration limit) {}

    /** One client set up against one upstream list; closing it stops its proxy process. */
    @FunctionalInterface
    interface Session extends AutoCloseable {
        /** Runs the client once with a new module cache under {@code dir} (reused if it exists) and times it. */
        LabRun run(Path dir) throws IOException, InterruptedException;

        /** Stops the session's proxy process, if it has one. */
        @Override
        default void close() throws InterruptedException {}
    }

    /** Starts a session of this client whose upstream is the GOPROXY list {@code upstream}, working under {@code dir}. */
    Session start(Lab lab, String upstream, Path dir) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        return switch (this) {
            case GO_DIRECT -> runDir -> goDownload(lab, upstream, runDir);
            case HOLDFAST_SERVE -> {
                String jvm = System.getProperty("lab.serverJvmOptions", "").strip();
                ServerProcess server = ServerProcess.start(
                        lab.holdfastJar(),
                        jvm.isEmpty() ? List.of() : List.of(jvm.split(" +")),
                        List.of(
                                "--upstream",
                                upstream,
                                "--cache",
                                dir.resolve("holdfast-cache").toString()),
                        dir.resolve("holdfast.log"));
                yield proxied(lab, server.url(), server::close);
            }
            case GOPROXY -> {
                if (lab.goproxyBinary() == null) {
                    throw new IllegalStateException("no goproxy binary given");
                }
                GoproxyProcess goproxy = GoproxyProcess.start(lab.goproxyBinary(), lab.go(), upstream, dir);
                yield proxied(lab, goproxy.url(), goproxy::close);
            }
            case HOLDFAST_DOWNLOAD -> runDir -> holdfast(lab, upstream, runDir, List.of("download"));
            case HOLDFAST_FETCH -> {
                List<String> args = new ArrayList<>(List.of("fetch"));
                args.addAll(lab.targets());
                List<String> fetch = List.copyOf(args);
                yield runDir -> holdfast(lab, upstream, runDir, fetch);
            }
        };
    }

    /** A session whose runs point the go command at the proxy at {@code url}. */
    private static Session proxied(Lab lab, String url, Stopper stop) {
        return new Session() {
            @Override
            public LabRun run(Path dir) throws IOException, InterruptedException {
                return goDownload(lab, url, dir);
            }

            @Override
            public void close() throws InterruptedException {
                stop.stop();
            }
        };
    }

    @FunctionalInterface
    private interface Stopper {
        void stop() throws InterruptedException;
    }

    private static LabRun goDownload(Lab lab, String goproxy, Path dir) throws IOException, InterruptedException {
        Path project = project(lab, dir);
        List<String> command = List.of(lab.go().goroot().resolve("bin/go").toString(), "mod", "download", "all");
        LabRun run = LabRun.run(command, project, env(lab, dir, goproxy), dir.resolve("run.log"), lab.limit());
        return checked(run, dir, lab.targets().size());
    }

    private static LabRun holdfast(Lab lab, String goproxy, Path dir, List<String> args)
            throws IOException, InterruptedException {
        Path project = project(lab, dir);
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar",
                lab.holdfastJar().toString()));
        command.addAll(args);
        LabRun run = LabRun.run(command, project, env(lab, dir, goproxy), dir.resolve("run.log"), lab.limit());
        return checked(run, dir, lab.targets().size());
    }

    /** Fails a run that exited 0 but left fewer zips in the module cache than the project needs. */
    private static LabRun checked(LabRun run, Path dir, int want) throws IOException {
        if (!run.ok()) {
            return run;
        }
        Path download = modCache(dir).resolve("cache/download");
        long zips;
        try (var files = Files.walk(download)) {
            zips = files.filter(f -> f.toString().endsWith(".zip")).count();
        }
        return zips >= want ? run : run.failed("exit 0 but only " + zips + " of " + want + " zips in the module cache");
    }

    private static Path project(Lab lab, Path dir) throws IOException {
        Path project = Files.createDirectories(dir.resolve("project"));
        Files.writeString(project.resolve("go.mod"), lab.goMod(), StandardCharsets.UTF_8);
        return project;
    }

    private static Path modCache(Path dir) {
        return dir.resolve("gopath/pkg/mod");
    }

    private static Map<String, String> env(Lab lab, Path dir, String goproxy) {
        Map<String, String> env = new HashMap<>(lab.go().sandbox(dir).env());
        env.put("GOPROXY", goproxy);
        env.put("GOFLAGS", "-mod=mod -modcacherw");
        env.put("GOSUMDB", "off");
        env.put("JAVA_HOME", System.getProperty("java.home"));
        return env;
    }
}
