package dev.holdfast.conformance.module;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.classfile.Annotation;
import java.lang.classfile.AnnotationElement;
import java.lang.classfile.AnnotationValue;
import java.lang.classfile.Attributes;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassModel;
import java.lang.classfile.MethodModel;
import java.lang.classfile.constantpool.PoolEntry;
import java.lang.classfile.constantpool.StringEntry;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The inputs of the unit tests in core's {@code dev.holdfast.semver} and {@code dev.holdfast.module}
 * test packages, so that the differential tests run every one of them through the oracle as well:
 * every string constant of those test classes, each field of their {@code @CsvSource} rows, and the
 * rows themselves (whose first two fields serve as the argument pairs of two-argument ops). Inputs
 * only, no expectations.
 *
 * <p>They are read from the compiled tests in holdfast-core's test-jar, so they follow the unit tables
 * as those grow, and no copy of the tables is kept here. Only the class files are read: loading the
 * classes would need core's test-only dependencies (jazzer, for one).
 */
public final class TableInputs {

    /** A class of the tests read, used to find where core's test classes are. */
    private static final String ANCHOR = "dev/holdfast/semver/SemverTest.class";

    private static final List<String> PACKAGES = List.of("semver", "module");

    private static final String CSV_SOURCE = "Lorg/junit/jupiter/params/provider/CsvSource;";

    /**
     * The string constants, the CSV lines (literals too) and their fields, in class-name order and then
     * in order of appearance.
     */
    public static final List<String> STRINGS;

    /** The CSV rows with at least two fields, split into fields. */
    public static final List<List<String>> ROWS;

    static {
        List<String> strings = new ArrayList<>();
        List<List<String>> rows = new ArrayList<>();
        for (ClassModel test : testClasses()) {
            strings.addAll(constants(test));
            for (CsvLine line : csvLines(test)) {
                List<String> fields = line.fields();
                strings.add(line.text());
                strings.addAll(fields);
                if (fields.size() >= 2) {
                    rows.add(fields);
                }
            }
        }
        STRINGS = List.copyOf(strings);
        ROWS = List.copyOf(rows);
    }

    private TableInputs() {}

    /** Returns the class files of the test packages, sorted by name. */
    private static List<ClassModel> testClasses() {
        try {
            URL anchor = TableInputs.class.getClassLoader().getResource(ANCHOR);
            if (anchor == null) {
                throw new IllegalStateException(ANCHOR + " is not on the class path: is holdfast-core:tests missing?");
            }
            URI uri = anchor.toURI();
            try (FileSystem jar = uri.getScheme().equals("jar") ? FileSystems.newFileSystem(uri, Map.of()) : null) {
                Path holdfast = Path.of(uri).getParent().getParent();
                List<ClassModel> classes = new ArrayList<>();
                for (String pkg : PACKAGES) {
                    try (Stream<Path> files = Files.list(holdfast.resolve(pkg))) {
                        for (Path file : files.filter(f -> f.toString().endsWith(".class"))
                                .sorted()
                                .toList()) {
                            classes.add(ClassFile.of().parse(Files.readAllBytes(file)));
                        }
                    }
                }
                return classes;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Returns the string constants of a class: its literals, and the constant parts of its string
     * concatenations (whose recipes mark each argument with U+0001 or U+0002).
     */
    private static List<String> constants(ClassModel test) {
        List<String> out = new ArrayList<>();
        for (PoolEntry entry : test.constantPool()) {
            if (entry instanceof StringEntry s) {
                String value = s.stringValue();
                if (value.indexOf('\u0001') < 0 && value.indexOf('\u0002') < 0) {
                    out.add(value);
                } else {
                    Stream.of(value.split("[\u0001\u0002]"))
                            .filter(part -> !part.isEmpty())
                            .forEach(out::add);
                }
            }
        }
        return out;
    }

    /** Returns the lines of every {@code @CsvSource} of a class, in method order. */
    private static List<CsvLine> csvLines(ClassModel test) {
        List<CsvLine> lines = new ArrayList<>();
        for (MethodModel method : test.methods()) {
            List<Annotation> annotations = method.findAttribute(Attributes.runtimeVisibleAnnotations())
                    .map(a -> a.annotations())
                    .orElse(List.of());
            for (Annotation a : annotations) {
                if (a.className().stringValue().equals(CSV_SOURCE)) {
                    lines.addAll(csvLines(a));
                }
            }
        }
        return lines;
    }

    private static List<CsvLine> csvLines(Annotation csvSource) {
        char delimiter = ',';
        List<String> texts = List.of();
        for (AnnotationElement e : csvSource.elements()) {
            switch (e.name().stringValue()) {
                case "delimiter" -> delimiter = ((AnnotationValue.OfChar) e.value()).charValue();
                case "value" ->
                    texts = ((AnnotationValue.OfArray) e.value())
                            .values().stream()
                                    .map(v -> ((AnnotationValue.OfString) v).stringValue())
                                    .toList();
                default -> {}
            }
        }
        char d = delimiter;
        return texts.stream().map(t -> new CsvLine(t, d)).toList();
    }

    /** One line of a {@code @CsvSource} and the delimiter it declares. */
    record CsvLine(String text, char delimiter) {

        /**
         * Splits the line as JUnit does with its defaults: fields are trimmed, and a field in single
         * quotes keeps its spaces and delimiters ({@code ''} alone is the empty string, and inside
         * quotes stands for one quote).
         */
        List<String> fields() {
            List<String> fields = new ArrayList<>();
            int i = 0;
            while (true) {
                while (i < text.length() && text.charAt(i) != delimiter && Character.isWhitespace(text.charAt(i))) {
                    i++;
                }
                if (i < text.length() && text.charAt(i) == '\'') {
                    i = quoted(i + 1, fields);
                } else {
                    int end = text.indexOf(delimiter, i) < 0 ? text.length() : text.indexOf(delimiter, i);
                    fields.add(text.substring(i, end).strip());
                    i = end;
                }
                if (i >= text.length()) {
                    return fields;
                }
                i++; // the delimiter
            }
        }

        /** Adds the quoted field starting after the quote at {@code i - 1}; returns where its delimiter is. */
        private int quoted(int i, List<String> fields) {
            StringBuilder field = new StringBuilder();
            for (; i < text.length(); i++) {
                if (text.startsWith("''", i)) {
                    field.append('\'');
                    i++;
                } else if (text.charAt(i) == '\'') {
                    break;
                } else {
                    field.append(text.charAt(i));
                }
            }
            fields.add(field.toString());
            int end = text.indexOf(delimiter, i);
            return end < 0 ? text.length() : end;
        }
    }
}
