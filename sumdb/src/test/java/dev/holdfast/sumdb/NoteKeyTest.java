package dev.holdfast.sumdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Verifier and signer keys in the forms of spec section 12.2. */
class NoteKeyTest {
    /** The go command's test checksum database key (spec 14.2). */
    static final String LOCALDEV = "localhost.localdev/sumdb+00000c67+AcTrnkbUA+TU4heY3hkjiSES/DSQniBqIeQ/YppAUtK6";

    @Test
    void parseVerifier_goTestKey() {
        NoteKey.Verifier v = NoteKey.parseVerifier(LOCALDEV);
        assertThat(v.name()).isEqualTo("localhost.localdev/sumdb");
        assertThat(v.hash()).isEqualTo(0x00000c67);
        assertThat(v.publicKey()).hasSize(32);
        assertThat(v.format()).isEqualTo(LOCALDEV);
    }

    @Test
    void keyHash_isSha256OfNameNewlineKey() throws Exception {
        byte[] key = Base64.getDecoder().decode("AcTrnkbUA+TU4heY3hkjiSES/DSQniBqIeQ/YppAUtK6");
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        sha.update("localhost.localdev/sumdb\n".getBytes(StandardCharsets.UTF_8));
        int want = ByteBuffer.wrap(sha.digest(key)).getInt();
        assertThat(NoteKey.keyHash("localhost.localdev/sumdb", key))
                .isEqualTo(want)
                .isEqualTo(0x00000c67);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                // hash changed: the key no longer matches it
                "localhost.localdev/sumdb+00000c68+AcTrnkbUA+TU4heY3hkjiSES/DSQniBqIeQ/YppAUtK6|invalid verifier hash",
                // name changed: the hash covers the name
                "localhost.localdev/sumdc+00000c67+AcTrnkbUA+TU4heY3hkjiSES/DSQniBqIeQ/YppAUtK6|invalid verifier hash",
                "localhost.localdev/sumdb+0000c67+AcTrnkbUA+TU4heY3hkjiSES/DSQniBqIeQ/YppAUtK6|malformed verifier id",
                "localhost.localdev/sumdb+00000c6g+AcTrnkbUA+TU4heY3hkjiSES/DSQniBqIeQ/YppAUtK6|malformed verifier id",
                "localhost.localdev/sumdb+00000c67+AcTrnkbUA+TU4heY3hkjiSES/DSQniBqIeQ/YppAUtK|malformed verifier id",
                "localhost.localdev/sumdb+00000c67|malformed verifier id",
                "+00000c67+AcTrnkbUA+TU4heY3hkjiSES/DSQniBqIeQ/YppAUtK6|malformed verifier id",
                "localhost.localdev/sumdb|malformed verifier id",
            })
    void parseVerifier_bad(String key, String message) {
        assertThatThrownBy(() -> NoteKey.parseVerifier(key)).hasMessage(message);
    }

    @Test
    void parseVerifier_unknownAlgorithm() {
        byte[] key = new byte[33];
        key[0] = 2;
        String text = NoteKey.id("example.com", NoteKey.keyHash("example.com", key)) + "+"
                + Base64.getEncoder().encodeToString(key);
        assertThatThrownBy(() -> NoteKey.parseVerifier(text)).hasMessage("unknown verifier algorithm");
    }

    @Test
    void parseVerifier_shortKey_malformed() {
        byte[] key = {1, 2, 3};
        String text = NoteKey.id("example.com", NoteKey.keyHash("example.com", key)) + "+"
                + Base64.getEncoder().encodeToString(key);
        assertThatThrownBy(() -> NoteKey.parseVerifier(text)).hasMessage("malformed verifier id");
    }

    @Test
    void generate_roundTripsThroughText() {
        NoteKey.Pair pair = NoteKey.generate("sum.example.com", new SecureRandom());
        assertThat(NoteKey.parseVerifier(pair.verifier().format())).isEqualTo(pair.verifier());
        assertThat(NoteKey.parseSigner(pair.signer().format())).isEqualTo(pair.signer());
        assertThat(pair.signer().format()).startsWith("PRIVATE+KEY+sum.example.com+");
        assertThat(pair.signer().toString())
                .doesNotContain(pair.signer().format().substring(30));
        byte[] msg = "hello\n".getBytes(StandardCharsets.UTF_8);
        assertThat(pair.verifier().verify(msg, pair.signer().sign(msg))).isTrue();
        assertThat(pair.verifier()
                        .verify(
                                "hellp\n".getBytes(StandardCharsets.UTF_8),
                                pair.signer().sign(msg)))
                .isFalse();
    }

    @Test
    void parseSigner_hashOfAnotherKey_invalid() {
        NoteKey.Pair a = NoteKey.generate("sum.example.com", new SecureRandom());
        NoteKey.Pair b = NoteKey.generate("sum.example.com", new SecureRandom());
        // The base64 key may itself contain '+': split off the first four fields only.
        String mixed =
                "PRIVATE+KEY+" + NoteKey.id("sum.example.com", b.verifier().hash()) + "+"
                        + a.signer().format().split("\\+", 5)[4];
        assertThatThrownBy(() -> NoteKey.parseSigner(mixed)).hasMessage("invalid verifier hash");
        assertThatThrownBy(() -> NoteKey.parseSigner(a.verifier().format())).hasMessage("malformed verifier id");
    }

    @ParameterizedTest
    @CsvSource(value = {"a b,false", "a+b,false", "'',false", "a\u00a0b,false", "example.com/x,true", "é,true"})
    void isValidName(String name, boolean valid) {
        assertThat(NoteKey.isValidName(name)).isEqualTo(valid);
    }
}
