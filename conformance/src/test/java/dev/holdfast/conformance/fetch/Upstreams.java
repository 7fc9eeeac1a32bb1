package dev.holdfast.conformance.fetch;

import dev.holdfast.testing.LocalOrigin;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Upstreams for the fall-back tests: a healthy origin with one module, and failing ones. */
final class Upstreams {
    static final Instant TIME = Instant.parse("2024-01-02T03:04:05Z");

    private Upstreams() {}

    /** Returns the go.mod of {@code path}. */
    static byte[] mod(String path) {
        return ("module " + path + "\n\ngo 1.21\n").getBytes(StandardCharsets.UTF_8);
    }

    /** Returns a valid module zip of {@code path@version} with a go.mod and one Go file. */
    static byte[] zip(String path, String version) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry(path + "@" + version + "/go.mod"));
            zip.write(mod(path));
            zip.putNextEntry(new ZipEntry(path + "@" + version + "/m.go"));
            zip.write("package m\n".getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** Returns a running origin serving {@code path@version}. */
    static LocalOrigin origin(String path, String version) throws IOException {
        return LocalOrigin.open().add(path, version, TIME, mod(path), zip(path, version));
    }

    /** The ways the first upstream of a list fails. */
    enum Failure {
        STATUS_404(404),
        STATUS_410(410),
        STATUS_429(429),
        STATUS_500(500),
        STATUS_503(503),
        CONNECTION_REFUSED(0),
        INVALID_INFO_JSON(200);

        final int status;

        Failure(int status) {
            this.status = status;
        }
    }

    /**
     * Returns a server on 127.0.0.1 failing every request the way {@code failure} says (for {@link
     * Failure#INVALID_INFO_JSON}: {@code .info} answers are not JSON, everything else is a 404), or null
     * for {@link Failure#CONNECTION_REFUSED}. Status lines carry the standard reason phrases, which the go
     * command repeats in its messages.
     */
    static FailingUpstream failing(Failure failure) throws IOException {
        if (failure == Failure.CONNECTION_REFUSED) {
            return null;
        }
        return new FailingUpstream(path -> {
            if (failure == Failure.INVALID_INFO_JSON) {
                return path.endsWith(".info")
                        ? new FailingUpstream.Answer(200, "{\"Version\": v1.0.0}")
                        : new FailingUpstream.Answer(404, "not found\n");
            }
            return new FailingUpstream.Answer(failure.status, "upstream says " + failure.status + "\n");
        });
    }
}
