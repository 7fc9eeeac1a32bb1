package dev.holdfast.direct;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.holdfast.fetch.LocalFailureException;
import dev.holdfast.fetch.ModuleCacheSource;
import dev.holdfast.fetch.ModuleNotFoundException;
import dev.holdfast.fetch.ModuleSource;
import dev.holdfast.fetch.ProcessRun;
import dev.holdfast.fetch.RevInfo;
import dev.holdfast.fetch.ZipTarget;
import dev.holdfast.module.ModulePath;
import dev.holdfast.module.ModuleVersion;
import dev.holdfast.store.ReadOnlyTrees;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;

/**
 * {@code direct} in GOPROXY: module versions from their version control repositories, got by running
 * the installed go command with {@code GOPROXY=direct} in a module cache of this source's own (the way
 * the established Go proxies do it), so every answer is the go command's own, byte for byte.
 *
 * <ul>
 *   <li>{@code list}: {@code go list -m -json -versions -retracted P@latest} (retracted versions are the
 *       client's to hide, as from any proxy);
 *   <li>{@code latest} and {@code info}: {@code go list -m -json P@Q}, then the {@code .info} file it
 *       wrote (with its {@code Origin});
 *   <li>{@code mod}: the {@code .mod} file {@code go list} wrote (synthesized for a module without one);
 *   <li>{@code zip}: {@code go mod download -json P@V}, copied to the target; the zip and its extracted
 *       tree are then removed, so only the VCS clones (reused by later fetches) and the small files stay.
 * </ul>
 *
 * <p>The go command runs with the given environment, so credentials come from where the user has them
 * ({@code .netrc}, git's credential helpers, {@code GIT_SSH_COMMAND}, {@code GOINSECURE}, {@code GOVCS},
 * {@code GOPRIVATE} for GOVCS's public/private split), with {@code GOPROXY=direct}, no checksum database
 * (the caller verifies, as it does for every source), {@code GOFLAGS=-modcacherw}, no workspace and the
 * local toolchain. At most {@link Settings#concurrency} commands run at once; one that has not finished
 * within {@link Settings#deadline} is killed with every process it started; the clones are removed when
 * they outgrow {@link Settings#maxCloneBytes}. Thread-safe.
 */
public final class DirectSource implements ModuleSource {
    /** Built on first use: most commands have {@code direct} in GOPROXY and never reach it. */
    private static final class Json {
        static final ObjectMapper MAPPER = new ObjectMapper();
    }

    /**
     * How a direct source runs the go command.
     *
     * @param deadline how long one command may take (a clone of a large repository included)
     * @param concurrency how many commands may run at once
     * @param maxCloneBytes how much disk the VCS clones kept for later fetches may take; over it, they
     *     are removed (checked after each zip)
     */
    public record Settings(Duration deadline, int concurrency, long maxCloneBytes) {
        /** Ten minutes, four at a time, 4 GiB of clones. */
        public static final Settings DEFAULT = new Settings(Duration.ofMinutes(10), 4, 4L << 30);

        /** Checks the values. */
        public Settings {
            if (deadline.isNegative() || deadline.isZero() || concurrency < 1 || maxCloneBytes < 0) {
                throw new IllegalArgumentException(
                        "direct fetch needs a positive deadline and concurrency and a clone bound of at least 0");
            }
        }
    }

    private final Path workDir;
    private final Map<String, String> environment;
    private final ModuleCacheSource fetched;
    private final Semaphore running;
    private final Settings settings;
    private final CloneCache clones;

    private DirectSource(Path workDir, Map<String, String> environment, Settings settings) {
        this.workDir = workDir;
        this.environment = Map.copyOf(environment);
        this.fetched = new ModuleCacheSource(workDir.resolve("modcache"));
        this.running = new Semaphore(settings.concurrency(), true);
        this.settings = settings;
        this.clones = new CloneCache(workDir.resolve("modcache"), settings.maxCloneBytes());
    }

    /**
     * Returns a source that runs the go command found on the {@code PATH} of {@code environment} (the
     * process environment of the user or server whose credentials it uses), keeping its module cache
     * and VCS clones under {@code stateDir}. Nothing is looked up or created until the first request.
     */
    public static DirectSource create(Map<String, String> environment, Path stateDir, Settings settings) {
        Path workDir = stateDir.toAbsolutePath();
        Map<String, String> env = new HashMap<>(environment);
        env.put("GOPROXY", "direct");
        env.put("GOSUMDB", "off");
        env.put("GOFLAGS", "-modcacherw");
        env.put("GOMODCACHE", workDir.resolve("modcache").toString());
        env.put("GOWORK", "off");
        env.put("GO111MODULE", "on");
        env.put("GOTOOLCHAIN", "local");
        return new DirectSource(workDir, env, settings);
    }

