package dev.holdfast.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.holdfast.module.ModuleVersion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModuleCacheSourceTest {
    @TempDir
    Path cache;

    Path put(String rel, String content) throws IOException {
        Path p = cache.resolve("cache/download").resolve(rel);
        Files.createDirectories(p.getParent());
        Files.writeString(p, content);
        return p;
    }

    ModuleCacheSource source() {
        return new ModuleCacheSource(cache);
    }

    @Test
    void list_namesVersionsWithModFilesSorted() throws IOException {
        put("example.com/!m/@v/v1.10.0.mod", "module example.com/M\n");
        put("example.com/!m/@v/v1.2.0.info", "{\"Version\":\"v1.2.0\"}");
        put("example.com/!m/@v/v1.2.0.mod", "module example.com/M\n");
        put("example.com/!m/@v/v1.0.0-!r!c1.mod", "module example.com/M\n");
        put("example.com/!m/@v/v1.3.0.zip", "zip only: not listed");
        put("example.com/!m/@v/v1.3.1.info", "{\"Version\":\"v1.3.1\"}"); // no go.mod: unusable, not listed
        put("example.com/!m/@v/v1.4.mod", "not canonical: not listed");
        put("example.com/!m/@v/list", "v9.9.9\n");
        put("example.com/!m/@v/v1.5.0.lock", "");
        assertThat(source().list("example.com/M")).containsExactly("v1.0.0-RC1", "v1.2.0", "v1.10.0");
    }

    @Test
    void list_unknownModuleIsNotFound() {
        assertThatThrownBy(() -> source().list("example.com/none"))
                .isInstanceOf(ModuleNotFoundException.class)
                .hasMessageStartingWith("module example.com/none: not in module cache: ");
    }

    @Test
    void infoModZip_readTheFiles(@TempDir Path tmp) throws IOException {
        put("example.com/m/@v/v1.0.0.info", "{\"Version\":\"v1.0.0\",\"Time\":\"2020-01-01T00:00:00Z\"}");
        put("example.com/m/@v/v1.0.0.mod", "module example.com/m\n");
        put("example.com/m/@v/v1.0.0.zip", "zip bytes");
        ModuleVersion mv = new ModuleVersion("example.com/m", "v1.0.0");
        assertThat(source().info(mv)).isEqualTo(RevInfo.of("v1.0.0", Instant.parse("2020-01-01T00:00:00Z")));
        assertThat(new String(source().mod(mv))).isEqualTo("module example.com/m\n");
        ZipTarget target = new ZipTarget(tmp.resolve("out.zip"));
        Files.writeString(target.file(), "old partial");
        target.validator("\"x\"");
        source().zip(mv, target);
        assertThat(Files.readString(target.file())).isEqualTo("zip bytes");
        assertThat(target.validator()).isNull();
    }

    @Test
    void absentOrUnusableFilesAreNotFound(@TempDir Path tmp) throws IOException {
        put("example.com/m/@v/v1.0.0.info", "{not json");
        put("example.com/m/@v/v1.0.0.mod", "//vgo 0.0.4\n");
        ModuleVersion mv = new ModuleVersion("example.com/m", "v1.0.0");
        assertThatThrownBy(() -> source().info(mv)).isInstanceOf(ModuleNotFoundException.class);
        assertThatThrownBy(() -> source().mod(mv))
                .isInstanceOf(ModuleNotFoundException.class)
                .hasMessageStartingWith("example.com/m@v1.0.0: not in module cache: ");
        assertThatThrownBy(() -> source().zip(mv, new ZipTarget(tmp.resolve("z"))))
                .isInstanceOf(ModuleNotFoundException.class);
        assertThatThrownBy(() -> source().info(new ModuleVersion("example.com/m", "master")))
                .isInstanceOf(ModuleNotFoundException.class)
                .hasMessageStartingWith("example.com/m@master: invalid version: not in module cache: ");
    }

    @Test
    void latest_prefersReleasesThenPrereleasesThenPseudoVersions() throws IOException {
        String pseudo = "v1.5.1-0.20200101000000-abcdefabcdef";
        put("example.com/m/@v/" + pseudo + ".info", "{\"Version\":\"" + pseudo + "\"}");
        put("example.com/m/@v/" + pseudo + ".mod", "module example.com/m\n");
        assertThat(source().latest("example.com/m").version()).isEqualTo(pseudo);
        put("example.com/m/@v/v2.0.0-rc.1.info", "{\"Version\":\"v2.0.0-rc.1\"}");
        put("example.com/m/@v/v2.0.0-rc.1.mod", "module example.com/m\n");
        assertThat(source().latest("example.com/m").version()).isEqualTo("v2.0.0-rc.1");
        put("example.com/m/@v/v1.0.0.info", "{\"Version\":\"v1.0.0\"}");
        put("example.com/m/@v/v1.0.0.mod", "module example.com/m\n");
        assertThat(source().latest("example.com/m").version()).isEqualTo("v1.0.0");
    }
}
