package dev.holdfast.conformance.zip;

import com.fasterxml.jackson.databind.JsonNode;
import dev.holdfast.zip.CheckedFiles;
import dev.holdfast.zip.CheckedFiles.FileError;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Converts the oracle's zip.check* results and compares them with Holdfast's. */
final class OracleResults {
    private OracleResults() {}

    /** Returns the oracle's CheckedFiles. */
    static CheckedFiles checked(JsonNode r) {
        List<String> valid = new ArrayList<>();
        r.path("valid").forEach(v -> valid.add(v.asText()));
        String size = r.path("sizeError").asText("");
        return new CheckedFiles(
                valid,
                errors(r.path("omitted")),
                errors(r.path("invalid")),
                size.isEmpty() ? Optional.empty() : Optional.of(size));
    }

    /** Returns the error the oracle's check returned with its result ("" for none). */
    static String error(JsonNode r) {
        return r.path("err").asText("");
    }

    private static List<FileError> errors(JsonNode list) {
        List<FileError> out = new ArrayList<>();
        list.forEach(e ->
                out.add(new FileError(e.path("path").asText(), e.path("err").asText())));
        return out;
    }

    /** Returns a description of how two results differ, or null if they are equal. */
    static String diff(String what, CheckedFiles holdfast, CheckedFiles oracle) {
        if (holdfast.equals(oracle)) {
            return null;
        }
        return what + "\n  holdfast: " + holdfast + "\n  x/mod:    " + oracle;
    }
}
