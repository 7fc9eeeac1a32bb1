package dev.holdfast.conformance.modfile;

import dev.holdfast.modfile.GoModFile;
import dev.holdfast.modfile.GoModSyntaxException;
import dev.holdfast.testing.GoToolchain;
import dev.holdfast.testing.XmodOracle;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * What one side of a comparison produced for a go.mod input: formatted bytes, or an error text.
 *
 * @param data the formatted file, or null on error
 * @param error the error text (x/mod's ErrorList text), or null on success
 */
record Outcome(byte[] data, String error) {
    static Outcome ok(byte[] data) {
        return new Outcome(data, null);
    }

    static Outcome failed(String error) {
        return new Outcome(null, error);
    }

    /** Reports whether both succeeded with the same bytes or both failed with the same text. */
    boolean agrees(Outcome other) {
        return Arrays.equals(data, other.data) && Objects.equals(error, other.error);
    }

    /** Reports whether both failed or both succeeded. */
    boolean sameSuccess(Outcome other) {
        return (data == null) == (other.data == null);
    }

    @Override
    public String toString() {
        return data != null ? new String(data, StandardCharsets.UTF_8) : "ERROR: " + error;
    }

    /** Returns a side-by-side description of two outcomes for a failure message. */
    static String describe(String source, String leftName, Outcome left, String rightName, Outcome right) {
        return "== " + source + "\n-- " + leftName + " --\n" + left + "\n-- " + rightName + " --\n" + right + "\n";
    }

    /**
     * Runs Holdfast the way {@code go mod edit} does: strict parse without a fixer, the edits, then
     * SortBlocks, Cleanup and Format.
     */
    static Outcome holdfastEdit(byte[] input, Consumer<GoModFile> edits) {
        try {
            GoModFile f = GoModFile.parse("go.mod", input, null);
            edits.accept(f);
            f.sortBlocks();
            f.cleanup();
            return ok(f.format());
        } catch (GoModSyntaxException e) {
            return failed(e.getMessage());
        } catch (RuntimeException e) {
            return failed("go: " + e.getMessage());
        }
    }

    /** Runs Holdfast's plain parse (strict or lax, no fixer) and format, as the oracle's modfile.format. */
    static Outcome holdfastFormat(byte[] input, boolean strict) {
        try {
            GoModFile f = strict ? GoModFile.parse("go.mod", input, null) : GoModFile.parseLax("go.mod", input, null);
            return ok(f.format());
        } catch (GoModSyntaxException e) {
            return failed(e.getMessage());
        }
    }

    /** Calls an oracle op that returns formatted bytes (base64) or x/mod's error text. */
    static Outcome oracle(String op, Object... args) {
        try {
            var result = XmodOracle.get().call(op, args);
            var bytes = result.isObject() ? result.get("format") : result;
            // Go encodes a nil []byte (an empty format) as null.
            return ok(bytes.isNull() ? new byte[0] : Base64.getDecoder().decode(bytes.asText()));
        } catch (XmodOracle.OracleError e) {
            return failed(e.getMessage());
        }
    }

    /**
     * Runs {@code go mod edit <args> go.mod} on {@code input} in a fresh directory under {@code
     * root} and returns the rewritten go.mod, or the command's error text without the {@code go:
     * errors parsing go.mod:} line.
     */
    static Outcome goModEdit(GoToolchain.Sandbox sandbox, Path root, byte[] input, String... args) {
        try {
            Path dir = Files.createTempDirectory(root, "m");
            Path gomod = dir.resolve("go.mod");
            Files.write(gomod, input);
            List<String> command = new ArrayList<>(List.of("mod", "edit"));
            command.addAll(List.of(args));
            command.add("go.mod");
            GoToolchain.Run run = sandbox.run(dir, Map.of(), command.toArray(String[]::new));
            if (run.exitCode() == 0) {
                return ok(Files.readAllBytes(gomod));
            }
            String err = run.stderr();
            String header = "go: errors parsing go.mod:\n";
            err = err.startsWith(header) ? err.substring(header.length()) : err;
            return failed(err.endsWith("\n") ? err.substring(0, err.length() - 1) : err);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
