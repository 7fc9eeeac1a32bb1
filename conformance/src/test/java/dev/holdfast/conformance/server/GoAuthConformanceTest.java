package dev.holdfast.conformance.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.testing.ConformanceReport;
import dev.holdfast.testing.GitOrigin;
import dev.holdfast.testing.GoToolchain;
import dev.holdfast.testing.LocalOrigin;
import dev.holdfast.testing.TestCerts;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The credentials and certificate authorities of a GOPROXY over HTTPS, as the go command finds them:
 * {@code .netrc} (NETRC) under the default GOAUTH, GOAUTH programs, GOAUTH=off, and SSL_CERT_FILE. A {@code holdfast
 * serve} with TLS and basic authentication is the proxy; for each setting, {@code go mod download} and
 * {@code holdfast download} of the same project, each with an empty module cache, must both succeed or
 * both fail. Before 2026-12-07 Holdfast sent no {@code .netrc} credentials and trusted only the JDK's
 * authorities, so every one of these downloads failed while the go command's first one succeeded.
 */
@Timeout(180)
class GoAuthConformanceTest {
    private static final String PASSWORD = "correct-horse-battery";
    private static final String PASSWORD_HASH =
            "$6$Hq3vZ8pL$SL76guB8r5q3AT9sA2BnS..rz3cprmcmasuybJ4OS2Yi9FaxDKSspjiLIO2l.9QqxWg56SIKiLBIUG71LFga01";

    private final GoToolchain go = GoToolchain.get();

    @TempDir
    Path tmp;

    /** One way to reach the proxy: a .netrc text ({@code HOST} stands for host:port) and more settings. */
    private record Setting(String netrc, Map<String, String> env, Trust trust) {}

    /** How the proxy's certificate authority is made known: SSL_CERT_FILE, SSL_CERT_DIR, or not at all. */
    private enum Trust {
        FILE,
        DIR,
        NONE
    }

