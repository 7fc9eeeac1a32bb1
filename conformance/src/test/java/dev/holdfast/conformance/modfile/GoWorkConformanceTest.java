package dev.holdfast.conformance.modfile;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.holdfast.modfile.GoModSyntaxException;
import dev.holdfast.modfile.GoWorkFile;
import dev.holdfast.testing.ConformanceReport;
import dev.holdfast.testing.GoToolchain;
import dev.holdfast.testing.Txtar;
import dev.holdfast.testing.XmodOracle;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * go.work files against x/mod's {@code ParseWork}: every go.work in the go command's test scripts (read
 * from the Go distribution at test time), each also after random text mutations, and go.mod texts read as
 * go.work files (which must fail the same way); the directives or the error message must be the same.
 */
class GoWorkConformanceTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long SEED = 20261206L;
    private static final int MUTATIONS_PER_FILE = 6;

    @Test
    void goWorkFiles_parseAsXmodParsesThem() {
        List<byte[]> corpus = corpus(GoToolchain.get().goroot());
        assertThat(corpus).as("go.work files in the go command's test scripts").hasSizeGreaterThan(30);
        Random random = new Random(SEED);
        List<byte[]> inputs = new ArrayList<>(corpus);
        for (byte[] data : corpus) {
            for (int i = 0; i < MUTATIONS_PER_FILE; i++) {
                inputs.add(GoModMutations.mutate(data, random));
            }
        }
        GoModCorpus.all().stream().limit(200).forEach(in -> inputs.add(in.data()));
        XmodOracle oracle = XmodOracle.get();
        List<String> mismatches = new ArrayList<>();
        int rejected = 0;
        for (byte[] data : inputs) {
            JsonNode want;
            try {
                want = oracle.call("modfile.work", data);
            } catch (XmodOracle.OracleError e) {
                want = JSON.valueToTree(Map.of("error", e.getMessage()));
                rejected++;
            }
            JsonNode got = directives(data);
            if (!want.equals(got)) {
                mismatches.add("x/mod:    " + want + "\nholdfast: " + got + "\n-- input --\n"
                        + new String(data, StandardCharsets.UTF_8));
            }
        }
        ConformanceReport.record(
                "modfile",
                "x/mod ParseWork vs GoWorkFile (go.work files of the go command's scripts, mutated, and go.mod texts; "
                        + rejected + " rejected)",
                inputs.size(),
                inputs.size() - mismatches.size());
        assertThat(rejected).as("inputs x/mod rejects").isGreaterThan(100);
        assertThat(mismatches)
                .as(GoModFormatConformanceTest.summary(mismatches))
                .isEmpty();
    }

    private static JsonNode directives(byte[] data) {
        GoWorkFile f;
        try {
            f = GoWorkFile.parse("go.work", data);
        } catch (GoModSyntaxException e) {
            return JSON.valueToTree(Map.of("error", e.getMessage()));
        }
        Map<String, Object> out = new LinkedHashMap<>();
        f.go().ifPresent(v -> out.put("go", v));
        f.toolchain().ifPresent(v -> out.put("toolchain", v));
        out.put(
                "godebug",
                orNull(f.godebugs().stream()
                        .map(g -> List.of(g.key(), g.value()))
                        .toList()));
        out.put("use", orNull(f.uses()));
        out.put(
                "replace",
                orNull(f.replaces().stream()
                        .map(r -> List.of(r.oldPath(), r.oldVersion(), r.newPath(), r.newVersion()))
                        .toList()));
        return JSON.valueToTree(out);
    }

    private static Object orNull(List<?> list) {
        return list.isEmpty() ? null : list;
    }

    /** Every go.work text in the txtar archives of cmd/go/testdata/script, each once. */
    private static List<byte[]> corpus(Path goroot) {
        Map<String, byte[]> byContent = new LinkedHashMap<>();
        try (Stream<Path> scripts = Files.list(goroot.resolve("src/cmd/go/testdata/script"))) {
            for (Path archive :
                    scripts.filter(p -> p.toString().endsWith(".txt")).sorted().toList()) {
                String text = new String(Files.readAllBytes(archive), StandardCharsets.ISO_8859_1);
                for (Txtar.File file : Txtar.parse(text).files()) {
                    if (file.name().equals("go.work") || file.name().endsWith("/go.work")) {
                        byContent.putIfAbsent(file.data(), file.data().getBytes(StandardCharsets.ISO_8859_1));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return List.copyOf(byContent.values());
    }
}
