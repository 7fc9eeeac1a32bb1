package dev.holdfast.store;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * An advisory whole-file lock taken with {@code flock(2)}, the lock the go command's {@code
 * lockedfile} package takes on Linux, macOS and the BSDs: holding it on {@code <version>.lock} or
 * {@code @v/list} excludes a go command running at the same time, and a go command holding it makes
 * Holdfast wait. {@link java.nio.channels.FileChannel#lock} cannot do this: it takes POSIX {@code
 * fcntl} record locks, which do not conflict with {@code flock} locks on Linux.
 *
 * <p>The file is opened with {@code open(2)} and locked through the Java FFM API ({@link
 * NativeFiles}); closing the lock unlocks and closes that descriptor. Locks are held by an open file
 * description, so two {@code Flock}s on one file exclude each other even within one process; a
 * thread that locks a file it already holds waits forever. Waiting polls a non-blocking lock with
 * growing pauses (up to {@value #MAX_PAUSE_MILLIS} ms), so a waiting virtual thread never pins its
 * carrier inside the kernel.
 *
 * <p>Not thread-safe; close it from the thread that uses it. Supported on Linux and macOS.
 */
public final class Flock implements AutoCloseable {
    static final long MAX_PAUSE_MILLIS = 50;

    private final Path file;
    private int fd;

    private Flock(Path file, int fd) {
        this.file = file;
        this.fd = fd;
    }

    /**
     * Takes an exclusive lock on {@code file}, creating it (mode 0666 less the umask) if needed, as
     * the go command's {@code lockedfile.MutexAt(file).Lock()} does; waits while another process or
     * thread holds a lock on it.
     *
     * @throws InterruptedIOException if the thread is interrupted while waiting (its interrupt flag
     *     is set again)
     */
    public static Flock lock(Path file) throws IOException {
        return acquire(file, true);
    }

    /**
     * Takes a shared lock on an existing {@code file}, as the go command's {@code lockedfile.Read}
     * does; waits while someone holds an exclusive lock.
     *
     * @throws java.nio.file.NoSuchFileException if the file does not exist
     */
    public static Flock lockShared(Path file) throws IOException {
        return acquire(file, false);
    }

    /** Takes an exclusive lock on {@code file} (created if needed) if nobody holds one; else empty. */
    public static Optional<Flock> tryLock(Path file) throws IOException {
        int fd = NativeFiles.open(file, true);
        try {
            if (NativeFiles.tryLock(fd, file, true)) {
                return Optional.of(new Flock(file, fd));
            }
        } catch (IOException | RuntimeException e) {
            NativeFiles.close(fd, file);
            throw e;
        }
        NativeFiles.close(fd, file);
        return Optional.empty();
    }

    private static Flock acquire(Path file, boolean exclusive) throws IOException {
        int fd = NativeFiles.open(file, exclusive);
        try {
            long pause = 1;
            while (!NativeFiles.tryLock(fd, file, exclusive)) {
                // Polling instead of a blocking flock: a virtual thread blocked in a native call
                // would keep its carrier thread, and enough of them would stall every virtual thread.
                Thread.sleep(pause);
                pause = Math.min(pause * 2, MAX_PAUSE_MILLIS);
            }
            return new Flock(file, fd);
        } catch (InterruptedException e) {
            NativeFiles.close(fd, file);
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for the lock on " + file);
        } catch (IOException | RuntimeException e) {
            NativeFiles.close(fd, file);
            throw e;
        }
    }

    /** Returns the locked file. */
    public Path file() {
        return file;
    }

    /** Releases the lock and closes the file; a second call does nothing. */
    @Override
    public void close() throws IOException {
        if (fd >= 0) {
            int toClose = fd;
            fd = -1;
            NativeFiles.close(toClose, file); // closing the last descriptor releases the flock
        }
    }
}
