package dev.holdfast.zip;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Reports which files satisfy the module zip constraints: the paths to include ({@code valid}), the
 * files left out on purpose ({@code omitted}, for example vendored or in a nested module), the files
 * that make the module zip invalid ({@code invalid}), and a size error if the total is too large.
 * Every file given to a check appears in exactly one of the three lists. This is Go's {@code
 * zip.CheckedFiles}; reasons are the go command's exact texts.
 *
 * @param sizeError the size limit message, empty when the sizes are acceptable
 */
public record CheckedFiles(
        List<String> valid, List<FileError> omitted, List<FileError> invalid, Optional<String> sizeError) {

    /** Copies the lists. */
    public CheckedFiles {
        valid = List.copyOf(valid);
        omitted = List.copyOf(omitted);
        invalid = List.copyOf(invalid);
    }

    /** A file and why it was omitted or is invalid. */
    public record FileError(String path, String reason) {
        @Override
        public String toString() {
            return path + ": " + reason;
        }
    }

    /** Reports whether the files describe a valid module zip: no size error and no invalid file. */
    public boolean isValid() {
        return sizeError.isEmpty() && invalid.isEmpty();
    }

    /**
     * Returns Go's {@code CheckedFiles.Err()} text: the size error if there is one, else one {@code
     * path: reason} line per invalid file; empty when the files are valid.
     */
    public Optional<String> error() {
        if (sizeError.isPresent()) {
            return sizeError;
        }
        if (invalid.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(invalid.stream().map(FileError::toString).collect(Collectors.joining("\n")));
    }
}
