package dev.holdfast.sumdb;

import dev.holdfast.module.GoStrings;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A signed note (x/mod {@code sumdb/note}): UTF-8 text ending in a newline, a blank line, and
 * signature lines {@code — <name> <base64(key hash ‖ signature)>}. The checksum database signs its
 * tree heads this way with Ed25519 ({@link NoteKey}).
 *
 * @param text the text, ending in a newline
 * @param sigs the signatures verified by a known key
 * @param unverifiedSigs the signatures of keys not known to the reader (kept when re-signing)
 */
public record Note(String text, List<Signature> sigs, List<Signature> unverifiedSigs) {
    private static final String SIG_PREFIX = "— ";
    private static final int MAX_SIGNATURES = 100;

    /** Copies the lists. */
    public Note {
        Objects.requireNonNull(text, "text");
        sigs = List.copyOf(sigs);
        unverifiedSigs = List.copyOf(unverifiedSigs);
    }

    /** Returns an unsigned note with {@code text}. */
    public static Note of(String text) {
        return new Note(text, List.of(), List.of());
    }

    /**
     * One signature line.
     *
     * @param name the key name
     * @param hash the key hash
     * @param base64 the base64 of the key hash and signature, as written in the note
     */
    public record Signature(String name, int hash, String base64) {}

    /**
     * Opens signed note {@code msg}, verifying the signatures of the {@code known} keys (x/mod {@code
     * note.Open}). Signatures of unknown keys are kept as unverified.
     *
     * @throws IllegalArgumentException {@code malformed note}, {@code invalid signature for key
     *     name+hhhhhhhh}, or {@code note has no verifiable signatures}
     */
    public static Note open(byte[] msg, Collection<NoteKey.Verifier> known) {
        for (int i = 0; i < msg.length; ) {
            long d = GoStrings.decodeRune(msg, i);
            int r = GoStrings.rune(d);
            if (r < 0x20 && r != '\n' || r == GoStrings.RUNE_ERROR && GoStrings.width(d) == 1) {
                throw malformed();
            }
            i += GoStrings.width(d);
        }
        int split = lastBlankLine(msg);
        if (split < 0) {
            throw malformed();
        }
        byte[] text = Arrays.copyOf(msg, split + 1);
        String sigs = new String(msg, split + 2, msg.length - split - 2, StandardCharsets.UTF_8);
        if (sigs.isEmpty() || !sigs.endsWith("\n")) {
            throw malformed();
        }
        List<Signature> verified = new ArrayList<>();
        List<Signature> unverified = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        int count = 0;
        for (String line : sigs.substring(0, sigs.length() - 1).split("\n", -1)) {
            if (!line.startsWith(SIG_PREFIX)) {
                throw malformed();
            }
            line = line.substring(SIG_PREFIX.length());
            int space = line.indexOf(' ');
            String name = space < 0 ? line : line.substring(0, space);
            String b64 = space < 0 ? "" : line.substring(space + 1);
            byte[] sig = decode(b64);
            if (sig == null || !NoteKey.isValidName(name) || b64.isEmpty() || sig.length < 5) {
                throw malformed();
            }
            int hash = ByteBuffer.wrap(sig).getInt();
            if (++count > MAX_SIGNATURES) {
                throw malformed();
            }
            List<NoteKey.Verifier> matches = known.stream()
                    .filter(v -> v.name().equals(name) && v.hash() == hash)
                    .toList();
            if (matches.isEmpty()) {
                if (seen.add("?" + line)) {
                    unverified.add(new Signature(name, hash, b64));
                }
                continue;
            }
            if (matches.size() > 1) {
                throw new IllegalArgumentException("ambiguous key " + NoteKey.id(name, hash));
            }
            if (!seen.add(name + "+" + hash)) {
                continue;
            }
            if (!matches.getFirst().verify(text, Arrays.copyOfRange(sig, 4, sig.length))) {
                throw new IllegalArgumentException("invalid signature for key " + NoteKey.id(name, hash));
            }
            verified.add(new Signature(name, hash, b64));
        }
        if (verified.isEmpty()) {
            throw new IllegalArgumentException("note has no verifiable signatures");
        }
        return new Note(new String(text, StandardCharsets.UTF_8), verified, unverified);
    }

    /**
     * Returns this note signed by {@code signers}: the text, a blank line, this note's signatures that
     * the signers do not replace, then the new ones (x/mod {@code note.Sign}).
     *
     * @throws IllegalArgumentException {@code malformed note} if the text does not end in a newline
     */
    public byte[] sign(NoteKey.Signer... signers) {
        if (!text.endsWith("\n")) {
            throw malformed();
        }
        byte[] textBytes = text.getBytes(StandardCharsets.UTF_8);
        StringBuilder fresh = new StringBuilder();
        Set<String> have = new HashSet<>();
        for (NoteKey.Signer s : signers) {
            have.add(s.name() + "+" + s.hash());
            byte[] sig = s.sign(textBytes);
            byte[] raw = ByteBuffer.allocate(4 + sig.length)
                    .putInt(s.hash())
                    .put(sig)
                    .array();
            fresh.append(SIG_PREFIX)
                    .append(s.name())
                    .append(' ')
                    .append(Base64.getEncoder().encodeToString(raw))
                    .append('\n');
        }
        StringBuilder out = new StringBuilder(text).append('\n');
        for (List<Signature> list : List.of(sigs, unverifiedSigs)) {
            for (Signature sig : list) {
                if (!NoteKey.isValidName(sig.name())) {
                    throw malformed();
                }
                if (have.contains(sig.name() + "+" + sig.hash())) {
                    continue;
                }
                byte[] raw = decode(sig.base64());
                if (raw == null || raw.length < 4 || ByteBuffer.wrap(raw).getInt() != sig.hash()) {
                    throw malformed();
                }
                out.append(SIG_PREFIX)
                        .append(sig.name())
                        .append(' ')
                        .append(sig.base64())
                        .append('\n');
            }
        }
        return out.append(fresh).toString().getBytes(StandardCharsets.UTF_8);
    }

    private static int lastBlankLine(byte[] msg) {
        for (int i = msg.length - 2; i >= 0; i--) {
            if (msg[i] == '\n' && msg[i + 1] == '\n') {
                return i;
            }
        }
        return -1;
    }

    /** Decodes standard base64 as Go does (padding required), or returns null. */
    static byte[] decode(String b64) {
        try {
            if (b64.length() % 4 != 0) {
                return null;
            }
            return Base64.getDecoder().decode(b64);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static IllegalArgumentException malformed() {
        return new IllegalArgumentException("malformed note");
    }
}
