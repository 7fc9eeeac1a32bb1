package dev.holdfast.store;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The C library calls behind {@link Flock}: {@code open(2)}, {@code flock(2)} and {@code close(2)}
 * through the FFM API, with {@code errno} captured right after each call. The {@code O_*} constants
 * differ between kernels, so they are chosen per operating system (Linux and macOS).
 */
final class NativeFiles {
    private static final int LOCK_SH = 1;
    private static final int LOCK_EX = 2;
    private static final int LOCK_NB = 4;
    private static final int O_RDONLY = 0;
    private static final int O_RDWR = 2;
    private static final int EINTR = 4;
    private static final int ENOENT = 2;
    private static final int EACCES = 13;

    private static final Os OS = Os.current();
    private static final Linker LINKER = Linker.nativeLinker();
    private static final StructLayout CAPTURE = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = CAPTURE.varHandle(MemoryLayout.PathElement.groupElement("errno"));
    private static final Linker.Option CAPTURE_ERRNO = Linker.Option.captureCallState("errno");

    private static final MethodHandle OPEN = downcall(
            "open",
            FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT),
            Linker.Option.firstVariadicArg(2),
            CAPTURE_ERRNO);
    private static final MethodHandle FLOCK =
            downcall("flock", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT), CAPTURE_ERRNO);
    private static final MethodHandle CLOSE =
            downcall("close", FunctionDescriptor.of(JAVA_INT, JAVA_INT), CAPTURE_ERRNO);
    private static final MethodHandle STRERROR = downcall("strerror", FunctionDescriptor.of(ADDRESS, JAVA_INT));

    private NativeFiles() {}

    /** The {@code open(2)} flags of the kernels Holdfast supports. */
    private record Os(int creat, int cloexec, int wouldBlock) {
        static Os current() {
            String name = System.getProperty("os.name").toLowerCase(Locale.ROOT);
            if (name.contains("linux")) {
                return new Os(0100, 02000000, 11);
            }
            if (name.contains("mac") || name.contains("darwin")) {
                return new Os(0x200, 0x1000000, 35);
            }
            return null;
        }
    }

    private static MethodHandle downcall(String name, FunctionDescriptor fd, Linker.Option... options) {
        return LINKER.defaultLookup()
                .find(name)
                .map(symbol -> LINKER.downcallHandle(symbol, fd, options))
                .orElse(null);
    }

    /**
     * Opens {@code file} for a lock: read-write and created with mode 0666 when {@code create}, as
     * the go command opens lock files; read-only otherwise. Returns the descriptor.
     */
    static int open(Path file, boolean create) throws IOException {
        checkSupported();
        int flags = OS.cloexec() | (create ? O_RDWR | OS.creat() : O_RDONLY);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment errno = arena.allocate(CAPTURE);
            MemorySegment cpath = arena.allocateFrom(file.toString());
            while (true) {
                int fd = (int) OPEN.invokeExact(errno, cpath, flags, 0666);
                if (fd >= 0) {
                    return fd;
                }
                int err = errno(errno);
                if (err != EINTR) {
                    throw failure("open", file, err);
                }
            }
        } catch (IOException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /** Tries to take a lock on {@code fd} without waiting; reports whether it was taken. */
    static boolean tryLock(int fd, Path file, boolean exclusive) throws IOException {
        int op = (exclusive ? LOCK_EX : LOCK_SH) | LOCK_NB;
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment errno = arena.allocate(CAPTURE);
            while (true) {
                if ((int) FLOCK.invokeExact(errno, fd, op) == 0) {
                    return true;
                }
                int err = errno(errno);
                if (err == OS.wouldBlock()) {
                    return false;
                }
                if (err != EINTR) {
                    throw failure("flock", file, err);
                }
            }
        } catch (IOException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /** Closes {@code fd}, which releases any flock held through it. */
    static void close(int fd, Path file) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment errno = arena.allocate(CAPTURE);
            // No retry on EINTR: on Linux the descriptor is released even then.
            if ((int) CLOSE.invokeExact(errno, fd) != 0 && errno(errno) != EINTR) {
                throw failure("close", file, errno(errno));
            }
        } catch (IOException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /**
     * Fails on a platform without flock(2): the lock would not exclude a go command working on the
     * same module cache, so writing without it could corrupt the cache.
     */
    private static void checkSupported() throws IOException {
        if (OS == null || OPEN == null || FLOCK == null || CLOSE == null) {
            throw new IOException("cannot lock the module cache: flock(2) is not available on "
                    + System.getProperty("os.name") + " (Holdfast's disk store supports Linux and macOS)");
        }
    }

    private static int errno(MemorySegment state) {
        return (int) ERRNO.get(state, 0L);
    }

    private static IOException failure(String call, Path file, int errno) {
        return switch (errno) {
            case ENOENT -> new NoSuchFileException(file.toString());
            case EACCES -> new AccessDeniedException(file.toString());
            default -> new IOException(call + " " + file + ": " + describe(errno));
        };
    }

    private static String describe(int errno) {
        try {
            MemorySegment text = (MemorySegment) STRERROR.invokeExact(errno);
            return text.reinterpret(1024).getString(0);
        } catch (Throwable t) {
            return "errno " + errno;
        }
    }
}
