package dev.holdfast.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A txtar archive (golang.org/x/tools/txtar): a comment, then files each introduced by a line
 * {@code -- name --}. The go command's test data ({@code cmd/go/testdata/mod}) uses this format.
 *
 * @param comment the text before the first file marker
 * @param files the files in archive order
 */
public record Txtar(String comment, List<File> files) {
    /** One file of an archive; {@code data} ends with a newline unless it is empty. */
    public record File(String name, String data) {
        /** Returns the data as UTF-8 bytes. */
        public byte[] bytes() {
            return data.getBytes(StandardCharsets.UTF_8);
        }
    }

    public Txtar {
        files = List.copyOf(files);
    }

    /** Reads and parses the archive at {@code path}. */
    public static Txtar read(Path path) throws IOException {
        return parse(Files.readString(path, StandardCharsets.UTF_8));
    }

    /** Parses an archive; never fails, as txtar has no invalid input. */
    public static Txtar parse(String text) {
        List<File> files = new ArrayList<>();
        Marker marker = findMarker(text, 0);
        String comment = text.substring(0, marker.start());
        while (marker.name() != null) {
            Marker next = findMarker(text, marker.end());
            files.add(new File(marker.name(), fixNewline(text.substring(marker.end(), next.start()))));
            marker = next;
        }
        return new Txtar(fixNewline(comment), files);
    }

    /** Returns the file called {@code name}, or null. */
    public File file(String name) {
        return files.stream().filter(f -> f.name().equals(name)).findFirst().orElse(null);
    }

    /** The next marker line at or after {@code from}: its span and file name (null name at end). */
    private record Marker(int start, int end, String name) {}

    private static Marker findMarker(String text, int from) {
        int lineStart = from;
        while (lineStart < text.length()) {
            int newline = text.indexOf('\n', lineStart);
            int lineEnd = newline < 0 ? text.length() : newline;
            String line = text.substring(lineStart, lineEnd);
            if (line.startsWith("-- ") && line.endsWith(" --") && line.length() >= 6) {
                String name = line.substring(3, line.length() - 3).strip();
                if (!name.isEmpty()) {
                    return new Marker(lineStart, newline < 0 ? text.length() : newline + 1, name);
                }
            }
            if (newline < 0) {
                break;
            }
            lineStart = newline + 1;
        }
        return new Marker(text.length(), text.length(), null);
    }

    private static String fixNewline(String data) {
        return data.isEmpty() || data.endsWith("\n") ? data : data + "\n";
    }
}
