package dev.holdfast.bench;

import dev.holdfast.modfile.GoModFile;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Parse and format of a go.mod with 2,000 requirements (a direct block and an indirect block, with
 * comments), the work behind every go.mod edit. {@link #text()} writes the same file for the x/mod
 * baseline that {@code scripts/bench} times in the same run.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class GoModBenchmark {
    static final int REQUIREMENTS = 2000;

    private byte[] data;

    @Setup
    public void generate() {
        data = text().getBytes(StandardCharsets.UTF_8);
    }

    /** Returns the benchmark's go.mod: deterministic, so the Go baseline parses the same bytes. */
    public static String text() {
        StringBuilder b = new StringBuilder("// Generated for the parse and format benchmark.\n");
        b.append("module example.com/bench/app\n\ngo 1.23\n\ntoolchain go1.23.4\n\nrequire (\n");
        for (int i = 0; i < REQUIREMENTS; i++) {
            if (i == REQUIREMENTS / 2) {
                b.append(")\n\nrequire (\n");
            }
            b.append("\texample.com/dep")
                    .append(i % 97)
                    .append("/module")
                    .append(i)
                    .append(" v1.")
                    .append(i % 13)
                    .append('.')
                    .append(i % 7);
            if (i >= REQUIREMENTS / 2) {
                b.append(" // indirect");
            }
            if (i % 50 == 0) {
                b.append("\n\t// group ").append(i / 50);
            }
            b.append('\n');
        }
        b.append(")\n\nreplace example.com/dep1/module1 => ../local\n\nexclude example.com/dep2/module2 v1.0.0\n");
        return b.toString();
    }

    @Benchmark
    public byte[] parseAndFormat() {
        return GoModFile.parse("go.mod", data, null).format();
    }

    @Benchmark
    public GoModFile parseOnly() {
        return GoModFile.parse("go.mod", data, null);
    }

    /** Prints the benchmark's go.mod to standard output (used by scripts/bench for the Go baseline). */
    public static void main(String[] args) {
        System.out.print(text());
    }
}
