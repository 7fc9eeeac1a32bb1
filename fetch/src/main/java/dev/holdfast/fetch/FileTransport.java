package dev.holdfast.fetch;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Locale;

/**
 * Gets proxy files from a {@code file://} tree, as the go command's {@code web.getFile} does: a missing
 * file is a 404 ({@code reading URL: no such file or directory}), an unreadable one a 403. A local copy
 * never resumes: every download starts the target over. Thread-safe.
 */
final class FileTransport implements ProxyTransport {
    /** Opens a file for reading; a seam so tests can see refusals that root never gets. */
    @FunctionalInterface
    interface Opener {
        InputStream open(Path path) throws IOException;
    }

    private final Clock clock;
    private final Opener opener;

    FileTransport(Clock clock) {
        this(clock, Files::newInputStream);
    }

    FileTransport(Clock clock, Opener opener) {
        this.clock = clock;
        this.opener = opener;
    }

    @Override
    public byte[] get(GoUrl url, long limit) throws IOException {
        long start = clock.millis();
        try (InputStream in = open(url)) {
            byte[] body = in.readNBytes((int) Math.min(limit + 1, Integer.MAX_VALUE - 8));
            if (body.length > limit) {
                throw new ResponseTooLargeException(
                        "read " + HttpTransport.quote(url.redacted()) + ": file larger than " + limit + " bytes");
            }
            log(url, start, body.length, null);
            return body;
        } catch (IOException e) {
            log(url, start, 0, e);
            throw e;
        }
    }

    @Override
    public void download(GoUrl url, ZipTarget target, long limit) throws IOException {
        long start = clock.millis();
        target.reset();
        ZipWriter writer = null;
        try (InputStream in = open(url)) {
            writer = new ZipWriter(target, false, limit);
            byte[] buffer = new byte[ZipWriter.BUFFER_BYTES];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                writer.write(buffer, 0, n);
            }
            writer.close();
            log(url, start, writer.received(), null);
        } catch (IOException e) {
            if (writer != null) {
                try {
                    writer.close();
                } catch (IOException suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            if (e instanceof ZipTooLargeException) {
                target.reset();
            }
            log(url, start, writer == null ? 0 : writer.received(), e);
            throw e;
        }
    }

    private InputStream open(GoUrl url) throws IOException {
        Path path = Path.of(url.path());
        try {
            return opener.open(path);
        } catch (NoSuchFileException e) {
            throw new HttpError(url.redacted(), 404, "Not Found", "", "no such file or directory", null);
        } catch (AccessDeniedException e) {
            throw new HttpError(url.redacted(), 403, "Forbidden", "", "permission denied", null);
        } catch (FileSystemException e) {
            throw new IOException("open " + path + ": " + goReason(e), e);
        }
    }

    /** Returns the file system's reason as Go's error strings spell them (lower case). */
    private static String goReason(FileSystemException e) {
        String reason = e.getReason() == null ? Failures.describe(e) : e.getReason();
        return reason.isEmpty() ? reason : reason.substring(0, 1).toLowerCase(Locale.ROOT) + reason.substring(1);
    }

    private void log(GoUrl url, long start, long bytes, IOException failure) {
        long millis = clock.millis() - start;
        if (failure == null) {
            HttpTransport.LOG.debug("GET {} {} bytes {} ms", url.redacted(), bytes, millis);
        } else {
            HttpTransport.LOG.debug(
                    "GET {} {} bytes {} ms failed: {}", url.redacted(), bytes, millis, failure.getMessage());
        }
    }
}
