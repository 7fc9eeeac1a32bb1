package dev.holdfast.modfile;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Golden files in {@code src/test/resources/modfile}: each {@code <name>.golden} is what {@code go
 * mod edit -fmt} wrote for {@code <name>.in}. Formatting (parse, SortBlocks, Cleanup, Format, as
 * {@code go mod edit -fmt} does) must turn every .in into its .golden and leave every .golden as is.
 */
class GoModGoldenTest {
    private static Path dir() throws URISyntaxException {
        return Path.of(Objects.requireNonNull(GoModGoldenTest.class.getResource("/modfile"))
                .toURI());
    }

    static List<String> names() throws IOException, URISyntaxException {
        try (Stream<Path> files = Files.list(dir())) {
            List<String> names = files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".golden"))
                    .map(n -> n.substring(0, n.length() - ".golden".length()))
                    .sorted()
                    .toList();
            assertThat(names).hasSizeGreaterThanOrEqualTo(10);
            return names;
        }
    }

    private static String fmt(byte[] data) {
        GoModFile f = GoModFile.parse("go.mod", data, null);
        f.sortBlocks();
        f.cleanup();
        return new String(f.format(), StandardCharsets.UTF_8);
    }

    @ParameterizedTest
    @MethodSource("names")
    void format_golden_isUnchanged(String name) throws Exception {
        byte[] golden = Files.readAllBytes(dir().resolve(name + ".golden"));
        assertThat(fmt(golden)).isEqualTo(new String(golden, StandardCharsets.UTF_8));
    }

    @ParameterizedTest
    @MethodSource("names")
    void format_in_producesGolden(String name) throws Exception {
        byte[] in = Files.readAllBytes(dir().resolve(name + ".in"));
        String golden = Files.readString(dir().resolve(name + ".golden"));
        assertThat(fmt(in)).isEqualTo(golden);
    }
}
