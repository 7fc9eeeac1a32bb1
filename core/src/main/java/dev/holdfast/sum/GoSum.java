package dev.holdfast.sum;

import dev.holdfast.module.GoStrings;
import dev.holdfast.module.ModuleVersion;
import java.io.IOException;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The hashes of a go.sum file, keyed by module version (the version may end in {@code /go.mod}).
 * Immutable and thread-safe; {@link #add} returns a copy.
 */
public final class GoSum {
    /**
     * Largest go.sum accepted (64 MiB). The go command has no limit, but real files are well under a
     * few MiB; anything larger is refused before it is read.
     */
    public static final int MAX_GO_SUM_BYTES = 64 << 20;

    /** Longest line accepted (64 KiB); a real line is a module path, a version and a 47-byte hash. */
    public static final int MAX_LINE_BYTES = 64 << 10;

    /**
     * The hash of a zero-length go.mod, which an old go command bug wrote for non-modules; the go
     * command drops such lines when reading (modfetch/fetch.go emptyGoModHash).
     */
    static final String EMPTY_GO_MOD_HASH = "h1:G7mAYYxgmS0lVkHyy2hEOLQCFB0DlQFTMLWggykrydY=";

    private static final GoSum EMPTY = new GoSum(Map.of());

    /**
     * Orders module versions as go.sum does: module.Sort, then the version string so that distinct
     * invalid versions (which semver ranks equal) still sort deterministically.
     */
    private static final Comparator<ModuleVersion> ORDER =
            ModuleVersion.ORDER.thenComparing(ModuleVersion::version, GoStrings::compare);

    private final Map<ModuleVersion, List<String>> sums;

    private GoSum(Map<ModuleVersion, List<String>> sums) {
        this.sums = sums;
    }

    /** Returns a go.sum with no lines. */
    public static GoSum empty() {
        return EMPTY;
    }

    /**
     * Parses go.sum content as every go command except {@code go mod tidy} does.
     *
     * @param file the file name used in error messages
     * @throws MalformedGoSumException for a line without exactly three fields ({@code malformed
     *     go.sum:\n<file>:<line>: wrong number of fields <n>}), a line that is not valid UTF-8, or
     *     content beyond the size limits
     */
    public static GoSum parse(String file, byte[] data) {
        return parse(file, data, false);
    }

    /**
     * Parses go.sum content as {@code go mod tidy} does: lines without three fields are skipped so
     * that tidy can repair the file. The size limits still apply.
     */
    public static GoSum parseLax(String file, byte[] data) {
        return parse(file, data, true);
    }

    /**
     * Reads and parses a go.sum file; a missing file is an empty go.sum, as for the go command. The
     * file's size is checked before anything is read.
     */
    public static GoSum read(Path file) throws IOException {
        byte[] data;
        try (SeekableByteChannel channel = Files.newByteChannel(file)) {
            if (channel.size() > MAX_GO_SUM_BYTES) {
                throw tooLarge(file.toString());
            }
            // Still bounded: the file may grow between the size check and the read.
            data = Channels.newInputStream(channel).readNBytes(MAX_GO_SUM_BYTES + 1);
        } catch (NoSuchFileException e) {
            return EMPTY;
        }
        return parse(file.toString(), data);
    }

    private static GoSum parse(String file, byte[] data, boolean lax) {
        if (data.length > MAX_GO_SUM_BYTES) {
            throw tooLarge(file);
        }
        Map<ModuleVersion, List<String>> sums = new LinkedHashMap<>();
        int lineno = 0;
        int start = 0;
        while (start < data.length) {
            lineno++;
            int end = indexOf(data, (byte) '\n', start);
            int next = end < 0 ? data.length : end + 1;
            int lineEnd = end < 0 ? data.length : end;
            if (lineEnd - start > MAX_LINE_BYTES) {
                throw new MalformedGoSumException(String.format(
                        "malformed go.sum:\n%s:%d: line too long (%d bytes; limit is %d bytes)",
                        file, lineno, lineEnd - start, MAX_LINE_BYTES));
            }
            List<String> f = fields(decode(file, lineno, data, start, lineEnd));
            start = next;
            if (f.isEmpty()) {
                continue;
            }
            if (f.size() != 3) {
                if (lax) {
                    continue;
                }
                throw new MalformedGoSumException(
                        String.format("malformed go.sum:\n%s:%d: wrong number of fields %d", file, lineno, f.size()));
            }
            if (f.get(2).equals(EMPTY_GO_MOD_HASH)) {
                continue; // written by an old bug for non-modules
            }
            sums.computeIfAbsent(new ModuleVersion(f.get(0), f.get(1)), k -> new ArrayList<>())
                    .add(f.get(2));
        }
        return new GoSum(freeze(sums));
    }

    /**
     * Decodes one line strictly. The go command keeps invalid UTF-8 as raw bytes; a Java string
     * cannot, and a lossy decode would rewrite the line when the file is written back, so such a
     * line (which cannot name a valid module anyway) is refused instead.
     */
    private static String decode(String file, int lineno, byte[] data, int start, int end) {
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .decode(java.nio.ByteBuffer.wrap(data, start, end - start))
                    .toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new MalformedGoSumException(String.format("malformed go.sum:\n%s:%d: invalid UTF-8", file, lineno));
        }
    }

    /**
     * Returns the hashes recorded for a module version in file order (duplicates included); the
     * version ends in {@code /go.mod} to ask for go.mod hashes. Never null.
     */
    public List<String> lookup(ModuleVersion mv) {
        return sums.getOrDefault(mv, List.of());
    }

    /**
     * Returns a go.sum that also records {@code hash} for {@code mv}; returns this go.sum if that
     * exact hash is already recorded (as the go command's addModSumLocked).
     */
    public GoSum add(ModuleVersion mv, String hash) {
        if (lookup(mv).contains(hash)) {
            return this;
        }
        Map<ModuleVersion, List<String>> copy = new LinkedHashMap<>();
        sums.forEach((k, v) -> copy.put(k, new ArrayList<>(v)));
        copy.computeIfAbsent(mv, k -> new ArrayList<>()).add(hash);
        return new GoSum(freeze(copy));
    }

    /**
     * Returns a go.sum holding the hashes of this one, then those of {@code other} this one does not
     * record (the lines of several go.sum files, as a workspace has them), copied once.
     */
    public GoSum with(GoSum other) {
        Map<ModuleVersion, List<String>> copy = new LinkedHashMap<>();
        sums.forEach((k, v) -> copy.put(k, new ArrayList<>(v)));
        other.sums.forEach((k, v) -> {
            List<String> hashes = copy.computeIfAbsent(k, key -> new ArrayList<>());
            v.stream().filter(h -> !hashes.contains(h)).forEach(hashes::add);
        });
        return new GoSum(freeze(copy));
    }

    /** Returns the module versions with at least one hash, in go.sum order. */
    public List<ModuleVersion> modules() {
        List<ModuleVersion> mods = new ArrayList<>(sums.keySet());
        mods.sort(ORDER);
        return mods;
    }

    /**
     * Returns the lines the go command writes: module versions in module.Sort order, and for each the
     * hashes sorted by Go string order without duplicates.
     */
    public List<GoSumLine> lines() {
        List<GoSumLine> lines = new ArrayList<>();
        for (ModuleVersion mv : modules()) {
            List<String> hashes = new ArrayList<>(sums.get(mv));
            hashes.sort(GoStrings::compare);
            String previous = null;
            for (String h : hashes) {
                if (!h.equals(previous)) {
                    lines.add(new GoSumLine(mv.path(), mv.version(), h));
                }
                previous = h;
            }
        }
        return lines;
    }

    /** Returns the file content the go command would write for these sums. */
    public byte[] format() {
        StringBuilder out = new StringBuilder();
        for (GoSumLine line : lines()) {
            out.append(line.format());
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GoSum other && sums.equals(other.sums);
    }

    @Override
    public int hashCode() {
        return sums.hashCode();
    }

    @Override
    public String toString() {
        return new String(format(), StandardCharsets.UTF_8);
    }

    private static MalformedGoSumException tooLarge(String file) {
        return new MalformedGoSumException(
                String.format("malformed go.sum:\n%s: file too large (more than %d bytes)", file, MAX_GO_SUM_BYTES));
    }

    private static Map<ModuleVersion, List<String>> freeze(Map<ModuleVersion, List<String>> sums) {
        Map<ModuleVersion, List<String>> frozen = new LinkedHashMap<>();
        sums.forEach((k, v) -> frozen.put(k, List.copyOf(v)));
        return Collections.unmodifiableMap(frozen);
    }

    private static int indexOf(byte[] data, byte b, int from) {
        for (int i = from; i < data.length; i++) {
            if (data[i] == b) {
                return i;
            }
        }
        return -1;
    }

    /** Splits like Go's strings.Fields: on runs of Unicode White_Space (unicode.IsSpace). */
    static List<String> fields(String line) {
        List<String> out = new ArrayList<>(3);
        int i = 0;
        int n = line.length();
        while (i < n) {
            while (i < n && isSpace(line.codePointAt(i))) {
                i += Character.charCount(line.codePointAt(i));
            }
            int startField = i;
            while (i < n && !isSpace(line.codePointAt(i))) {
                i += Character.charCount(line.codePointAt(i));
            }
            if (i > startField) {
                out.add(line.substring(startField, i));
            }
        }
        return out;
    }

    /** Reports Go's unicode.IsSpace (the White_Space property of Go's Unicode 15 tables). */
    static boolean isSpace(int r) {
        return switch (r) {
            case '\t', '\n', 0x0B, '\f', '\r', ' ', 0x85, 0xA0, 0x1680, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000 -> true;
            default -> r >= 0x2000 && r <= 0x200A;
        };
    }
}
