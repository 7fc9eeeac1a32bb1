package dev.holdfast.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import dev.holdfast.module.ModuleVersion;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes JSON the way the go command's {@code -json} flags do: one object after another, indented
 * with tabs, {@code "key": value}, no HTML escaping. Tools that read {@code go mod download -json}
 * output read Holdfast's unchanged.
 */
final class JsonOutput {
    private static final ObjectWriter WRITER = writer();

    private JsonOutput() {}

    private static ObjectWriter writer() {
        DefaultIndenter tabs = new DefaultIndenter("\t", "\n");
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter()
                .withObjectIndenter(tabs)
                .withArrayIndenter(tabs)
                .withSeparators(com.fasterxml.jackson.core.util.Separators.createDefaultInstance()
                        .withObjectFieldValueSpacing(com.fasterxml.jackson.core.util.Separators.Spacing.AFTER));
        return new ObjectMapper()
                .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
                .writer(printer);
    }

    /** Returns a module as the go command's JSON gives it: Path, then Version unless it is empty. */
    static Map<String, Object> module(ModuleVersion module) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("Path", module.path());
        if (!module.version().isEmpty()) {
            fields.put("Version", module.version());
        }
        return fields;
    }

    /** Returns a module moved from one version to another: Path, From, To. */
    static Map<String, Object> move(String path, String from, String to) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("Path", path);
        fields.put("From", from);
        fields.put("To", to);
        return fields;
    }

    /** Writes {@code value} as one indented JSON object followed by a newline. */
    static void print(PrintWriter out, Object value) {
        try {
            out.println(WRITER.writeValueAsString(value));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
