package dev.holdfast.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GoAuthTest {
    private static final String CI = "Basic Y2k6czNjcmV0"; // ci:s3cret

    @TempDir
    Path dir;

    /** The {@code Authorization} value {@code auth} adds for {@code uri}, or empty. */
    private static Optional<String> authorization(GoAuth auth, URI uri) {
        return auth.headers(uri).stream()
                .filter(h -> h.name().equals("Authorization"))
                .map(GoAuth.Header::value)
                .findFirst();
    }

    private GoAuth auth(String netrc, String goauth) throws Exception {
        Path file = Files.writeString(dir.resolve("netrc"), netrc);
        return GoAuth.forEnv(Map.of("NETRC", file.toString(), "GOENV", "off", "GOAUTH", goauth));
    }

    @Test
    void aMachine_coversHttpsUrlsOfThatHostAndPath_notPlainHttpOrAnotherPort() throws Exception {
        GoAuth auth = auth(
                "machine proxy.example.com login ci password s3cret\n"
                        + "machine example.com/team login team password other\n",
                "");

        assertThat(authorization(auth, URI.create("https://proxy.example.com/m/@v/list")))
                .contains(CI);
        assertThat(authorization(auth, URI.create("https://proxy.example.com"))).contains(CI);
        assertThat(authorization(auth, URI.create("http://proxy.example.com/m/@v/list")))
                .isEmpty();
        assertThat(authorization(auth, URI.create("https://proxy.example.com:8443/m/@v/list")))
                .isEmpty();
        assertThat(authorization(auth, URI.create("https://example.com/team/m/@v/list")))
                .isPresent()
                .isNotEqualTo(Optional.of(CI));
        assertThat(authorization(auth, URI.create("https://example.com/other"))).isEmpty();
    }

    @Test
    void apply_addsTheHeader_butKeepsOneTheRequestHas() throws Exception {
        GoAuth auth = auth("machine proxy.example.com login ci password s3cret\n", "netrc");
        HttpRequest plain = HttpRequest.newBuilder(URI.create("https://proxy.example.com/x"))
                .build();
        HttpRequest withUser = HttpRequest.newBuilder(URI.create("https://proxy.example.com/x"))
                .header("Authorization", "Basic dXNlcjpwdw==")
                .build();

        assertThat(auth.apply(plain).headers().firstValue("Authorization")).contains(CI);
        assertThat(auth.apply(withUser).headers().allValues("Authorization")).containsExactly("Basic dXNlcjpwdw==");
    }

    @Test
    void goauthOff_orOnlyOtherCommands_addNothing() throws Exception {
        String netrc = "machine proxy.example.com login ci password s3cret\n";
        URI uri = URI.create("https://proxy.example.com/x");

        assertThat(authorization(auth(netrc, "off"), uri)).isEmpty();
        assertThat(authorization(auth(netrc, "git /tmp"), uri)).isEmpty();
        assertThat(authorization(auth(netrc, "git /tmp; netrc"), uri)).contains(CI);
    }

    @Test
    void malformedGoauth_isRefusedWithTheGoCommandsWords() {
        assertThatThrownBy(() -> auth("", "netrc;"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("GOAUTH encountered an empty command (GOAUTH=netrc;)");
        assertThatThrownBy(() -> auth("", "netrc;off"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("GOAUTH=off cannot be combined with other authentication commands (GOAUTH=netrc;off)");
        String required = "GOAUTH=git dir method requires an absolute path to the git working directory";
        assertThatThrownBy(() -> auth("", "git")).hasMessage(required);
        assertThatThrownBy(() -> auth("", "git a b")).hasMessage(required);
        assertThatThrownBy(() -> auth("", "git relative/dir")).hasMessage(required + ", dir is not absolute");
        Path missing = dir.resolve("missing");
        assertThatThrownBy(() -> auth("", "git " + missing))
                .hasMessage("GOAUTH=git encountered an error; cannot stat " + missing + ": stat " + missing
                        + ": no such file or directory");
        assertThatThrownBy(() -> auth("", "netrc; git " + dir.resolve("netrc")))
                .hasMessage(required + ", dir is not a directory");
    }

    @Test
    void gitCredentialFill_isRunAfterA4xx_inItsDirectory_forThePrefixGitNames() throws Exception {
        Path repo = Files.createDirectories(dir.resolve("repo"));
        Path store = dir.resolve("credentials");
        Files.writeString(store, "https://ci:s3cret@proxy.example.com\n");
        Path home = Files.createDirectories(dir.resolve("home"));
        Map<String, String> env = Map.of(
                "PATH",
                System.getenv("PATH"),
                "HOME",
                home.toString(),
                "GOENV",
                "off",
                "GIT_TERMINAL_PROMPT",
                "0",
                "GIT_CONFIG_NOSYSTEM",
                "1",
                "GOAUTH",
                "git " + repo);
        assertThat(ProcessRun.of(java.util.List.of("git", "init", "-q", repo.toString()), null, env)
                        .status())
                .isZero();
        assertThat(ProcessRun.of(
                                java.util.List.of("git", "config", "credential.helper", "store --file=" + store),
                                repo,
                                env)
                        .status())
                .isZero();
        GoAuth auth = GoAuth.forEnv(env);
        URI uri = URI.create("https://proxy.example.com/m/@v/list");
        HttpRequest bare = HttpRequest.newBuilder(uri).build();

        assertThat(authorization(auth, uri))
                .as("before any answer: git cannot list credentials")
                .isEmpty();
        assertThat(auth.renewedAfter(bare, 401, "")).isTrue();
        assertThat(authorization(auth, uri)).contains(CI);
        assertThat(authorization(auth, URI.create("https://other.example.com/m/@v/list")))
                .isEmpty();
    }

    @Test
    void gitOutput_isReadAsTheGoCommandReadsIt() {
        assertThat(GitAuth.parse("protocol=https\nhost=proxy.example.com:8443\nusername=ci\npassword=s3cret\n"))
                .contains(new GitAuth.Credential(
                        "https://proxy.example.com:8443", new GoAuth.Header("Authorization", CI)));
        assertThat(GitAuth.parse("protocol=https\nhost=h.example.com\npath=team/x\nusername=ci\npassword=s3cret\n")
                        .map(GitAuth.Credential::prefix))
                .contains("https://h.example.com/team/x");
        assertThat(GitAuth.parse("protocol=https\nhost=a.example.com\nurl=https://b.example.com/p\n")
                        .map(GitAuth.Credential::prefix))
                .as("a url line wins")
                .contains("https://b.example.com/p");
        assertThat(GitAuth.parse("protocol=https\nhost=a.example.com\nurl=::bad\n")
                        .map(GitAuth.Credential::prefix))
                .as("a malformed url line is skipped")
                .contains("https://a.example.com");
        assertThat(GitAuth.parse("username=ci\npassword=s3cret\n")).isEmpty();
    }

    @Test
    void aProgram_isRunOnce_andItsHeadersGoToThePrefixesItNames_earlierCommandsWinning() throws Exception {
        Path program = Files.writeString(
                dir.resolve("creds.sh"),
                "#!/bin/sh\nprintf 'https://proxy.example.com/team/\\nhttps://other.example.com\\n\\n"
                        + "Authorization: Bearer tok\\nX-Team: blue\\n\\n'\n");
        program.toFile().setExecutable(true);
        String netrc = "machine proxy.example.com login ci password s3cret\n";

        GoAuth programFirst = auth(netrc, program + ";netrc");
        GoAuth netrcFirst = auth(netrc, "netrc;" + program);

        assertThat(programFirst.headers(URI.create("https://proxy.example.com/team/m/@v/list")))
                .containsExactly(new GoAuth.Header("Authorization", "Bearer tok"), new GoAuth.Header("X-Team", "blue"));
        assertThat(authorization(programFirst, URI.create("https://proxy.example.com/m")))
                .contains(CI);
        assertThat(authorization(netrcFirst, URI.create("https://proxy.example.com/team/m")))
                .contains("Bearer tok"); // the longer prefix is looked up first
        assertThat(authorization(netrcFirst, URI.create("https://other.example.com/x")))
                .contains("Bearer tok");
        assertThat(authorization(
                        auth(netrc, dir.resolve("missing-program") + ";netrc"),
                        URI.create("https://proxy.example.com/m")))
                .contains(CI);
    }

    @Test
    void afterA4xx_theProgramRunsAgainWithTheUrl_andOnlyNewCredentialsAskForARetry() throws Exception {
        Path program = Files.writeString(
                dir.resolve("url.sh"),
                "#!/bin/sh\n[ -n \"$1\" ] || exit 0\nprintf '%s\\n\\nAuthorization: Bearer for-url\\n\\n' \"$1\"\n");
        program.toFile().setExecutable(true);
        GoAuth auth = auth("", program.toString());
        URI uri = URI.create("https://proxy.example.com/m/@v/list");

        HttpRequest bare = HttpRequest.newBuilder(uri).build();

        assertThat(authorization(auth, uri)).isEmpty();
        assertThat(auth.renewedAfter(bare, 200, "")).isFalse();
        assertThat(auth.renewedAfter(
                        HttpRequest.newBuilder(URI.create("http://proxy.example.com/m/@v/list"))
                                .build(),
                        401,
                        ""))
                .isFalse();
        assertThat(auth.renewedAfter(bare, 401, "")).isTrue();
        assertThat(authorization(auth, uri)).contains("Bearer for-url");
        assertThat(auth.renewedAfter(bare, 401, ""))
                .as("a request sent before the renewal")
                .isTrue();
        assertThat(auth.renewedAfter(auth.apply(bare), 403, ""))
                .as("the same credentials again")
                .isFalse();
    }

    @Test
    void afterA4xx_theProgramReadsTheAnswersHeadOnItsStandardInput() throws Exception {
        Path program = Files.writeString(
                dir.resolve("stdin.sh"),
                "#!/bin/sh\n[ -n \"$1\" ] || exit 0\nread -r status\n"
                        + "[ \"$status\" = 'HTTP/1.1 401 Unauthorized' ] || exit 1\n"
                        + "grep -q '^Www-Authenticate: Basic realm=x' || exit 1\n"
                        + "printf '%s\\n\\nAuthorization: Bearer from-stdin\\n\\n' \"$1\"\n");
        program.toFile().setExecutable(true);
        GoAuth auth = auth("", program.toString());
        URI uri = URI.create("https://proxy.example.com/m/@v/list");
        HttpRequest bare = HttpRequest.newBuilder(uri).build();

        assertThat(auth.renewedAfter(bare, 401, "HTTP/1.1 404 Not Found\n\n")).isFalse();
        assertThat(auth.renewedAfter(bare, 401, "HTTP/1.1 401 Unauthorized\nWww-Authenticate: Basic realm=x\r\n\n"))
                .isTrue();
        assertThat(authorization(auth, uri)).contains("Bearer from-stdin");
    }

    @Test
    void answerHead_isWrittenAsGosHeaderWrite() {
        HttpResponse<Void> answer = new Answer(
                401,
                HttpClient.Version.HTTP_1_1,
                Map.of(
                        "www-authenticate",
                        List.of("Basic realm=x"),
                        "content-length",
                        List.of(" 0 "),
                        "X-a",
                        List.of("2", "1")));
        assertThat(GoAuth.answerHead(answer))
                .isEqualTo("HTTP/1.1 401 Unauthorized\nContent-Length: 0\r\nWww-Authenticate: Basic realm=x\r\n"
                        + "X-A: 2\r\nX-A: 1\r\n\n");
        assertThat(GoAuth.answerHead(new Answer(403, HttpClient.Version.HTTP_2, Map.of(":status", List.of("403")))))
                .isEqualTo("HTTP/2.0 403 Forbidden\n\n");
    }

    /** An answer with a status, a version and headers, as the JDK's client gives one. */
    private record Answer(int statusCode, HttpClient.Version version, Map<String, List<String>> headerMap)
            implements HttpResponse<Void> {
        @Override
        public HttpRequest request() {
            return HttpRequest.newBuilder(URI.create("https://proxy.example.com/x"))
                    .build();
        }

        @Override
        public Optional<HttpResponse<Void>> previousResponse() {
            return Optional.empty();
        }

        @Override
        public HttpHeaders headers() {
            return HttpHeaders.of(headerMap, (name, value) -> true);
        }

        @Override
        public Void body() {
            return null;
        }

        @Override
        public Optional<javax.net.ssl.SSLSession> sslSession() {
            return Optional.empty();
        }

        @Override
        public URI uri() {
            return request().uri();
        }
    }

    @Test
    void programOutput_isReadAsTheGoCommandReadsIt() {
        assertThat(GoAuth.parseProgramOutput("https://a.example.com\n\nAuthorization: Basic x\n\n"))
                .containsEntry("a.example.com", java.util.List.of(new GoAuth.Header("Authorization", "Basic x")));
        assertThat(GoAuth.parseProgramOutput("")).isEmpty();
        for (String bad : new String[] {
            "https://a.example.com\n", "https://a.example.com\n\nAuthorization Basic x\n\n",
            "https://a.example.com\n\nAuthorization: Basic x\n", "not a url\n\nA: b\n\n"
        }) {
            assertThatThrownBy(() -> GoAuth.parseProgramOutput(bad))
                    .as(bad)
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void parseNetrc_followsTheGoCommandsReading() {
        assertThat(GoAuth.parseNetrc("machine a login l password p machine b login m password q\n"))
                .containsExactly(new GoAuth.Machine("a", "l", "p"), new GoAuth.Machine("b", "m", "q"));
        assertThat(GoAuth.parseNetrc("macdef x\nmachine a login l password p\n\nmachine b login m password q\n"))
                .containsExactly(new GoAuth.Machine("b", "m", "q"));
        assertThat(GoAuth.parseNetrc("machine a login l password p\ndefault\nmachine b login m password q\n"))
                .containsExactly(new GoAuth.Machine("a", "l", "p"));
        assertThat(GoAuth.parseNetrc("machine a login l\nmachine b password q\n"))
                .isEmpty();
    }
}
