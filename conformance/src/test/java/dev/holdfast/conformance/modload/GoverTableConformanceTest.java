package dev.holdfast.conformance.modload;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.modload.GoVersion;
import dev.holdfast.testing.ConformanceReport;
import dev.holdfast.testing.GoToolchain;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@link GoVersion} against the go command's own tables for Go release versions, read at test time from
 * {@code $GOROOT/src/cmd/go/internal/gover/*_test.go}: Compare, IsValid, FromToolchain and ModCompare.
 */
class GoverTableConformanceTest {

    private static final Pattern STRING = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"");

    private static String source(String file) throws IOException {
        Path dir = GoToolchain.get().goroot().resolve("src/cmd/go/internal/gover");
        return Files.readString(dir.resolve(file));
    }

    /** Returns the rows of table {@code name}: each row's fields as written (strings unquoted). */
    private static List<List<String>> table(String source, String name) {
        int start = source.indexOf("var " + name + " = ");
        assertThat(start).as("table " + name + " in the go sources").isNotNegative();
        int end = source.indexOf("\n}\n", start);
        List<List<String>> rows = new ArrayList<>();
        for (String line : source.substring(start, end).split("\n")) {
            String row = line.strip();
            if (!row.startsWith("{") || !row.contains("},")) {
                continue;
            }
            row = row.substring(1, row.lastIndexOf("},"));
            List<String> fields = new ArrayList<>();
            Matcher m = STRING.matcher(row);
            int last = 0;
            while (m.find()) {
                fields.add(m.group(1));
                last = m.end();
            }
            for (String rest : row.substring(last).split(",")) {
                if (!rest.isBlank()) {
                    fields.add(rest.strip());
                }
            }
            rows.add(fields);
        }
        assertThat(rows).as("rows of " + name).isNotEmpty();
        return rows;
    }

    @Test
    void compare_goverCompareTests() throws IOException {
        List<List<String>> rows = table(source("gover_test.go"), "compareTests");
        List<String> wrong = new ArrayList<>();
        for (List<String> r : rows) {
            int want = Integer.parseInt(r.get(2));
            if (GoVersion.compare(r.get(0), r.get(1)) != want || GoVersion.compare(r.get(1), r.get(0)) != -want) {
                wrong.add(r.toString());
            }
        }
        ConformanceReport.record("modload", "gover Compare table", rows.size(), rows.size() - wrong.size());
        assertThat(wrong).isEmpty();
    }

    @Test
    void isValid_goverIsValidTests() throws IOException {
        List<List<String>> rows = table(source("gover_test.go"), "isValidTests");
        List<String> wrong = new ArrayList<>();
        for (List<String> r : rows) {
            if (GoVersion.isValid(r.get(0)) != Boolean.parseBoolean(r.get(1))) {
                wrong.add(r.toString());
            }
        }
        ConformanceReport.record("modload", "gover IsValid table", rows.size(), rows.size() - wrong.size());
        assertThat(wrong).isEmpty();
    }

    @Test
    void fromToolchain_goverFromToolchainTests() throws IOException {
        List<List<String>> rows = table(source("toolchain_test.go"), "fromToolchainTests");
        List<String> wrong = new ArrayList<>();
        for (List<String> r : rows) {
            if (!GoVersion.fromToolchain(r.get(0)).equals(r.get(1))) {
                wrong.add(r.toString());
            }
        }
        ConformanceReport.record("modload", "gover FromToolchain table", rows.size(), rows.size() - wrong.size());
        assertThat(wrong).isEmpty();
    }

    @Test
    void compareModule_goverModCompareTests() throws IOException {
        List<List<String>> rows = table(source("mod_test.go"), "modCompareTests");
        List<String> wrong = new ArrayList<>();
        for (List<String> r : rows) {
            if (GoVersion.compareModule(r.get(0), r.get(1), r.get(2)) != Integer.parseInt(r.get(3))) {
                wrong.add(r.toString());
            }
        }
        ConformanceReport.record("modload", "gover ModCompare table", rows.size(), rows.size() - wrong.size());
        assertThat(wrong).isEmpty();
    }
}
