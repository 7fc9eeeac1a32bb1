package dev.holdfast.degraded;

/** What a build needs of a module version, and so what a cached substitute must have. */
public enum Need {
    /** Only its go.mod file: the version is in the module graph, its requirements count. */
    GO_MOD,
    /** Its go.mod file and its zip: the build compiles its packages. */
    ZIP;

    /** Returns the word used in records and messages: {@code go.mod} or {@code zip}. */
    public String word() {
        return this == GO_MOD ? "go.mod" : "zip";
    }

    /**
     * Returns the need named by {@link #word()}.
     *
     * @throws IllegalArgumentException for any other word
     */
    public static Need ofWord(String word) {
        return switch (word) {
            case "go.mod" -> GO_MOD;
            case "zip" -> ZIP;
            default -> throw new IllegalArgumentException("unknown need \"" + word + "\": want go.mod or zip");
        };
    }
}
