package dev.holdfast.conformance.mvs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.module.ModuleVersion;
import dev.holdfast.mvs.MvsScript;
import dev.holdfast.testing.ConformanceReport;
import dev.holdfast.testing.GoToolchain;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Runs every scenario of the go command's own MVS test, {@code cmd/go/internal/mvs/mvs_test.go}, read
 * from the installed toolchain's GOROOT at test time, against {@link dev.holdfast.mvs.Mvs}. The table
 * is the raw string {@code tests}; its commands expect Go's results, so agreement means Holdfast
 * computes the same build lists, upgrades, downgrades and minimal requirements as the go command.
 */
class MvsTestTableConformanceTest {

    private static final String TABLE_START = "var tests = `";

    @Test
    void mvsTestTable_allScenariosAgree() throws IOException {
        List<MvsScript.Scenario> scenarios = MvsScript.parse(table());
        List<String> problems = new ArrayList<>();
        int commands = 0;
        int agreedCommands = 0;
        int agreedScenarios = 0;
        for (MvsScript.Scenario scenario : scenarios) {
            int before = problems.size();
            if (scenario.commands().isEmpty()) {
                problems.add(scenario.name() + ": no functions tested"); // Go's own complaint
            }
            for (MvsScript.Command command : scenario.commands()) {
                commands++;
                String problem = check(scenario, command);
                if (problem == null) {
                    agreedCommands++;
                } else {
                    problems.add(scenario.name() + ": " + problem);
                }
            }
            if (problems.size() == before) {
                agreedScenarios++;
            }
        }
        ConformanceReport.record("mvs", "mvs_test.go scenarios", scenarios.size(), agreedScenarios);
        ConformanceReport.record("mvs", "mvs_test.go commands", commands, agreedCommands);
        assertThat(problems).isEmpty();
        // Guards against a table that was cut short or changed shape (Go 1.26 has 39 scenarios).
        assertThat(scenarios).hasSizeGreaterThanOrEqualTo(39);
        assertThat(scenarios).extracting(MvsScript.Scenario::name).contains("blog", "downhiddencross", "reqcross");
    }

    private static String check(MvsScript.Scenario scenario, MvsScript.Command command) {
        List<ModuleVersion> want = MvsScript.want(command);
        try {
            List<ModuleVersion> got = MvsScript.run(scenario, command);
            return got.equals(want) ? null : command + " got " + got;
        } catch (IOException | RuntimeException e) {
            return command + " failed: " + e;
        }
    }

    /** Returns the body of the raw string {@code tests} in mvs_test.go. */
    private static String table() throws IOException {
        Path file = GoToolchain.get().goroot().resolve("src/cmd/go/internal/mvs/mvs_test.go");
        String source = Files.readString(file);
        int start = source.indexOf(TABLE_START);
        assertThat(start).as("%s declares %s", file, TABLE_START).isNotNegative();
        int body = start + TABLE_START.length();
        int end = source.indexOf('`', body);
        assertThat(end).as("end of the tests table in %s", file).isPositive();
        return source.substring(body, end);
    }
}
