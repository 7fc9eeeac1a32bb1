package dev.holdfast.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.holdfast.module.ModuleVersion;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ProxyRequestTest {

    static Stream<Arguments> valid() {
        return Stream.of(
                Arguments.of("/example.com/m/@v/list", new ProxyRequest.List("example.com/m")),
                Arguments.of("/example.com/m/@latest", new ProxyRequest.Latest("example.com/m")),
                Arguments.of(
                        "/example.com/m/@v/v1.2.3.info",
                        new ProxyRequest.Info(new ModuleVersion("example.com/m", "v1.2.3"))),
                // .info may carry a query the proxy resolves: a branch, a revision, a short semver.
                Arguments.of(
                        "/example.com/m/@v/master.info",
                        new ProxyRequest.Info(new ModuleVersion("example.com/m", "master"))),
                Arguments.of(
                        "/example.com/m/@v/v1.2.info",
                        new ProxyRequest.Info(new ModuleVersion("example.com/m", "v1.2"))),
                Arguments.of(
                        "/example.com/m/@v/v1.2.3.mod",
                        new ProxyRequest.Mod(new ModuleVersion("example.com/m", "v1.2.3"))),
                Arguments.of(
                        "/example.com/m/@v/v1.2.3.zip",
                        new ProxyRequest.Zip(new ModuleVersion("example.com/m", "v1.2.3"))),
                // Upper case is escaped with '!' in both the path and the version.
                Arguments.of(
                        "/example.com/!big!co/@v/v1.0.0-!r!c1.zip",
                        new ProxyRequest.Zip(new ModuleVersion("example.com/BigCo", "v1.0.0-RC1"))),
                Arguments.of(
                        "/example.com/m/@v/v2.0.0+incompatible.zip",
                        new ProxyRequest.Zip(new ModuleVersion("example.com/m", "v2.0.0+incompatible"))),
                Arguments.of(
                        "/example.com/m/v2/@v/v2.1.0.mod",
                        new ProxyRequest.Mod(new ModuleVersion("example.com/m/v2", "v2.1.0"))),
                Arguments.of(
                        "/gopkg.in/yaml.v3/@v/v3.0.1.zip",
                        new ProxyRequest.Zip(new ModuleVersion("gopkg.in/yaml.v3", "v3.0.1"))),
                // A percent-escape of an allowed character is the character.
                Arguments.of(
                        "/example.com/m/@v/v1.0.0%2Bincompatible.info",
                        new ProxyRequest.Info(new ModuleVersion("example.com/m", "v1.0.0+incompatible"))),
                Arguments.of("/healthz", new ProxyRequest.Health()),
                Arguments.of("/readyz", new ProxyRequest.Ready()),
                Arguments.of("/status", new ProxyRequest.Status(false)),
                Arguments.of("/", new ProxyRequest.Status(true)),
                Arguments.of("/sumdb/sum.example.com/supported", new ProxyRequest.SumdbSupported("sum.example.com")),
                Arguments.of("/sumdb/sum.example.com/latest", new ProxyRequest.SumdbFile("sum.example.com", "latest")),
                Arguments.of(
                        "/sumdb/sum.example.com/lookup/example.com/m@v1.0.0",
                        new ProxyRequest.SumdbFile("sum.example.com", "lookup/example.com/m@v1.0.0")),
                Arguments.of(
                        "/sumdb/sum.example.com/tile/8/0/x001/234",
                        new ProxyRequest.SumdbFile("sum.example.com", "tile/8/0/x001/234")),
                Arguments.of(
                        "/sumdb/sum.example.com/tile/8/data/005.p/17",
                        new ProxyRequest.SumdbFile("sum.example.com", "tile/8/data/005.p/17")));
    }

    @ParameterizedTest
    @MethodSource("valid")
    void parse_valid(String url, ProxyRequest want) {
        assertThat(ProxyRequest.parse(url)).isEqualTo(want);
    }

    /** Bad requests: the status and a fragment of the reason. */
    static Stream<Arguments> invalid() {
        return Stream.of(
                Arguments.of("/x/@v/list", 400, "missing dot in first path element"),
                Arguments.of("/example.com/Big/@v/list", 400, "invalid escaped module path"),
                Arguments.of("/example.com/m/@v/v1.0.0-!!.zip", 400, "invalid escaped version"),
                Arguments.of("/example.com/m/@v/v1.2.mod", 400, "version must be canonical"),
                Arguments.of("/example.com/m/@v/master.zip", 400, "version must be canonical"),
                Arguments.of("/example.com/m/@v/v1.0.0+meta.zip", 400, "version must be canonical"),
                Arguments.of("/example.com/m/@v/v2.0.0.zip", 400, "should be v0 or v1, not v2"),
                Arguments.of("/example.com/m/v2/@v/v1.0.0.mod", 400, "should be v2, not v1"),
                Arguments.of("/example.com/../etc/@v/list", 400, "\"..\" not allowed"),
                Arguments.of("/example.com/%2e%2e/x/@v/list", 400, "\"..\" not allowed"),
                Arguments.of("/example.com/m/@v/..%2f..%2fpasswd.info", 400, "\"..\" not allowed"),
                Arguments.of("/example.com/m/@v/v1.0.0%2f..%2fx.info", 400, "\"..\" not allowed"),
                Arguments.of("/example.com/m/@v/v1.0.0%zz.info", 400, "malformed percent-escape"),
                Arguments.of("/example.com/m/@v/v1.0.0%ff.info", 400, "not valid UTF-8"),
                Arguments.of("/example.com/m/@v/v1.0.0.tar", 404, "unknown endpoint"),
                Arguments.of("/example.com/m", 404, "unknown endpoint"),
                Arguments.of("/favicon.ico", 404, "unknown endpoint"),
                Arguments.of("/sumdb/sum.example.com/lookup/example.com/m@master", 400, "malformed checksum database"),
                Arguments.of("/sumdb/sum.example.com/tile/8/0/../../x", 400, "\"..\" not allowed"),
                Arguments.of("/sumdb/sum.example.com/tile/8/0/12", 400, "malformed checksum database"),
                Arguments.of("/sumdb/nodot/supported", 400, "malformed checksum database name"),
                Arguments.of("/sumdb/sum.example.com/other", 404, "unknown endpoint"),
                Arguments.of("/" + "a".repeat(ProxyRequest.MAX_URL_BYTES), 414, "URL longer than 4096 bytes"));
    }

    @ParameterizedTest
    @MethodSource("invalid")
    void parse_invalid(String url, int status, String reason) {
        assertThatThrownBy(() -> ProxyRequest.parse(url))
                .isInstanceOfSatisfying(
                        BadRequestException.class, e -> assertThat(e.status()).isEqualTo(status))
                .hasMessageContaining(reason);
    }
}
