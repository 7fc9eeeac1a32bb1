package dev.holdfast.testing;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

/**
 * An append-only log of checksum-database records and the hashes the checksum-database protocol
 * serves about it, written for {@link SumdbServer} from RFC 6962 and spec section 12 directly — it
 * shares no code with Holdfast's client, so a test of one against the other compares two
 * implementations. Hashes are kept per level ({@code level k, number n} = the subtree over records
 * {@code n·2^k .. (n+1)·2^k − 1}), which is all tiles need.
 *
 * <p>Immutable: {@link #with} returns a longer log.
 */
final class SumdbLog {
    private static final byte[] PKCS8_PREFIX = HexFormat.of().parseHex("302e020100300506032b657004220420");

    private final List<byte[]> records;
    /** levels.get(k).get(n): the hash of the complete subtree at level k, number n. */
    private final List<List<byte[]>> levels;

    private SumdbLog(List<byte[]> records, List<List<byte[]>> levels) {
        this.records = records;
        this.levels = levels;
    }

    /** Returns the empty log. */
    static SumdbLog empty() {
        return new SumdbLog(List.of(), List.of());
    }

    /** Returns a log of {@code records}, in order. */
    static SumdbLog of(List<byte[]> records) {
        SumdbLog log = empty();
        for (byte[] r : records) {
            log = log.with(r);
        }
        return log;
    }

    /** Returns this log with {@code record} appended. */
    SumdbLog with(byte[] record) {
        List<byte[]> rs = new ArrayList<>(records);
        rs.add(record.clone());
        List<List<byte[]>> ls = new ArrayList<>();
        for (List<byte[]> l : levels) {
            ls.add(new ArrayList<>(l));
        }
        byte[] h = hash((byte) 0, record);
        for (int k = 0; ; k++) {
            if (ls.size() == k) {
                ls.add(new ArrayList<>());
            }
            List<byte[]> level = ls.get(k);
            level.add(h);
            if (level.size() % 2 != 0) {
                break;
            }
            h = hash((byte) 1, level.get(level.size() - 2), h); // a completed pair makes a parent
        }
        return new SumdbLog(List.copyOf(rs), ls);
    }

    /** Returns the number of records. */
    int size() {
        return records.size();
    }

    /** Returns record {@code id}. */
    byte[] record(int id) {
        return records.get(id).clone();
    }

    /** Returns the tree hash: the maximal complete subtrees from the left, folded from the right. */
    byte[] treeHash() {
        long n = records.size();
        if (n == 0) {
            return sha256().digest();
        }
        List<byte[]> parts = new ArrayList<>();
        long lo = 0;
        for (int k = 62; k >= 0; k--) {
            if ((n >> k & 1) != 0) {
                parts.add(levels.get(k).get((int) (lo >> k)));
                lo += 1L << k;
            }
        }
        byte[] h = parts.getLast();
        for (int i = parts.size() - 2; i >= 0; i--) {
            h = hash((byte) 1, parts.get(i), h);
        }
        return h;
    }

    /** Returns the tree note text: {@code go.sum database tree\nN\nHASH\n}. */
    String treeText() {
        return "go.sum database tree\n" + size() + "\n" + Base64.getEncoder().encodeToString(treeHash()) + "\n";
    }

    /**
     * Returns the hash tile at level {@code l} of height {@code h}, number {@code n}, width {@code w}:
     * the hashes at subtree level {@code h·l} numbered {@code n·2^h} on; null if the log lacks them.
     */
    byte[] hashTile(int h, int l, long n, int w) {
        int level = h * l;
        long start = n << h;
        if (level >= levels.size() || start + w > levels.get(level).size()) {
            return null;
        }
        ByteBuffer out = ByteBuffer.allocate(w * 32);
        for (int i = 0; i < w; i++) {
            out.put(levels.get(level).get((int) (start + i)));
        }
        return out.array();
    }

    /** Returns the data tile: records {@code n·2^h} on, each followed by a newline; null if missing. */
    byte[] dataTile(int h, long n, int w) {
        long start = n << h;
        if (start + w > records.size()) {
            return null;
        }
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < w; i++) {
            b.append(new String(records.get((int) (start + i)), StandardCharsets.UTF_8))
                    .append('\n');
        }
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** An Ed25519 note key: name, key hash, seed and the verifier key text. */
    record Key(String name, int hash, byte[] seed, String verifierKey) {
        /** Returns a new key named {@code name}. */
        static Key generate(String name) {
            try {
                KeyPairGenerator gen = KeyPairGenerator.getInstance("Ed25519");
                byte[] seed = new byte[32];
                new SecureRandom().nextBytes(seed);
                gen.initialize(255, new SecureRandom() {
                    @Override
                    public void nextBytes(byte[] bytes) {
                        System.arraycopy(seed, 0, bytes, 0, bytes.length);
                    }
                });
                KeyPair pair = gen.generateKeyPair();
                byte[] x509 = pair.getPublic().getEncoded();
                byte[] pub = new byte[33];
                pub[0] = 1; // the Ed25519 algorithm byte
                System.arraycopy(x509, x509.length - 32, pub, 1, 32);
                MessageDigest sha = sha256();
                sha.update((name + "\n").getBytes(StandardCharsets.UTF_8));
                int hash = ByteBuffer.wrap(sha.digest(pub)).getInt();
                String vkey = name + "+" + String.format("%08x", hash) + "+"
                        + Base64.getEncoder().encodeToString(pub);
                return new Key(name, hash, seed, vkey);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }

        /** Returns this key's name and hash with another key's private half: its signatures do not verify. */
        Key impostor() {
            return new Key(name, hash, generate(name).seed(), verifierKey);
        }

        /** Returns {@code text} signed: the text, a blank line, {@code — name base64(hash ‖ signature)}. */
        byte[] sign(String text) {
            try {
                byte[] pkcs8 = Arrays.copyOf(PKCS8_PREFIX, PKCS8_PREFIX.length + 32);
                System.arraycopy(seed, 0, pkcs8, PKCS8_PREFIX.length, 32);
                PrivateKey key = KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
                Signature s = Signature.getInstance("Ed25519");
                s.initSign(key);
                s.update(text.getBytes(StandardCharsets.UTF_8));
                byte[] sig =
                        ByteBuffer.allocate(4 + 64).putInt(hash).put(s.sign()).array();
                return (text + "\n— " + name + " " + Base64.getEncoder().encodeToString(sig) + "\n")
                        .getBytes(StandardCharsets.UTF_8);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private static byte[] hash(byte prefix, byte[]... parts) {
        MessageDigest sha = sha256();
        sha.update(prefix);
        for (byte[] p : parts) {
            sha.update(p);
        }
        return sha.digest();
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
