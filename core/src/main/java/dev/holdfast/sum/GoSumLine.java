package dev.holdfast.sum;

/**
 * One go.sum line: {@code <module> <version> <hash>}, where the version ends in {@code /go.mod} when
 * the hash covers only the module's go.mod file, and the hash is normally {@code h1:...}.
 *
 * @param module the module path
 * @param version the version, possibly followed by {@code /go.mod}
 * @param hash the recorded hash
 */
public record GoSumLine(String module, String version, String hash) {
    /** Returns the line as the go command writes it, with its trailing newline. */
    public String format() {
        return module + " " + version + " " + hash + "\n";
    }
}
