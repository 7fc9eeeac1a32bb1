package dev.holdfast.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
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
    void resolve_rejectsUnknownKeysAndBadValues() throws IOException {
        Path toml = dir.resolve("bad.toml");
        Files.writeString(toml, "port = 3\n");
        assertThatThrownBy(() -> ServeSettings.resolve(flags(), Map.of(), toml))
                .hasMessageContaining("unknown setting \"port\"");
        assertThatThrownBy(() -> ServeSettings.resolve(flags("listen", "localhost"), Map.of(), null))
                .hasMessageContaining("not HOST:PORT");
        assertThatThrownBy(() -> ServeSettings.resolve(flags(), Map.of("HOLDFAST_OFFLINE", "maybe"), null))
                .hasMessageContaining("offline must be true or false");
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
}