    @Test
    void netrcGoauthAndCertificates_downloadSucceedsWhereTheGoCommandsDoes() throws Exception {
        TestCerts certs = TestCerts.create(tmp.resolve("tls"));
        Path passwords = Files.writeString(tmp.resolve("passwords"), "ci:" + PASSWORD_HASH + "\n");
        Map<String, Setting> settings = new LinkedHashMap<>();
        settings.put(
                "machine host:port",
                new Setting("machine HOST login ci password " + PASSWORD + "\n", Map.of(), Trust.FILE));
        settings.put(
                "no certificate authority",
                new Setting("machine HOST login ci password " + PASSWORD + "\n", Map.of(), Trust.NONE));
        settings.put(
                "machine without the port",
                new Setting("machine 127.0.0.1 login ci password " + PASSWORD + "\n", Map.of(), Trust.FILE));
        settings.put("wrong password", new Setting("machine HOST login ci password wrong\n", Map.of(), Trust.FILE));
        settings.put(
                "GOAUTH=off",
                new Setting("machine HOST login ci password " + PASSWORD + "\n", Map.of("GOAUTH", "off"), Trust.FILE));
        settings.put(
                "GOAUTH=netrc;off",
                new Setting(
                        "machine HOST login ci password " + PASSWORD + "\n",
                        Map.of("GOAUTH", "netrc;off"),
                        Trust.FILE));
        settings.put(
                "first of two entries wins",
                new Setting(
                        "machine HOST login ci password " + PASSWORD + "\nmachine HOST login ci password wrong\n",
                        Map.of(),
                        Trust.FILE));
        settings.put(
                "an entry over three lines",
                new Setting("machine HOST\n  login ci\n  password " + PASSWORD + "\n", Map.of(), Trust.FILE));
        settings.put(
                "an entry inside a macdef",
                new Setting(
                        "macdef init\nmachine HOST login ci password " + PASSWORD
                                + "\n\nmachine HOST login ci password wrong\n",
                        Map.of(),
                        Trust.FILE));
        settings.put(
                "an entry after a default line",
                new Setting("default\nmachine HOST login ci password " + PASSWORD + "\n", Map.of(), Trust.FILE));
        settings.put("no .netrc", new Setting(null, Map.of(), Trust.FILE));
        settings.put(
                "SSL_CERT_DIR naming the authority's directory",
                new Setting("machine HOST login ci password " + PASSWORD + "\n", Map.of(), Trust.DIR));
        String right = "machine HOST login ci password " + PASSWORD + "\n";
        settings.put("GOAUTH program", new Setting(null, Map.of("GOAUTH", "RIGHT_PROGRAM"), Trust.FILE));
        settings.put(
                "GOAUTH program, wrong password", new Setting(null, Map.of("GOAUTH", "WRONG_PROGRAM"), Trust.FILE));
        settings.put(
                "GOAUTH program that needs the URL", new Setting(null, Map.of("GOAUTH", "URL_PROGRAM"), Trust.FILE));
        settings.put("GOAUTH program that fails", new Setting(null, Map.of("GOAUTH", "FAILING_PROGRAM"), Trust.FILE));
        settings.put(
                "GOAUTH wrong program before netrc",
                new Setting(right, Map.of("GOAUTH", "WRONG_PROGRAM;netrc"), Trust.FILE));
        settings.put(
                "GOAUTH netrc before wrong program",
                new Setting(right, Map.of("GOAUTH", "netrc;WRONG_PROGRAM"), Trust.FILE));
        settings.put(
                "GOAUTH failing program before netrc",
                new Setting(right, Map.of("GOAUTH", "FAILING_PROGRAM;netrc"), Trust.FILE));
        settings.put(
                "GOAUTH program that reads the 401 on its standard input",
                new Setting(null, Map.of("GOAUTH", "STDIN_PROGRAM"), Trust.FILE));
        settings.put(
                "GOAUTH=git DIR, its credential helper holding the password",
                new Setting(null, Map.of("GOAUTH", "git RIGHT_GIT"), Trust.FILE));
        settings.put(
                "GOAUTH=git DIR, its credential helper holding a wrong one",
                new Setting(null, Map.of("GOAUTH", "git WRONG_GIT"), Trust.FILE));
        settings.put(
                "GOAUTH=git with a relative directory", new Setting(right, Map.of("GOAUTH", "git repo"), Trust.FILE));

        try (LocalOrigin origin = Modules.addTo(LocalOrigin.open());
                ServeMain holdfast = ServeMain.withTls(
                        tmp.resolve("serve"), origin.url(), certs, "--auth-basic", passwords.toString())) {
            ProjectDownloads downloads = ProjectDownloads.of(go, tmp, origin);
            String host = holdfast.url().substring("https://".length());
            Map<String, String> programs = Map.of(
                    "RIGHT_PROGRAM", program("right", holdfast.url(), PASSWORD, ""),
                    "WRONG_PROGRAM", program("wrong", holdfast.url(), "wrong", ""),
                    "URL_PROGRAM", program("url", holdfast.url(), PASSWORD, "[ -n \"$1\" ] || exit 0\n"),
                    "STDIN_PROGRAM",
                            program(
                                    "stdin",
                                    holdfast.url(),
                                    PASSWORD,
                                    "[ -n \"$1\" ] || exit 0\nread -r status\n"
                                            + "case \"$status\" in 'HTTP/'*' 401 Unauthorized') ;; *) exit 1;; esac\n"
                                            + "grep -q '^Www-Authenticate: Basic' || exit 1\n"),
                    "FAILING_PROGRAM",
                            Files.writeString(tmp.resolve("failing.sh"), "#!/bin/sh\nexit 1\n")
                                    .toString(),
                    "RIGHT_GIT", gitRepo("right-git").toString(),
                    "WRONG_GIT", gitRepo("wrong-git").toString());
            Map<Path, String> gitStores = Map.of(
                    tmp.resolve("right-git.credentials"), "https://ci:" + PASSWORD + "@" + host + "\n",
                    tmp.resolve("wrong-git.credentials"), "https://ci:wrong@" + host + "\n");
            for (String program : programs.values()) {
                Path.of(program).toFile().setExecutable(true);
            }
            List<String> disagreements = new ArrayList<>();
            int goSucceeded = 0;
            int refusals = 0;
            int i = 0;
            for (Map.Entry<String, Setting> e : settings.entrySet()) {
                Setting s = e.getValue();
                Map<String, String> env = new HashMap<>();
                s.env().forEach((k, v) -> {
                    String value = v;
                    for (Map.Entry<String, String> p : programs.entrySet()) {
                        value = value.replace(p.getKey(), p.getValue());
                    }
                    env.put(k, value);
                });
                env.put("GOPROXY", holdfast.url());
                switch (s.trust()) {
                    case FILE -> env.put("SSL_CERT_FILE", certs.cert().toString());
                    case DIR -> env.put("SSL_CERT_DIR", certs.cert().getParent().toString()); // its key too
                    case NONE -> {}
                }
                Path netrc = tmp.resolve("netrc-" + i);
                if (s.netrc() != null) {
                    Files.writeString(netrc, s.netrc().replace("HOST", host));
                }
                env.put("NETRC", netrc.toString());

                writeAll(gitStores); // a helper's store as it was: the go command's git rejects a wrong password
                GoToolchain.Run byGo = downloads.goDownload(Integer.toString(i), env);
                writeAll(gitStores);
                ByteArrayOutputStream said = new ByteArrayOutputStream();
                int byHoldfast = downloads.holdfastDownload(Integer.toString(i), env, "5s", said);
                if (s.trust() == Trust.NONE) { // not retried for the whole budget as if the proxy were down (exit 3)
                    assertThat(byGo.stderr()).contains("tls: failed to verify certificate: ");
                    assertThat(byHoldfast)
                            .as(said.toString(StandardCharsets.UTF_8))
                            .isEqualTo(1);
                    assertThat(said.toString(StandardCharsets.UTF_8))
                            .contains("tls: failed to verify certificate: ")
                            .doesNotContain("gave up after");
                }
                if (byGo.stderr().startsWith("go: GOAUTH=")) { // a setting the go command refuses: its words
                    String refusal = byGo.stderr().strip().substring("go: ".length());
                    assertThat(said.toString(StandardCharsets.UTF_8))
                            .as(e.getKey())
                            .contains(refusal);
                    refusals++;
                }
                boolean goOk = byGo.exitCode() == 0;
                goSucceeded += goOk ? 1 : 0;
                if (goOk != (byHoldfast == 0)) {
                    disagreements.add(e.getKey() + ": go " + (goOk ? "succeeded" : "failed:\n" + byGo.stderr())
                            + "; holdfast exited " + byHoldfast + ":\n" + said.toString(StandardCharsets.UTF_8));
                }
                i++;
            }
            ConformanceReport.record(
                    "cli",
                    "download through an HTTPS proxy: .netrc, GOAUTH and SSL_CERT_FILE, success or failure vs go mod download",
                    settings.size(),
                    settings.size() - disagreements.size());
            assertThat(disagreements).isEmpty();
            assertThat(goSucceeded).as("settings the go command succeeds with").isEqualTo(10);
            assertThat(refusals)
                    .as("settings refused in the go command's words")
                    .isEqualTo(2); // GOAUTH=netrc;off and a relative git directory
        }
    }

