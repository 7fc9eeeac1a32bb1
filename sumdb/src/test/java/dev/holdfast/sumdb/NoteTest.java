package dev.holdfast.sumdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Signing and opening notes (spec 12.2). */
class NoteTest {
    private static final NoteKey.Pair A = NoteKey.generate("a.example.com", new SecureRandom());
    private static final NoteKey.Pair B = NoteKey.generate("b.example.com", new SecureRandom());

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String string(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    @Test
    void sign_open_roundTrip() {
        byte[] msg = Note.of("hello\nworld\n").sign(A.signer());
        assertThat(string(msg)).startsWith("hello\nworld\n\n— a.example.com ").endsWith("\n");
        Note n = Note.open(msg, List.of(A.verifier()));
        assertThat(n.text()).isEqualTo("hello\nworld\n");
        assertThat(n.sigs()).singleElement().satisfies(s -> {
            assertThat(s.name()).isEqualTo("a.example.com");
            assertThat(s.hash()).isEqualTo(A.verifier().hash());
        });
        assertThat(n.unverifiedSigs()).isEmpty();
    }

    @Test
    void open_tamperedText_invalidSignature() {
        String msg = string(Note.of("hello\n").sign(A.signer()));
        byte[] tampered = bytes("jello" + msg.substring(5));
        assertThatThrownBy(() -> Note.open(tampered, List.of(A.verifier())))
                .hasMessage("invalid signature for key "
                        + NoteKey.id("a.example.com", A.verifier().hash()));
    }

    @Test
    void open_unknownKey_noVerifiableSignatures() {
        byte[] msg = Note.of("hello\n").sign(A.signer());
        assertThatThrownBy(() -> Note.open(msg, List.of(B.verifier()))).hasMessage("note has no verifiable signatures");
    }

    @Test
    void open_twoSigners_keepsUnknownAsUnverified_andResignKeepsIt() {
        byte[] msg = Note.of("hello\n").sign(A.signer(), B.signer());
        Note n = Note.open(msg, List.of(B.verifier()));
        assertThat(n.sigs()).extracting(Note.Signature::name).containsExactly("b.example.com");
        assertThat(n.unverifiedSigs()).extracting(Note.Signature::name).containsExactly("a.example.com");
        // Re-signing by B keeps A's signature first and replaces B's.
        byte[] again = n.sign(B.signer());
        assertThat(again).isEqualTo(msg); // Ed25519 is deterministic
        assertThat(Note.open(again, List.of(A.verifier(), B.verifier())).sigs()).hasSize(2);
    }

    @Test
    void open_malformed() {
        String good = string(Note.of("hello\n").sign(A.signer()));
        List<String> bad = List.of(
                "hello\n", // no blank line
                "hello\n\n", // no signature
                good.substring(0, good.length() - 1), // signature not ending in newline
                good.replace("— ", "-- "), // wrong prefix
                good.replace("hello", "hel\tlo"), // control character
                good.replace("a.example.com ", "a.example.com"), // no space
                "hello\n\n— a.example.com AAAA\n"); // fewer than 5 bytes
        for (String msg : bad) {
            assertThatThrownBy(() -> Note.open(bytes(msg), List.of(A.verifier())))
                    .as(msg)
                    .hasMessage("malformed note");
        }
        byte[] invalidUtf8 = good.getBytes(StandardCharsets.UTF_8);
        invalidUtf8[0] = (byte) 0xff;
        assertThatThrownBy(() -> Note.open(invalidUtf8, List.of(A.verifier()))).hasMessage("malformed note");
    }

    @Test
    void open_moreThan100Signatures_malformed() {
        String good = string(Note.of("hello\n").sign(B.signer()));
        String line = good.substring(good.indexOf("— "));
        String many = "hello\n\n" + line.repeat(101);
        assertThatThrownBy(() -> Note.open(bytes(many), List.of(A.verifier()))).hasMessage("malformed note");
    }

    @Test
    void sign_textWithoutNewline_malformed() {
        assertThatThrownBy(() -> Note.of("hello").sign(A.signer())).hasMessage("malformed note");
    }

    @Test
    void open_splitsAtLastBlankLine() {
        byte[] msg = Note.of("a\n\nb\n").sign(A.signer());
        assertThat(Note.open(msg, List.of(A.verifier())).text()).isEqualTo("a\n\nb\n");
    }
}
