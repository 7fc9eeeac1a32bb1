package dev.holdfast.conformance.sumdb;

import dev.holdfast.dirhash.DirHash;
import dev.holdfast.fetch.BreakerPolicy;
import dev.holdfast.fetch.GoCommand;
import dev.holdfast.fetch.GoEnv;
import dev.holdfast.fetch.ProxySource;
import dev.holdfast.fetch.RetryPolicy;
import dev.holdfast.fetch.UpstreamBreakers;
import dev.holdfast.module.ModuleVersion;
import dev.holdfast.sumdb.SumdbVerifier;
import dev.holdfast.testing.GoToolchain;
import dev.holdfast.testing.LocalOrigin;
import dev.holdfast.testing.SumdbServer;
import dev.holdfast.zip.ModuleZip;
import dev.holdfast.zip.ZipFileSource;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A module proxy and a checksum database on 127.0.0.1 that both the go command and Holdfast are
 * pointed at, with module versions made for the test (one of them case-escaped).
 */
final class SumdbWorld implements AutoCloseable {
    static final String NAME = "sum.example.com";

    /** One module version: go.mod and zip as served. */
    record Module(ModuleVersion mv, byte[] mod, byte[] zip) {
        String target() {
            return mv.path() + "@" + mv.version();
        }

        String zipHash() throws IOException {
            Path tmp = Files.createTempFile("sumdb-world", ".zip");
            try {
                Files.write(tmp, zip);
                return DirHash.hashZip(tmp);
            } finally {
                Files.delete(tmp);
            }
        }

        String modHash() {
            return DirHash.hashGoMod(mod);
        }
    }

    final LocalOrigin origin;
    final SumdbServer db;
    final List<Module> modules = new ArrayList<>();

    SumdbWorld(int count) throws IOException {
        origin = LocalOrigin.open();
        db = SumdbServer.open(NAME);
        for (int i = 0; i < count; i++) {
            String path = i % 3 == 1 ? "example.com/Sum/Mod" + i : "example.com/sum/mod" + i;
            Module m = create(new ModuleVersion(path, "v1.0." + i));
            modules.add(m);
            origin.add(path, m.mv().version(), Instant.parse("2024-01-02T03:04:05Z"), m.mod(), m.zip());
            db.add(path, m.mv().version(), m.mod(), m.zip());
        }
        db.proxyTo(origin.url());
    }

    static Module create(ModuleVersion mv) throws IOException {
        byte[] mod = ("module " + mv.path() + "\n\ngo 1.21\n").getBytes(StandardCharsets.UTF_8);
        String pkg =
                "package " + mv.path().substring(mv.path().lastIndexOf('/') + 1).toLowerCase() + "\n\n"
                        + "// V is the version.\nconst V = \"" + mv.version() + "\"\n";
        ByteArrayOutputStream zip = new ByteArrayOutputStream();
        ModuleZip.create(
                mv,
                List.of(
                        ZipFileSource.of("go.mod", mod),
                        ZipFileSource.of("m.go", pkg.getBytes(StandardCharsets.UTF_8))),
                zip);
        return new Module(mv, mod, zip.toByteArray());
    }

    /** The go command's settings for this world: the database named in GOSUMDB with its URL, or through the proxy. */
    Map<String, String> goEnv(boolean throughProxy) {
        Map<String, String> env = new HashMap<>();
        env.put("GOPROXY", throughProxy ? db.url() : origin.url());
        env.put("GOSUMDB", throughProxy ? db.verifierKey() : db.gosumdb());
        env.put("GONOSUMDB", "");
        env.put("GOPRIVATE", "");
        env.put("GOFLAGS", "-mod=mod");
        return env;
    }

    /** Holdfast's verifier for a sandbox's GOPATH and module cache, with the go settings {@code go}. */
    SumdbVerifier holdfast(GoToolchain.Sandbox sandbox, Map<String, String> go) throws IOException {
        Map<String, String> env = new HashMap<>(go);
        env.put("HOME", sandbox.env().get("HOME"));
        env.put("GOENV", "off");
        env.put("GOPATH", sandbox.gopath().toString());
        env.put("GOMODCACHE", sandbox.modCache().toString());
        GoEnv goEnv = GoEnv.read(env, GoCommand.onPath());
        RetryPolicy quick = RetryPolicy.builder()
                .maxAttempts(2)
                .initialBackoff(Duration.ofMillis(5))
                .maxBackoff(Duration.ofMillis(10))
                .build();
        ProxySource.Timeouts timeouts = ProxySource.Timeouts.DEFAULT;
        return SumdbVerifier.forEnv(
                        goEnv,
                        ProxySource.newClient(timeouts),
                        timeouts,
                        quick,
                        new UpstreamBreakers(BreakerPolicy.defaults(), Clock.systemUTC()))
                .orElseThrow();
    }

    /**
     * Checks module {@code m} with {@code verifier} as a download does (go.mod hash, then zip hash)
     * and returns null when accepted, else the failure.
     */
    static Exception check(SumdbVerifier verifier, Module m) {
        try {
            verifier.checkHash(new ModuleVersion(m.mv().path(), m.mv().version() + "/go.mod"), m.modHash());
            verifier.checkHash(m.mv(), m.zipHash());
            return null;
        } catch (IOException | RuntimeException e) {
            return e;
        }
    }

    @Override
    public void close() {
        db.close();
        origin.close();
    }
}
