package dev.holdfast.conformance.cli;

import dev.holdfast.dirhash.DirHash;
import dev.holdfast.module.ModuleVersion;
import dev.holdfast.testing.LocalOrigin;
import dev.holdfast.zip.ModuleZip;
import dev.holdfast.zip.ZipFileSource;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Module versions made for the end-to-end tests and the fetch benchmark: real module zips written by
 * {@link ModuleZip#create}, with pseudo-random (so incompressible) content of a chosen size, and their
 * {@code h1:} hashes as the go command computes them.
 */
final class GeneratedModules {
    private GeneratedModules() {}

    /**
     * One generated module version.
     *
     * @param mv the module path and version
     * @param time the version's commit time, served in its {@code .info}
     * @param mod its go.mod
     * @param zip its module zip
     */
    record Module(ModuleVersion mv, Instant time, byte[] mod, byte[] zip) {
        /** Returns {@code path@version}. */
        String target() {
            return mv.path() + "@" + mv.version();
        }

        /** Returns the zip's {@code h1:} hash (dirhash Hash1 over its files). */
        String sum() {
            try {
                Path tmp = Files.createTempFile("holdfast-gen", ".zip");
                try {
                    Files.write(tmp, zip);
                    return DirHash.hashZip(tmp);
                } finally {
                    Files.delete(tmp);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** Returns the go.mod's {@code h1:} hash. */
        String goModSum() {
            return DirHash.hashGoMod(mod);
        }

        /** Returns the two go.sum lines of this version. */
        String goSumLines() {
            return mv.path() + " " + mv.version() + " " + sum() + "\n" + mv.path() + " " + mv.version() + "/go.mod "
                    + goModSum() + "\n";
        }
    }

    /**
     * Returns {@code modules} modules of {@code versions} versions each, zips of about {@code zipBytes}
     * bytes spread over {@code files} data files, all drawn from {@code seed}. Every other module path has
     * upper-case letters and every third version a pre-release with upper-case letters, so that
     * {@code !}-escaping is on the way of every run.
     */
    static List<Module> generate(int modules, int versions, int zipBytes, int files, long seed) {
        Random random = new Random(seed);
        List<Module> out = new ArrayList<>();
        for (int m = 0; m < modules; m++) {
            String path = (m % 2 == 0 ? "example.com/gen/mod" : "example.com/Gen/Mod") + m;
            for (int v = 0; v < versions; v++) {
                String version = v % 3 == 2 ? "v1." + v + ".0-RC." + v : "v1." + v + ".0";
                Instant time = Instant.parse("2024-01-01T00:00:00Z").plusSeconds(3600L * (m * versions + v));
                out.add(create(new ModuleVersion(path, version), time, zipBytes, files, random));
            }
        }
        return List.copyOf(out);
    }

    /** Returns one module version whose zip holds a go.mod, a Go file and {@code files} random data files. */
    static Module create(ModuleVersion mv, Instant time, int zipBytes, int files, Random random) {
        return create(mv, time, "", zipBytes, files, random);
    }

    /**
     * Returns one module version as {@link #create(ModuleVersion, Instant, int, int, Random)} does, with
     * {@code directives} (a {@code retract} line, say) added to its go.mod.
     */
    static Module create(ModuleVersion mv, Instant time, String directives, int zipBytes, int files, Random random) {
        byte[] mod = ("module " + mv.path() + "\n\ngo 1.21\n" + directives).getBytes(StandardCharsets.UTF_8);
        List<ZipFileSource> sources = new ArrayList<>();
        sources.add(ZipFileSource.of("go.mod", mod));
        sources.add(ZipFileSource.of(
                "gen.go",
                ("package gen\n\n// Version is the version this file was generated for.\nconst Version = \""
                                + mv.version() + "\"\n")
                        .getBytes(StandardCharsets.UTF_8)));
        for (int i = 0; i < files; i++) {
            byte[] data = new byte[zipBytes / Math.max(1, files)];
            random.nextBytes(data);
            sources.add(ZipFileSource.of("data/d" + i % 16 + "/f" + i + ".bin", data));
        }
        ByteArrayOutputStream zip = new ByteArrayOutputStream(zipBytes + 4096);
        try {
            ModuleZip.create(mv, sources, zip);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Module(mv, time, mod, zip.toByteArray());
    }

    /** Serves every module of {@code modules} from {@code origin}. */
    static LocalOrigin serve(LocalOrigin origin, List<Module> modules) {
        for (Module m : modules) {
            origin.add(m.mv().path(), m.mv().version(), m.time(), m.mod(), m.zip());
        }
        return origin;
    }

    /** Returns {@code path@version} of every module, in order. */
    static List<String> targets(List<Module> modules) {
        return modules.stream().map(Module::target).toList();
    }
}
