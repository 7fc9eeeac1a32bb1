package dev.holdfast.conformance.direct;

import dev.holdfast.testing.GitOrigin;
import dev.holdfast.testing.GitOrigin.Git;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Git repositories made for direct-fetch tests, on a {@link GitOrigin} for the made-up host {@value
 * #HOST}: what a team's private repositories hold, with the cases where the go command's answers are
 * subtle.
 *
 * <ul>
 *   <li>{@code team/lib}: tags {@code v1.0.0} and {@code v1.1.0}, a branch {@code dev} one commit past
 *       them (a pseudo-version), tags that are not versions ({@code v1.2}, {@code release-1}), a {@code
 *       v2/} subdirectory module tagged {@code v2.0.0}, and a nested module {@code sub} tagged {@code
 *       sub/v0.1.0};
 *   <li>{@code team/old}: no go.mod, tags {@code v1.0.0} and {@code v2.0.0} ({@code +incompatible}); also
 *       reached by its {@code .git} path (module {@code HOST/team/old.git}, no meta tag);
 *   <li>{@code team/secret}: tag {@code v0.3.0}, served only with user {@code ci} and password {@value
 *       #PASSWORD} (the {@code .netrc} of {@link #env}).
 * </ul>
 */
public final class DirectWorld implements AutoCloseable {
    /** The host every module path starts with. */
    public static final String HOST = "git.holdfast.test";

    /** The password of {@code team/secret}. */
    public static final String PASSWORD = "s3cret-Pa55";

    private final GitOrigin origin;
    private final Path dir;

    private DirectWorld(GitOrigin origin, Path dir) {
        this.origin = origin;
        this.dir = dir;
    }

    /** Creates the repositories under {@code dir} and serves them. */
    public static DirectWorld create(Path dir) throws IOException {
        DirectWorld world = new DirectWorld(GitOrigin.open(HOST, dir.resolve("repos")), dir);
        world.lib();
        world.old();
        world.secret();
        return world;
    }

    /** Returns the origin (its environment, its request log). */
    public GitOrigin origin() {
        return origin;
    }

    /**
     * Returns the environment a process fetching from these repositories needs: the origin's proxy
     * settings, and HOME (with the {@code .netrc} for {@code team/secret} when {@code withLogin}).
     */
    public Map<String, String> env(Path home, boolean withLogin) throws IOException {
        Files.createDirectories(home);
        if (withLogin) {
            Files.writeString(home.resolve(".netrc"), "machine " + HOST + " login ci password " + PASSWORD + "\n");
        }
        Map<String, String> env = new HashMap<>(origin.proxyEnv());
        env.put("HOME", home.toString());
        env.put("GIT_CONFIG_NOSYSTEM", "1");
        return env;
    }

    /** The module queries every test compares: canonical versions, branches, subdirectories, no go.mod. */
    public static List<String> queries() {
        return List.of(
                HOST + "/team/lib@v1.0.0",
                HOST + "/team/lib@v1.1.0",
                HOST + "/team/lib@dev",
                HOST + "/team/lib@latest",
                HOST + "/team/lib/v2@v2.0.0",
                HOST + "/team/lib/sub@v0.1.0",
                HOST + "/team/old@v1.0.0",
                HOST + "/team/old@v2.0.0+incompatible",
                HOST + "/team/old.git@v1.0.0",
                HOST + "/team/secret@v0.3.0");
    }

    /** The module paths whose version lists the tests compare. */
    public static List<String> paths() {
        return List.of(
                HOST + "/team/lib",
                HOST + "/team/lib/v2",
                HOST + "/team/lib/sub",
                HOST + "/team/old",
                HOST + "/team/old.git",
                HOST + "/team/secret");
    }

    /** Publishes repository {@code name} with one tagged commit ({@code v1.0.0}) of a module of that name. */
    public void publishSimple(String name) throws IOException {
        Path work = init(name.replace('/', '_'));
        write(work, "go.mod", "module " + HOST + "/" + name + "\n\ngo 1.21\n");
        commit(work, "2024-06-07T08:09:10Z", "v1.0.0");
        origin.publish(name, work);
    }

    /**
     * Publishes repository {@code name} with one tagged commit ({@code v1.0.0}) holding a go.mod and a file
     * of {@code bytes} zero bytes (sparse on disk; git stores it compressed to almost nothing).
     */
    public void publishHuge(String name, long bytes) throws IOException {
        Path work = init(name.replace('/', '_'));
        write(work, "go.mod", "module " + HOST + "/" + name + "\n\ngo 1.21\n");
        try (RandomAccessFile zeros =
                new RandomAccessFile(work.resolve("zeros.bin").toFile(), "rw")) {
            zeros.setLength(bytes);
        }
        commit(work, "2024-07-08T09:10:11Z", "v1.0.0");
        origin.publish(name, work);
    }

    private void lib() throws IOException {
        Path work = init("lib");
        write(work, "go.mod", "module " + HOST + "/team/lib\n\ngo 1.21\n");
        write(work, "lib.go", "package lib\n\n// Version says which commit this is.\nconst Version = \"1.0\"\n");
        commit(work, "2024-01-02T03:04:05Z", "v1.0.0");
        write(work, "lib.go", "package lib\n\n// Version says which commit this is.\nconst Version = \"1.1\"\n");
        write(work, "v2/go.mod", "module " + HOST + "/team/lib/v2\n\ngo 1.21\n");
        write(work, "v2/lib.go", "package lib\n\nconst Version = \"2.0\"\n");
        write(work, "sub/go.mod", "module " + HOST + "/team/lib/sub\n\ngo 1.21\n");
        write(work, "sub/sub.go", "package sub\n");
        commit(work, "2024-02-03T04:05:06Z", "v1.1.0");
        Git.run(work, "tag", "v2.0.0");
        Git.run(work, "tag", "sub/v0.1.0");
        Git.run(work, "tag", "v1.2");
        Git.run(work, "tag", "release-1");
        Git.run(work, "checkout", "--quiet", "-b", "dev");
        write(work, "lib.go", "package lib\n\n// Version says which commit this is.\nconst Version = \"dev\"\n");
        commit(work, "2024-03-04T05:06:07Z", null);
        Git.run(work, "checkout", "--quiet", "main");
        origin.publish("team/lib", work);
    }

    private void old() throws IOException {
        Path work = init("old");
        write(work, "old.go", "package old\n");
        commit(work, "2023-05-06T07:08:09Z", "v1.0.0");
        write(work, "old.go", "package old\n\n// Two is the second major version, without a go.mod.\nconst Two = 2\n");
        commit(work, "2023-06-07T08:09:10Z", "v2.0.0");
        origin.publish("team/old", work);
    }

    private void secret() throws IOException {
        Path work = init("secret");
        write(work, "go.mod", "module " + HOST + "/team/secret\n\ngo 1.21\n");
        write(work, "secret.go", "package secret\n\n// Answer is private.\nconst Answer = 42\n");
        commit(work, "2024-04-05T06:07:08Z", "v0.3.0");
        origin.publish("team/secret", work);
        origin.requireLogin("team/secret", "ci", PASSWORD);
    }

    private Path init(String name) throws IOException {
        Path work = Files.createDirectories(dir.resolve("work").resolve(name));
        Git.run(work, "init", "--quiet");
        return work;
    }

    private static void write(Path work, String name, String content) throws IOException {
        Path file = work.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }

    private static void commit(Path work, String date, String tag) throws IOException {
        Git.runAt(work, date, "add", "-A");
        Git.runAt(work, date, "commit", "--quiet", "-m", "at " + date);
        if (tag != null) {
            Git.runAt(work, date, "tag", tag);
        }
    }

    @Override
    public void close() {
        origin.close();
    }
}