    /**
     * Makes a git repository {@code name} whose credential helper is git's store in {@code
     * name.credentials} (written for each run by the caller); returns its directory.
     */
    private Path gitRepo(String name) throws IOException {
        Path repo = tmp.resolve(name);
        GitOrigin.Git.run(tmp, "init", "-q", repo.toString());
        GitOrigin.Git.run(repo, "config", "credential.helper", "store --file=" + tmp.resolve(name + ".credentials"));
        return repo;
    }

    private static void writeAll(Map<Path, String> files) throws IOException {
        for (Map.Entry<Path, String> f : files.entrySet()) {
            Files.writeString(f.getKey(), f.getValue());
        }
    }

    /**
     * Writes a GOAUTH program that runs {@code first} and then gives user ci and {@code password} for
     * {@code url}; returns its path.
     */
    private String program(String name, String url, String password, String first) throws IOException {
        String basic =
                java.util.Base64.getEncoder().encodeToString(("ci:" + password).getBytes(StandardCharsets.UTF_8));
        return Files.writeString(
                        tmp.resolve(name + ".sh"),
                        "#!/bin/sh\n" + first + "printf '%s\\n\\nAuthorization: Basic %s\\n\\n' '" + url + "' '" + basic
                                + "'\n")
                .toString();
    }
}
