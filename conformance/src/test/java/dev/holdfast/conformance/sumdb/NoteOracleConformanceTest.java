package dev.holdfast.conformance.sumdb;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.holdfast.sumdb.Note;
import dev.holdfast.sumdb.NoteKey;
import dev.holdfast.testing.ConformanceReport;
import dev.holdfast.testing.XmodOracle;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Holdfast's signed notes and keys against x/mod's sumdb/note through the oracle: keys Holdfast makes
 * are accepted by Go and the other way round, notes one signs the other opens, and mutated keys and
 * notes get the same answer or the same error.
 */
class NoteOracleConformanceTest {
    private final XmodOracle oracle = XmodOracle.get();
    private final Random random = new Random(1121);
    private final NoteKey.Pair a = NoteKey.generate("a.example.com", new SecureRandom());
    private final NoteKey.Pair b = NoteKey.generate("b.example.com/log", new SecureRandom());

    @Test
    void keys_parsedAlike_includingMutations() {
        List<String> keys = new ArrayList<>(List.of(
                a.verifier().format(),
                b.verifier().format(),
                "localhost.localdev/sumdb+00000c67+AcTrnkbUA+TU4heY3hkjiSES/DSQniBqIeQ/YppAUtK6"));
        int compared = 0;
        int agreed = 0;
        for (int i = 0; i < 600; i++) {
            String key = keys.get(i % keys.size());
            String text = i < keys.size() ? key : mutate(key);
            compared++;
            agreed += sameVerifier(text) ? 1 : 0;
            String skey = (i % 2 == 0 ? a : b).signer().format();
            String stext = i < 2 ? skey : mutate(skey);
            compared++;
            agreed += sameSigner(stext) ? 1 : 0;
        }
        ConformanceReport.record("sumdb", "note verifier and signer keys (with mutations)", compared, agreed);
        assertThat(agreed).isEqualTo(compared);
    }

    private boolean sameVerifier(String text) {
        String goError = null;
        JsonNode go = null;
        try {
            go = oracle.call("note.newVerifier", text);
        } catch (XmodOracle.OracleError e) {
            goError = e.getMessage();
        }
        try {
            NoteKey.Verifier ours = NoteKey.parseVerifier(text);
            return go != null
                    && go.get("name").asText().equals(ours.name())
                    && go.get("hash").asLong() == Integer.toUnsignedLong(ours.hash());
        } catch (IllegalArgumentException e) {
            return e.getMessage().equals(goError);
        }
    }

    private boolean sameSigner(String text) {
        String goError = null;
        JsonNode go = null;
        try {
            go = oracle.call("note.newSigner", text);
        } catch (XmodOracle.OracleError e) {
            goError = e.getMessage();
        }
        try {
            NoteKey.Signer ours = NoteKey.parseSigner(text);
            return go != null
                    && go.get("name").asText().equals(ours.name())
                    && go.get("hash").asLong() == Integer.toUnsignedLong(ours.hash());
        } catch (IllegalArgumentException e) {
            return e.getMessage().equals(goError);
        }
    }

    @Test
    void signAndOpen_bothWays_andMutatedNotes() {
        int compared = 0;
        int agreed = 0;
        List<String> known = List.of(a.verifier().format());
        for (int i = 0; i < 300; i++) {
            String text = "go.sum database tree\n" + random.nextInt(1000) + "\nline " + i + " é\n";
            byte[] ours = Note.of(text).sign(a.signer(), b.signer());
            byte[] go = Base64.getDecoder()
                    .decode(oracle.callString(
                            "note.sign",
                            text,
                            List.of(a.signer().format(), b.signer().format())));
            compared++;
            agreed += java.util.Arrays.equals(ours, go) ? 1 : 0; // Ed25519 signatures are deterministic
            byte[] msg = i % 3 == 0
                    ? ours
                    : mutate(new String(ours, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
            compared++;
            agreed += sameOpen(msg, known) ? 1 : 0;
        }
        ConformanceReport.record("sumdb", "note sign and open (with mutations)", compared, agreed);
        assertThat(agreed).isEqualTo(compared);
    }

    private boolean sameOpen(byte[] msg, List<String> known) {
        String goError = null;
        JsonNode go = null;
        try {
            go = oracle.call("note.open", Base64.getEncoder().encodeToString(msg), known);
        } catch (XmodOracle.OracleError e) {
            goError = e.getMessage();
        }
        try {
            Note ours =
                    Note.open(msg, known.stream().map(NoteKey::parseVerifier).toList());
            if (go == null) {
                return false;
            }
            List<String> sigs = ours.sigs().stream()
                    .map(s -> s.name() + "+" + String.format("%08x", s.hash()))
                    .toList();
            List<String> unverified = ours.unverifiedSigs().stream()
                    .map(s -> s.name() + "+" + String.format("%08x", s.hash()))
                    .toList();
            List<String> goSigs = new ArrayList<>();
            go.get("sigs").forEach(s -> goSigs.add(s.asText()));
            List<String> goUnverified = new ArrayList<>();
            go.get("unverified").forEach(s -> goUnverified.add(s.asText()));
            return go.get("text").asText().equals(ours.text())
                    && goSigs.equals(sigs)
                    && goUnverified.equals(unverified);
        } catch (IllegalArgumentException e) {
            return e.getMessage().equals(goError);
        }
    }

    /** One character dropped, doubled or replaced (by one of a few that matter to the formats). */
    private String mutate(String s) {
        int at = random.nextInt(s.length());
        String other = String.valueOf("+ \n\tA/=—-0x".charAt(random.nextInt(11)));
        return switch (random.nextInt(3)) {
            case 0 -> s.substring(0, at) + s.substring(at + 1);
            case 1 -> s.substring(0, at) + s.charAt(at) + s.substring(at);
            default -> s.substring(0, at) + other + s.substring(at + 1);
        };
    }
}
