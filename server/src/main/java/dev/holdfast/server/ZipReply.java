package dev.holdfast.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Answers for a stored module zip: the whole file, one byte range of it (206, or 416 when the range
 * is outside the file), or 304 when the client's {@code If-None-Match} names its entity tag. The tag
 * is the zip's {@code h1:} hash from the store's {@code .ziphash}, which names the content exactly.
 */
final class ZipReply {
    /** Immutable files: cacheable by anyone for a year, never revalidated (RFC 8246). */
    static final String IMMUTABLE = "public, max-age=31536000, immutable";

    private static final Pattern RANGE = Pattern.compile("bytes=([0-9]*)-([0-9]*)");

    private ZipReply() {}

    /** Returns the reply for {@code zip}, a complete verified file, under {@code headers}. */
    static Reply of(Path zip, RequestHeaders headers) throws IOException {
        long size = Files.size(zip);
        String etag = etag(zip, size);
        Map<String, String> common = Map.of(
                "Content-Type", Reply.OCTETS, "Cache-Control", IMMUTABLE, "ETag", etag, "Accept-Ranges", "bytes");
        Optional<String> ifNoneMatch = headers.get("If-None-Match");
        if (ifNoneMatch.isPresent() && matches(ifNoneMatch.get(), etag)) {
            return new Reply(304, common, new Reply.Bytes(new byte[0]));
        }
        Optional<String> range = headers.get("Range");
        if (range.isEmpty()) {
            return new Reply(200, common, new Reply.FileRegion(zip, 0, size));
        }
        Matcher m = RANGE.matcher(range.get().strip());
        if (!m.matches() || (m.group(1).isEmpty() && m.group(2).isEmpty())) {
            return new Reply(200, common, new Reply.FileRegion(zip, 0, size)); // unsupported form: whole file
        }
        long first;
        long last;
        try {
            if (m.group(1).isEmpty()) { // suffix: the last N bytes
                long n = Long.parseLong(m.group(2));
                first = Math.max(0, size - n);
                last = size - 1;
                if (n == 0) {
                    return unsatisfiable(common, size);
                }
            } else {
                first = Long.parseLong(m.group(1));
                last = m.group(2).isEmpty() ? size - 1 : Math.min(Long.parseLong(m.group(2)), size - 1);
            }
        } catch (NumberFormatException e) {
            return unsatisfiable(common, size);
        }
        if (first >= size || first > last) {
            return unsatisfiable(common, size);
        }
        return new Reply(206, common, new Reply.FileRegion(zip, first, last - first + 1))
                .withHeader("Content-Range", "bytes " + first + "-" + last + "/" + size);
    }

    private static Reply unsatisfiable(Map<String, String> common, long size) {
        return new Reply(416, common, new Reply.Bytes(new byte[0])).withHeader("Content-Range", "bytes */" + size);
    }

    /** Reports whether an {@code If-None-Match} list names {@code etag} (or is {@code *}). */
    private static boolean matches(String ifNoneMatch, String etag) {
        for (String tag : ifNoneMatch.split(",")) {
            String t = tag.strip();
            if (t.equals("*") || t.equals(etag) || t.equals("W/" + etag)) {
                return true;
            }
        }
        return false;
    }

    /** Returns the strong entity tag: the h1 hash the store kept next to the zip, else size and time. */
    private static String etag(Path zip, long size) throws IOException {
        String name = zip.getFileName().toString();
        Path ziphash = zip.resolveSibling(name.substring(0, name.length() - ".zip".length()) + ".ziphash");
        if (Files.isRegularFile(ziphash)) {
            String h1 = Files.readString(ziphash, StandardCharsets.UTF_8).strip();
            if (h1.startsWith("h1:") && !h1.contains("\"")) {
                return "\"" + h1 + "\"";
            }
        }
        return "\"" + size + "-" + Files.getLastModifiedTime(zip).toMillis() + "\"";
    }
}
