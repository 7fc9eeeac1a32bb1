package dev.holdfast.server;

import dev.holdfast.store.StoredContent;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Answers for a stored module zip: the whole zip, one byte range of it (206, or 416 when the range
 * is outside the zip), or 304 when the client's {@code If-None-Match} names its entity tag. The tag
 * is the zip's {@code h1:} hash the store kept beside it, which names the content exactly, else its
 * size and time.
 */
final class ZipReply {
    /** Immutable files: cacheable by anyone for a year, never revalidated (RFC 8246). */
    static final String IMMUTABLE = "public, max-age=31536000, immutable";

    private static final Pattern RANGE = Pattern.compile("bytes=([0-9]*)-([0-9]*)");

    private ZipReply() {}

    /**
     * Returns the reply for {@code zip}, complete and verified and stored under {@code storeKey}, under
     * {@code headers}: the whole zip from {@code hot} when it keeps it (or now reads it in), else from the
     * store; the reply's body holds the stored content open until it is sent (an answer without such a
     * body releases it at once).
     */
    static Reply of(String storeKey, StoredContent zip, RequestHeaders headers, HotZips hot) throws IOException {
        try {
            Reply reply = reply(storeKey, zip, headers, hot);
            if (!(reply.body() instanceof Reply.Stream)) {
                zip.close();
            }
            return reply;
        } catch (IOException | RuntimeException e) {
            zip.close();
            throw e;
        }
    }

    /**
     * Returns the reply for a zip {@code kept} in memory under {@code headers}: 304, or the whole zip;
     * empty for a byte range, which the store answers.
     */
    static Optional<Reply> of(HotZips.Kept kept, RequestHeaders headers) {
        Map<String, String> common = common(kept.etag());
        if (notModified(headers, kept.etag())) {
            return Optional.of(new Reply(304, common, new Reply.Bytes(new byte[0])));
        }
        if (range(headers).isPresent()) {
            return Optional.empty();
        }
        return Optional.of(new Reply(200, common, kept.chunks()));
    }

    private static Reply reply(String storeKey, StoredContent zip, RequestHeaders headers, HotZips hot)
            throws IOException {
        long size = zip.size();
        String etag = etag(zip);
        Map<String, String> common = common(etag);
        if (notModified(headers, etag)) {
            return new Reply(304, common, new Reply.Bytes(new byte[0]));
        }
        Optional<Matcher> range = range(headers);
        if (range.isEmpty()) {
            Optional<Reply.Chunks> kept = hot.whole(storeKey, etag, zip);
            return new Reply(200, common, kept.isPresent() ? kept.get() : body(zip, 0, size));
        }
        Matcher m = range.get();
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
        return new Reply(206, common, body(zip, first, last - first + 1))
                .withHeader("Content-Range", "bytes " + first + "-" + last + "/" + size);
    }

    private static Reply unsatisfiable(Map<String, String> common, long size) {
        return new Reply(416, common, new Reply.Bytes(new byte[0])).withHeader("Content-Range", "bytes */" + size);
    }

    private static Map<String, String> common(String etag) {
        return Map.of("Content-Type", Reply.OCTETS, "Cache-Control", IMMUTABLE, "ETag", etag, "Accept-Ranges", "bytes");
    }

    /** Returns the request's byte range, or empty for none or a form not supported (the whole zip then). */
    private static Optional<Matcher> range(RequestHeaders headers) {
        Optional<String> range = headers.get("Range");
        if (range.isEmpty()) {
            return Optional.empty();
        }
        Matcher m = RANGE.matcher(range.get().strip());
        return m.matches() && !(m.group(1).isEmpty() && m.group(2).isEmpty()) ? Optional.of(m) : Optional.empty();
    }

    /** Reports whether the request's {@code If-None-Match} list names {@code etag} (or is {@code *}). */
    private static boolean notModified(RequestHeaders headers, String etag) {
        Optional<String> ifNoneMatch = headers.get("If-None-Match");
        if (ifNoneMatch.isEmpty()) {
            return false;
        }
        for (String tag : ifNoneMatch.get().split(",")) {
            String t = tag.strip();
            if (t.equals("*") || t.equals(etag) || t.equals("W/" + etag)) {
                return true;
            }
        }
        return false;
    }

    /** Returns the body of {@code length} bytes of {@code zip} from {@code offset}. */
    private static Reply.Body body(StoredContent zip, long offset, long length) throws IOException {
        return switch (zip) {
            case StoredContent.OnDisk file -> new Reply.FileRegion(file.file(), offset, length);
            case StoredContent.Streamed stream -> {
                stream.in().skipNBytes(offset);
                yield new Reply.Stream(stream.in(), length);
            }
        };
    }

    /** Returns the strong entity tag: the zip's h1 hash when the store kept it, else its size and time. */
    private static String etag(StoredContent zip) {
        String h1 = zip.h1();
        if (h1.startsWith("h1:") && !h1.contains("\"")) {
            return "\"" + h1 + "\"";
        }
        return "\"" + zip.size() + "-" + zip.stored().toEpochMilli() + "\"";
    }
}
