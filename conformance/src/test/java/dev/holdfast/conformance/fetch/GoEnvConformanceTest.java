package dev.holdfast.conformance.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.holdfast.fetch.GoCommand;
import dev.holdfast.fetch.GoEnv;
import dev.holdfast.fetch.ProcessRun;
import dev.holdfast.testing.ConformanceReport;
import dev.holdfast.testing.GoToolchain;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link GoEnv} against {@code go env -json}: for combinations of environment variables and go env file
 * contents, run in a sandbox whose HOME holds the file, the ten variables Holdfast reads must equal what
 * the go command reports. The go command's own defaults (GOPROXY, GOSUMDB) come from the go command in
 * both cases; nothing is written down here.
 */
class GoEnvConformanceTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> NAMES = List.of(
            "GOPROXY",
            "GONOPROXY",
            "GOPRIVATE",
            "GONOSUMDB",
            "GOSUMDB",
            "GOINSECURE",
            "GOFLAGS",
            "GOMODCACHE",
            "GOPATH",
            "GOENV");

    @TempDir
    Path tmp;

    /** One configuration: environment settings (empty means unset) and go env files to write. */
    record Case(String name, Map<String, String> env, Map<String, String> files) {}

    /** Everything the sandbox presets, unset, so that each case starts from the go command's defaults. */
    static Map<String, String> unsetAll() {
        Map<String, String> env = new HashMap<>();
        for (String n : NAMES) {
            env.put(n, "");
        }
        return env;
    }

    List<Case> cases() {
        String home = "${HOME}";
        List<Case> cases = new ArrayList<>();
        cases.add(new Case("defaults", Map.of(), Map.of()));
        cases.add(new Case(
                "file only",
                Map.of(),
                Map.of(
                        home + "/.config/go/env",
                        "GOPROXY=http://127.0.0.1:1/file,off\nGOPRIVATE=example.com/private\nGOFLAGS=-mod=mod\n")));
        cases.add(new Case(
                "environment over file",
                Map.of("GOPROXY", "http://127.0.0.1:2/env|off", "GONOSUMDB", "example.com/nosum"),
                Map.of(home + "/.config/go/env", "GOPROXY=http://127.0.0.1:1/file\nGONOSUMDB=example.com/file\n")));
        cases.add(new Case(
                "GOENV names the file",
                Map.of("GOENV", home + "/custom/env"),
                Map.of(
                        home + "/custom/env",
                        "GONOPROXY=none\nGONOSUMDB=example.com/a,example.com/b\nGOINSECURE=example.com/insecure\n"
                                + "GOSUMDB=off\nGOPRIVATE=example.com/p\n")));
        cases.add(new Case(
                "GOENV=off ignores the file",
                Map.of("GOENV", "off"),
                Map.of(home + "/.config/go/env", "GOPROXY=http://127.0.0.1:1/ignored\nGOPRIVATE=example.com/x\n")));
        cases.add(new Case(
                "XDG_CONFIG_HOME",
                Map.of("XDG_CONFIG_HOME", home + "/xdg"),
                Map.of(
                        home + "/xdg/go/env",
                        "GOPRIVATE=example.com/xdg\n",
                        home + "/.config/go/env",
                        "GOPRIVATE=no\n")));
        cases.add(new Case(
                "relative XDG_CONFIG_HOME reads no file",
                Map.of("XDG_CONFIG_HOME", "relative"),
                Map.of(home + "/.config/go/env", "GOPRIVATE=example.com/unread\n")));
        cases.add(new Case(
                "empty GOPROXY in the file", Map.of(), Map.of(home + "/.config/go/env", "GOPROXY=\nGOSUMDB=\n")));
        cases.add(new Case("GOPATH list", Map.of("GOPATH", "/a/b/../c:/d"), Map.of()));
        cases.add(new Case("GOPATH starting empty", Map.of("GOPATH", ":/x"), Map.of()));
        cases.add(new Case(
                "GOPATH from the file", Map.of(), Map.of(home + "/.config/go/env", "GOPATH=/srv/gopath//x/\n")));
        cases.add(new Case(
                "GOMODCACHE set",
                Map.of("GOMODCACHE", "/srv/modcache"),
                Map.of(home + "/.config/go/env", "GOPATH=/srv/other\n")));
        cases.add(
                new Case(
                        "odd lines",
                        Map.of(),
                        Map.of(
                                home + "/.config/go/env",
                                "# comment\ngoproxy=lower\n\nGOFLAGS=-x\nGOFLAGS=-mod=mod -modcacherw\nGONOPROXY=a=b\r\n=x\n")));
        cases.add(new Case(
                "GOPRIVATE in the environment, GONOPROXY in the file",
                Map.of("GOPRIVATE", "example.com/env"),
                Map.of(home + "/.config/go/env", "GONOPROXY=example.com/file\n")));
        return cases;
    }

    @Test
    void goroot_foundFromTheGoCommandOnThePath_asGoEnvReportsIt() throws IOException {
        GoToolchain go = GoToolchain.get();
        GoToolchain.Sandbox sandbox = go.sandbox(tmp.resolve("goroot"));
        Map<String, String> env = new HashMap<>(sandbox.env());
        env.remove("GOROOT");
        env.put("PATH", go.goroot().resolve("bin") + ":" + env.getOrDefault("PATH", ""));
        ProcessRun run = ProcessRun.of(List.of(go.goroot().resolve("bin/go").toString(), "env", "GOROOT"), null, env);
        assertThat(run.status()).as(run.err()).isZero();
        String reported = new String(run.out(), java.nio.charset.StandardCharsets.UTF_8).strip();
        assertThat(GoEnv.goroot(env)).contains(Path.of(reported).toRealPath());
        assertThat(GoEnv.goroot(Map.of("PATH", "/nonexistent"))).isEmpty();
    }

    @Test
    void read_matchesGoEnvJson() throws IOException {
        GoToolchain go = GoToolchain.get();
        int compared = 0;
        int agreed = 0;
        List<String> mismatches = new ArrayList<>();
        List<Case> cases = cases();
        for (int i = 0; i < cases.size(); i++) {
            Case c = cases.get(i);
            GoToolchain.Sandbox sandbox = go.sandbox(tmp.resolve("case" + i));
            String home = sandbox.env().get("HOME");
            for (Map.Entry<String, String> f : c.files().entrySet()) {
                Path file = Path.of(f.getKey().replace("${HOME}", home));
                Files.createDirectories(file.getParent());
                Files.writeString(file, f.getValue());
            }
            Map<String, String> caseEnv = unsetAll();
            c.env().forEach((k, v) -> caseEnv.put(k, v.replace("${HOME}", home)));
            Map<String, String> env = new HashMap<>(sandbox.env());
            env.putAll(caseEnv);

            GoToolchain.Run run = sandbox.run(tmp, caseEnv, "env", "-json").checkSuccess();
            JsonNode want = JSON.readTree(run.stdout());
            GoEnv got = GoEnv.read(env, GoCommand.onPath());
            Map<String, String> ours = values(got);
            for (String name : NAMES) {
                compared++;
                if (ours.get(name).equals(want.path(name).asText())) {
                    agreed++;
                } else {
                    mismatches.add(c.name() + ": " + name + " holdfast=" + ours.get(name) + " go=" + want.path(name));
                }
            }
        }
        ConformanceReport.record(
                "fetch",
                "GoEnv vs go env -json: 10 variables x " + cases.size() + " environment/go env file combinations",
                compared,
                agreed);
        assertThat(mismatches).isEmpty();
        assertThat(compared).isEqualTo(NAMES.size() * cases.size());
    }

    private static Map<String, String> values(GoEnv e) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("GOPROXY", e.goproxy());
        m.put("GONOPROXY", e.gonoproxy());
        m.put("GOPRIVATE", e.goprivate());
        m.put("GONOSUMDB", e.gonosumdb());
        m.put("GOSUMDB", e.gosumdb());
        m.put("GOINSECURE", e.goinsecure());
        m.put("GOFLAGS", e.goflags());
        m.put("GOMODCACHE", e.gomodcache());
        m.put("GOPATH", e.gopath());
        m.put("GOENV", e.goenv());
        return m;
    }
}