    @Override
    public List<String> list(String path) throws IOException {
        JsonNode module = goJson("list", "-m", "-json", "-versions", "-retracted", path + "@latest");
        List<String> versions = new ArrayList<>();
        module.path("Versions").forEach(v -> versions.add(v.asText()));
        return versions;
    }

    @Override
    public RevInfo latest(String path) throws IOException {
        return resolved(path, goJson("list", "-m", "-json", path + "@latest"));
    }

    @Override
    public RevInfo info(ModuleVersion mv) throws IOException {
        if (isCanonical(mv)) {
            try {
                return fetched.info(mv);
            } catch (ModuleNotFoundException notYet) {
                // not fetched before: ask the repository
            }
        }
        return resolved(mv.path(), goJson("list", "-m", "-json", mv.path() + "@" + mv.version()));
    }

    @Override
    public byte[] mod(ModuleVersion mv) throws IOException {
        try {
            return fetched.mod(mv);
        } catch (ModuleNotFoundException notYet) {
            goJson("list", "-m", "-json", mv.path() + "@" + mv.version());
            return fetched.mod(mv);
        }
    }

    @Override
    public void zip(ModuleVersion mv, ZipTarget target) throws IOException {
        JsonNode download = goJson("mod", "download", "-json", mv.path() + "@" + mv.version());
        Path zip = Path.of(download.path("Zip").asText());
        target.reset();
        try {
            Files.copy(zip, target.file(), StandardCopyOption.REPLACE_EXISTING);
        } catch (NoSuchFileException removed) {
            // a concurrent fetch of the same version copied and removed it between our command and the copy
            download = goJson("mod", "download", "-json", mv.path() + "@" + mv.version());
            zip = Path.of(download.path("Zip").asText());
            Files.copy(zip, target.file(), StandardCopyOption.REPLACE_EXISTING);
        }
        if (!download.path("Dir").asText().isEmpty()) {
            ReadOnlyTrees.removeAll(Path.of(download.path("Dir").asText()));
        }
        Files.deleteIfExists(zip);
        trimClones();
    }

    /** Bounds the clones' disk, when no command is running that could be using one. */
    private void trimClones() throws IOException {
        if (running.tryAcquire(settings.concurrency())) {
            try {
                clones.trim();
            } finally {
                running.release(settings.concurrency());
            }
        }
    }

    @Override
    public String describe() {
        return "direct";
    }

    @Override
    public String toString() {
        return "DirectSource[" + workDir + "]";
    }

    private RevInfo resolved(String path, JsonNode module) throws IOException {
        String version = module.path("Version").asText();
        try {
            return fetched.info(new ModuleVersion(path, version));
        } catch (ModuleNotFoundException notWritten) {
            String time = module.path("Time").asText();
            return RevInfo.of(version, time.isEmpty() ? null : Instant.parse(time));
        }
    }

    private static boolean isCanonical(ModuleVersion mv) {
        return mv.version().equals(ModulePath.canonicalVersion(mv.version()));
    }

    /**
     * Runs the go command with {@code args} and returns its JSON answer, or throws the failure it
     * reported (on standard error, or in the {@code Error} field of {@code go mod download -json}).
     */
    private JsonNode goJson(String... args) throws IOException {
        Path go;
        try {
            go = ProcessRun.onPath("go", environment);
        } catch (IOException e) {
            throw new LocalFailureException("direct fetch needs the go command: " + e.getMessage(), e);
        }
        List<String> command = new ArrayList<>(List.of(go.toString()));
        Files.createDirectories(workDir.resolve("run"));
        command.addAll(List.of(args));
        ProcessRun run;
        try {
            running.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting to run " + String.join(" ", args));
        }
        try {
            run = ProcessRun.of(command, workDir.resolve("run"), environment, settings.deadline());
        } finally {
            running.release();
        }
        JsonNode answer = run.out().length == 0 ? Json.MAPPER.missingNode() : Json.MAPPER.readTree(run.out());
        String error = answer.path("Error").asText("");
        if (run.status() != 0 || !error.isEmpty()) {
            throw DirectFailures.of(error.isEmpty() ? run.err() : error, new Credentials(environment));
        }
        return answer;
    }
}
