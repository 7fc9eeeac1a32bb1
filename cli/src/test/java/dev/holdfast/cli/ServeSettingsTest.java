package dev.holdfast.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.holdfast.server.ServerConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServeSettingsTest {
    @TempDir
    Path dir;

    private static Map<String, String> flags(String... kv) {
        Map<String, String> m = new HashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    @Test
    void unknownVariables_namesMisspeltSettings_notSettingsOrTheLaunchersOwn() {
        Map<String, String> env = Map.of(
                "HOLDFAST_MAXSIZE", "1GiB",
                "HOLDFAST_LISTEN", "127.0.0.1:0",
                "HOLDFAST_JAVA_OPTS", "-Xmx1g",
                "HOLDFAST_AOT", "off",
                "HOLDFAST_JAVA_HOME", "/opt/jdk",
                "HOLDFAST_COLOUR", "blue",
                "GOPROXY", "off");

        assertThat(ServeSettings.unknownVariables(env))
                .containsExactly(
                        "HOLDFAST_COLOUR is not a setting of serve and is ignored",
                        "HOLDFAST_MAXSIZE is not a setting of serve and is ignored (did you mean HOLDFAST_MAX_SIZE?)");
    }

    @Test
    void resolve_defaults() throws IOException {
        ServeSettings s = ServeSettings.resolve(flags(), Map.of(), null);
        assertThat(s).isEqualTo(new ServeSettings("127.0.0.1", 3000, null, null, false));
    }

    @Test
    void resolve_flagsOverEnvironmentOverFile() throws IOException {
        Path toml = dir.resolve("holdfast.toml");
        Files.writeString(toml, """
                listen = "127.0.0.1:4000"
                upstream = "http://127.0.0.1:9/file"
                cache = "/tmp/file-cache"
                offline = true
                """);
        ServeSettings fromFile = ServeSettings.resolve(flags(), Map.of(), toml);
        assertThat(fromFile)
                .isEqualTo(new ServeSettings(
                        "127.0.0.1", 4000, "http://127.0.0.1:9/file", Path.of("/tmp/file-cache"), true));

        Map<String, String> env = Map.of(
                "HOLDFAST_LISTEN",
                "0.0.0.0:5000",
                "HOLDFAST_OFFLINE",
                "false",
                "HOLDFAST_UPSTREAM",
                "http://127.0.0.1:9/env");
        ServeSettings fromEnv = ServeSettings.resolve(flags(), env, toml);
        assertThat(fromEnv)
                .isEqualTo(new ServeSettings(
                        "0.0.0.0", 5000, "http://127.0.0.1:9/env", Path.of("/tmp/file-cache"), false));

        ServeSettings fromFlags = ServeSettings.resolve(flags("listen", ":6000", "cache", "/tmp/flag"), env, toml);
        assertThat(fromFlags)
                .isEqualTo(new ServeSettings("0.0.0.0", 6000, "http://127.0.0.1:9/env", Path.of("/tmp/flag"), false));
    }

    @Test
    void resolve_adminAuthAndUpstreamTimeout_fromTheirKeys() throws IOException {
        Path toml = dir.resolve("admin.toml");
        Files.writeString(toml, "admin-auth = \"/etc/holdfast/admins\"\nupstream-timeout = \"45s\"\n");

        ServeSettings s = ServeSettings.resolve(flags(), Map.of(), toml);
        ServeSettings flagged = ServeSettings.resolve(flags("upstream-timeout", "2m"), Map.of(), toml);

        assertThat(s.adminAuth()).isEqualTo(Path.of("/etc/holdfast/admins"));
        assertThat(s.upstreamTimeout()).isEqualTo(java.time.Duration.ofSeconds(45));
        assertThat(flagged.upstreamTimeout()).isEqualTo(java.time.Duration.ofMinutes(2));
        assertThatThrownBy(() -> ServeSettings.resolve(flags("upstream-timeout", "soon"), Map.of(), null))
                .hasMessageStartingWith("upstream-timeout: ");
    }

    @Test
    void resolve_prefetch_aCountOrOff_fromEachPlace() throws IOException {
        Path toml = dir.resolve("prefetch.toml");
        Files.writeString(toml, "prefetch = 3\n");

        assertThat(ServeSettings.resolve(flags(), Map.of(), null).prefetch()).isEqualTo(8);
        assertThat(ServeSettings.resolve(flags(), Map.of(), toml).prefetch()).isEqualTo(3);
        assertThat(ServeSettings.resolve(flags(), Map.of("HOLDFAST_PREFETCH", "off"), toml)
                        .prefetch())
                .isZero();
        assertThat(ServeSettings.resolve(flags("prefetch", "16"), Map.of("HOLDFAST_PREFETCH", "off"), toml)
                        .prefetch())
                .isEqualTo(16);
        assertThat(ServeSettings.resolve(flags("prefetch", "0"), Map.of(), null).prefetch())
                .isZero();
        for (String bad : List.of("-1", "65", "many")) {
            assertThatThrownBy(() -> ServeSettings.resolve(flags("prefetch", bad), Map.of(), null))
                    .hasMessage(
                            "prefetch must be a number of files from 0 to 64 (0 or off: none), not \"" + bad + "\"");
        }
    }

    @Test
    void resolve_rejectsUnknownKeysAndBadValues() throws IOException {
        Path toml = dir.resolve("bad.toml");
        Files.writeString(toml, "port = 3\n");
        assertThatThrownBy(() -> ServeSettings.resolve(flags(), Map.of(), toml))
                .hasMessageContaining("unknown setting \"port\" (known: listen, upstream, cache, offline, auth-basic,");
        assertThatThrownBy(() -> ServeSettings.resolve(flags("listen", "localhost"), Map.of(), null))
                .hasMessageContaining("not HOST:PORT");
        assertThatThrownBy(() -> ServeSettings.resolve(flags(), Map.of("HOLDFAST_OFFLINE", "maybe"), null))
                .hasMessageContaining("offline must be true or false");
        assertThatThrownBy(() -> ServeSettings.resolve(flags("tls-key", "/k.pem"), Map.of(), null))
                .hasMessage("TLS needs both a certificate (tls-cert) and its key (tls-key)");
        assertThatThrownBy(() -> ServeSettings.resolve(flags("shutdown-grace", "-1s"), Map.of(), null))
                .hasMessageContaining("shutdown-grace: invalid duration \"-1s\"");
    }

    @Test
    void resolve_securityAndShutdownSettings_fromEachPlace() throws IOException {
        Path toml = dir.resolve("holdfast.toml");
        Files.writeString(toml, """
                auth-basic = "/etc/holdfast/passwords"
                tls-cert = "/etc/holdfast/cert.pem"
                tls-key = "/etc/holdfast/key.pem"
                shutdown-grace = "1m30s"
                """);
        ServeSettings fromFile = ServeSettings.resolve(flags(), Map.of(), toml);
        assertThat(fromFile.authBasic()).isEqualTo(Path.of("/etc/holdfast/passwords"));
        assertThat(fromFile.authBearer()).isNull();
        assertThat(fromFile.tlsCert()).isEqualTo(Path.of("/etc/holdfast/cert.pem"));
        assertThat(fromFile.tlsKey()).isEqualTo(Path.of("/etc/holdfast/key.pem"));
        assertThat(fromFile.shutdownGrace()).isEqualTo(Duration.ofSeconds(90));

        Map<String, String> env = Map.of("HOLDFAST_AUTH_BEARER", "/run/tokens", "HOLDFAST_SHUTDOWN_GRACE", "5s");
        ServeSettings fromEnv = ServeSettings.resolve(flags("tls-cert", "/flag/cert.pem"), env, toml);
        assertThat(fromEnv.authBearer()).isEqualTo(Path.of("/run/tokens"));
        assertThat(fromEnv.shutdownGrace()).isEqualTo(Duration.ofSeconds(5));
        assertThat(fromEnv.tlsCert()).isEqualTo(Path.of("/flag/cert.pem"));
        assertThat(fromEnv.authBasic()).isEqualTo(Path.of("/etc/holdfast/passwords"));
        assertThat(ServeSettings.resolve(flags(), Map.of(), null).shutdownGrace())
                .isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void userCacheDir_likeGo() {
        assertThat(ServeSettings.userCacheDir(Map.of("XDG_CACHE_HOME", "/x/cache", "HOME", "/h"), "Linux"))
                .isEqualTo(Path.of("/x/cache"));
        assertThat(ServeSettings.userCacheDir(Map.of("XDG_CACHE_HOME", "relative", "HOME", "/h"), "Linux"))
                .isEqualTo(Path.of("/h/.cache"));
        assertThat(ServeSettings.userCacheDir(Map.of("HOME", "/h"), "Mac OS X"))
                .isEqualTo(Path.of("/h/Library/Caches"));
        assertThatThrownBy(() -> ServeSettings.userCacheDir(Map.of(), "Linux"))
                .hasMessageContaining("neither $XDG_CACHE_HOME nor $HOME are defined");
    }

    @Test
    void maxSize_takesBinaryAndDecimalUnits_andRefusesWhatIsNotASize() throws IOException {
        Path toml = dir.resolve("size.toml");
        Files.writeString(toml, "max-size = \"20GiB\"\n");
        assertThat(ServeSettings.resolve(flags(), Map.of(), toml).maxSize()).isEqualTo(20L << 30);
        assertThat(ServeSettings.resolve(flags(), Map.of("HOLDFAST_MAX_SIZE", "500MB"), toml)
                        .maxSize())
                .isEqualTo(500_000_000L);
        assertThat(ServeSettings.resolve(flags("max-size", "off"), Map.of(), toml)
                        .maxSize())
                .isZero();
        assertThat(ServeSettings.size("max-size", "1073741824", "no bound")).isEqualTo(1L << 30);
        assertThat(ServeSettings.size("max-size", "64k", "no bound")).isEqualTo(64L << 10);
        assertThat(ServeSettings.size("max-size", "3 T", "no bound")).isEqualTo(3L << 40);
        assertThat(ServeSettings.size("max-size", "2TB", "no bound")).isEqualTo(2_000_000_000_000L);
        assertThatThrownBy(() -> ServeSettings.resolve(flags("max-size", "1G", "offline", "true"), Map.of(), null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("max-size evicts zips that an offline server cannot fetch again; use max-size or offline,"
                        + " not both");
        for (String bad : new String[] {"-1", "1.5G", "20 gigabytes", "99999999999T", ""}) {
            assertThatThrownBy(() -> ServeSettings.size("max-size", bad, "no bound"))
                    .as(bad)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("max-size must be a size like 20GiB")
                    .hasMessageContaining("\"" + bad + "\"");
        }
    }

    @Test
    void memoryCache_defaultsToTheServersDefault_andTakesASizeOrOff() throws IOException {
        assertThat(ServeSettings.resolve(flags(), Map.of(), null).memoryCache())
                .isEqualTo(ServerConfig.DEFAULT_MEMORY_CACHE)
                .isPositive();
        assertThat(ServeSettings.resolve(flags("memory-cache", "512MiB"), Map.of(), null)
                        .memoryCache())
                .isEqualTo(512L << 20);
        assertThat(ServeSettings.resolve(flags(), Map.of("HOLDFAST_MEMORY_CACHE", "off"), null)
                        .memoryCache())
                .isZero();
        assertThatThrownBy(() -> ServeSettings.resolve(flags("memory-cache", "lots"), Map.of(), null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("memory-cache must be a size like 20GiB, 500MB or 1073741824 (0 or off: none), not"
                        + " \"lots\"");
    }
}
