package dev.holdfast.zip;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * One file offered to {@link ModuleZip#create}: its slash-separated path relative to the module root,
 * what it is (as {@code lstat} would say, not following links) and its content. This is Go's {@code
 * zip.File}.
 */
public interface ZipFileSource {
    /** Returns the slash-separated path relative to the module root, for example {@code pkg/a.go}. */
    String path();

    /** Returns the file's type and size without following a symbolic link. */
    Stat lstat() throws IOException;

    /** Opens the content of a regular file; the caller closes the stream. */
    InputStream open() throws IOException;

    /** What kind of file system object a source is. */
    enum Type {
        REGULAR,
        DIRECTORY,
        SYMLINK,
        OTHER
    }

    /** The type and size (in bytes) of a file, as {@code lstat} reports them. */
    record Stat(Type type, long size) {}

    /** Returns a regular file with the given in-memory content. */
    static ZipFileSource of(String path, byte[] data) {
        byte[] copy = data.clone();
        return new ZipFileSource() {
            @Override
            public String path() {
                return path;
            }

            @Override
            public Stat lstat() {
                return new Stat(Type.REGULAR, copy.length);
            }

            @Override
            public InputStream open() {
                return new ByteArrayInputStream(copy);
            }
        };
    }

    /** Returns the file system object at {@code file}, named {@code path} in the module. */
    static ZipFileSource of(String path, Path file) {
        return new ZipFileSource() {
            @Override
            public String path() {
                return path;
            }

            @Override
            public Stat lstat() throws IOException {
                return stat(file);
            }

            @Override
            public InputStream open() throws IOException {
                return Files.newInputStream(file);
            }
        };
    }

    /** Returns the {@code lstat} of a file system object. */
    static Stat stat(Path file) throws IOException {
        BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        Type type = a.isRegularFile()
                ? Type.REGULAR
                : a.isDirectory() ? Type.DIRECTORY : a.isSymbolicLink() ? Type.SYMLINK : Type.OTHER;
        return new Stat(type, a.size());
    }
}
