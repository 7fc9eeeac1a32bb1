package dev.holdfast.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.holdfast.module.ModuleVersion;
import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A {@code file://} proxy: the go command's web.getFile rules. */
class ProxySourceFileTest {
    static final ModuleVersion M = new ModuleVersion("example.com/Mixed", "v1.0.0");

    @TempDir
    Path tmp;

    String base() {
        return "file://" + tmp.toAbsolutePath() + "/";
    }

    ProxySource source() {
        return new ProxySource(base(), HttpClient.newHttpClient(), ProxySource.Timeouts.DEFAULT, Clock.systemUTC());
    }

    Path write(String rel, String content) throws IOException {
        Path p = tmp.resolve(rel);
        Files.createDirectories(p.getParent());
        Files.writeString(p, content);
        return p;
    }

    @Test
    void servesTheFiveRequestsFromUnescapedTreeNames() throws IOException {
        write("example.com/!mixed/@v/list", "v1.0.0\n");
        write("example.com/!mixed/@v/v1.0.0.info", "{\"Version\":\"v1.0.0\"}");
        write("example.com/!mixed/@v/v1.0.0.mod", "module example.com/Mixed\n");
        write("example.com/!mixed/@v/v1.0.0.zip", "zip bytes");
        write("example.com/!mixed/@latest", "{\"Version\":\"v1.0.0\"}");
        ProxySource source = source();
        assertThat(source.list(M.path())).containsExactly("v1.0.0");
        assertThat(source.info(M).version()).isEqualTo("v1.0.0");
        assertThat(source.latest(M.path()).version()).isEqualTo("v1.0.0");
        assertThat(new String(source.mod(M))).isEqualTo("module example.com/Mixed\n");
        ZipTarget target = new ZipTarget(tmp.resolve("out.zip"));
        Files.writeString(target.file(), "stale partial content that is longer");
        target.validator("\"x\"");
        source.zip(M, target);
        assertThat(Files.readString(target.file())).isEqualTo("zip bytes");
    }

    @Test
    void missingFileIsNotFoundWithGoWording() {
        assertThatThrownBy(() -> source().info(M))
                .isInstanceOf(ModuleNotFoundException.class)
                .hasMessage("example.com/Mixed@v1.0.0: reading file://" + tmp.toAbsolutePath()
                        + "/example.com/%21mixed/@v/v1.0.0.info: no such file or directory"); // as go 1.26 prints it
    }

    @Test
    void missingLatestFallsBackToList() throws IOException {
        String pseudo = "v0.0.0-20200101000000-abcdefabcdef";
        write("example.com/!mixed/@v/list", pseudo + "\n");
        write("example.com/!mixed/@v/" + pseudo + ".info", "{\"Version\":\"" + pseudo + "\"}");
        assertThat(source().latest(M.path()).version()).isEqualTo(pseudo);
    }

    @Test
    void unreadableFileIsForbidden() {
        GoUrl base = ProxyList.check(base());
        FileTransport refusing = new FileTransport(Clock.systemUTC(), path -> {
            throw new AccessDeniedException(path.toString());
        });
        ProxySource source = new ProxySource(base, refusing, ProxySource.MAX_ZIP_BYTES);
        assertThatThrownBy(() -> source.mod(M))
                .isInstanceOf(UpstreamException.class)
                .satisfies(e -> assertThat(((UpstreamException) e).status()).isEqualTo(403))
                .satisfies(e -> assertThat(FetchErrors.isTransient(e)).isFalse())
                .hasMessage("example.com/Mixed@v1.0.0: reading " + base.redacted()
                        + "example.com/%21mixed/@v/v1.0.0.mod: permission denied");
    }

    @Test
    void pathThroughAFileIsNotNotFound() throws IOException {
        write("example.com", "a file where a directory should be");
        assertThatThrownBy(() -> source().mod(M))
                .isInstanceOf(IOException.class)
                .isNotInstanceOf(ModuleNotFoundException.class)
                .hasMessage("example.com/Mixed@v1.0.0: open " + tmp.toAbsolutePath()
                        + "/example.com/!mixed/@v/v1.0.0.mod: not a directory");
    }
}
