package dev.holdfast.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** cmd/go/internal/cfg's rules, with a fake go command for the GOROOT/go.env defaults. */
class GoEnvTest {
    @TempDir
    Path home;

    final List<List<String>> asked = new ArrayList<>();

    /** Answers like a go command whose go.env sets GOPROXY and GOSUMDB to loopback placeholders. */
    final GoCommand fakeGo = (env, names) -> {
        asked.add(names);
        Map<String, String> values = new HashMap<>();
        names.forEach(
                n -> values.put(n, n.equals("GOPROXY") ? "http://127.0.0.1:9/default,direct" : "sum.example.com"));
        return values;
    };

    Map<String, String> env(String... kv) {
        Map<String, String> env = new HashMap<>(Map.of("HOME", home.toString()));
        for (int i = 0; i < kv.length; i += 2) {
            env.put(kv[i], kv[i + 1]);
        }
        return env;
    }

    void writeEnvFile(Path file, String content) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }

    @Test
    void read_defaults() throws IOException {
        GoEnv e = GoEnv.read(env(), fakeGo);
        assertThat(e.goproxy()).isEqualTo("http://127.0.0.1:9/default,direct");
        assertThat(e.gosumdb()).isEqualTo("sum.example.com");
        assertThat(asked).containsExactly(List.of("GOPROXY", "GOSUMDB"));
        assertThat(e.gopath()).isEqualTo(home + "/go");
        assertThat(e.gomodcache()).isEqualTo(home + "/go/pkg/mod");
        assertThat(e.goenv()).isEqualTo(home + "/.config/go/env");
        assertThat(List.of(e.gonoproxy(), e.goprivate(), e.gonosumdb(), e.goinsecure(), e.goflags()))
                .containsOnly("");
    }

    @Test
    void read_environmentWinsThenFile() throws IOException {
        writeEnvFile(
                home.resolve(".config/go/env"),
                "GOPROXY=http://127.0.0.1:1/file\nGOPRIVATE=example.com/private\nGOFLAGS=-mod=mod\n");
        GoEnv e = GoEnv.read(env("GOPROXY", "http://127.0.0.1:2/env", "GOFLAGS", "", "GOSUMDB", "off"), fakeGo);
        assertThat(e.goproxy()).isEqualTo("http://127.0.0.1:2/env");
        assertThat(e.goflags()).isEqualTo("-mod=mod"); // empty in the environment means unset
        assertThat(e.goprivate()).isEqualTo("example.com/private");
        assertThat(e.gonoproxy()).isEqualTo("example.com/private");
        assertThat(e.gonosumdb()).isEqualTo("example.com/private");
        assertThat(asked).isEmpty();
    }

    @Test
    void read_emptyValueInFileIsSetAndNotAskedFor() throws IOException {
        writeEnvFile(home.resolve(".config/go/env"), "GOPROXY=\nGOSUMDB=off\n");
        GoEnv e = GoEnv.read(env(), fakeGo);
        assertThat(e.goproxy()).isEmpty();
        assertThat(asked).isEmpty();
        assertThatThrownBy(e::proxyList).hasMessage("GOPROXY list is not the empty string, but contains no entries");
    }

    @Test
    void read_fileLinesAsTheGoCommandReadsThem() throws IOException {
        Path file = home.resolve("custom.env");
        writeEnvFile(file, "# comment\ngoproxy=lower\n\nGOPROXY=first\nGOPROXY=a=b\nGONOPROXY=none\r\n=x");
        GoEnv e = GoEnv.read(env("GOENV", file.toString(), "GOSUMDB", "off"), fakeGo);
        assertThat(e.goproxy()).isEqualTo("a=b");
        assertThat(e.gonoproxy()).isEqualTo("none\r"); // no trimming, as in Go
        assertThat(e.goenv()).isEqualTo(file.toString());
    }

    @Test
    void read_goenvOffAndXdg() throws IOException {
        writeEnvFile(home.resolve(".config/go/env"), "GOPRIVATE=home\n");
        writeEnvFile(home.resolve("xdg/go/env"), "GOPRIVATE=xdg\n");
        assertThat(GoEnv.read(env("GOENV", "off"), fakeGo).goprivate()).isEmpty();
        assertThat(GoEnv.read(env("GOENV", "off"), fakeGo).goenv()).isEmpty();
        GoEnv xdg = GoEnv.read(env("XDG_CONFIG_HOME", home + "/xdg/"), fakeGo);
        assertThat(xdg.goprivate()).isEqualTo("xdg");
        assertThat(xdg.goenv()).isEqualTo(home + "/xdg/go/env");
        GoEnv relative = GoEnv.read(env("XDG_CONFIG_HOME", "xdg"), fakeGo);
        assertThat(relative.goprivate()).isEmpty();
        assertThat(relative.goenv()).isEmpty();
    }

    @Test
    void read_gopathAndModCacheDefaults() throws IOException {
        GoEnv listed = GoEnv.read(env("GOPATH", "/a/b/../c:/d"), fakeGo);
        assertThat(listed.gopath()).isEqualTo("/a/b/../c:/d");
        assertThat(listed.gomodcache()).isEqualTo("/a/c/pkg/mod");
        assertThat(GoEnv.read(env("GOPATH", ":/d"), fakeGo).gomodcache()).isEmpty();
        assertThat(GoEnv.read(env("GOMODCACHE", "/m"), fakeGo).gomodcache()).isEqualTo("/m");
        Map<String, String> homeless = env();
        homeless.remove("HOME");
        GoEnv noHome = GoEnv.read(homeless, fakeGo);
        assertThat(noHome.gopath()).isEmpty();
        assertThat(noHome.gomodcache()).isEmpty();
        assertThat(noHome.goenv()).isEmpty();
    }

    /** cfg.SumdbDir: filepath.Join(first GOPATH entry, "pkg/sumdb"), cleaned; none without a GOPATH. */
    @Test
    void sumdbDir_underFirstGopathEntry() throws IOException {
        assertThat(GoEnv.read(env("GOPATH", "/a/b/../c:/d"), fakeGo).sumdbDir()).isEqualTo("/a/c/pkg/sumdb");
        assertThat(GoEnv.read(env("GOPATH", "/g", "GOMODCACHE", "/m"), fakeGo).sumdbDir())
                .isEqualTo("/g/pkg/sumdb");
        assertThat(GoEnv.read(env("GOPATH", ":/d"), fakeGo).sumdbDir()).isEmpty();
    }

    @Test
    void read_failsWhenTheDefaultIsNeededAndGoCannotSay() {
        GoCommand broken = (env, names) -> {
            throw new IOException("go: executable file not found in $PATH");
        };
        assertThatThrownBy(() -> GoEnv.read(env("GOSUMDB", "off"), broken))
                .isInstanceOf(IOException.class)
                .hasMessage("GOPROXY not set, and the go command could not report its default: "
                        + "go: executable file not found in $PATH");
    }

    @Test
    void proxyList_addsNoProxyFromGoprivate() throws IOException {
        GoEnv e = GoEnv.read(env("GOPROXY", "http://127.0.0.1:1|off", "GOPRIVATE", "example.com/p"), fakeGo);
        assertThat(e.proxyList())
                .containsExactly(
                        new ProxySpec.NoProxy("example.com/p"),
                        new ProxySpec.Url("http://127.0.0.1:1", true),
                        new ProxySpec.Off());
    }
}
