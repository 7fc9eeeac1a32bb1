package dev.holdfast.sumdb;

import dev.holdfast.module.GoStrings;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

/**
 * The keys of signed notes (x/mod {@code sumdb/note}), Ed25519 through the JDK's EdDSA provider.
 *
 * <p>A verifier key reads {@code name+hhhhhhhh+base64(0x01 ‖ public key)}, a signer key {@code
 * PRIVATE+KEY+name+hhhhhhhh+base64(0x01 ‖ seed)}; {@code hhhhhhhh} is the {@linkplain #keyHash key
 * hash}, the first four bytes of SHA-256 of the name, a newline and the algorithm byte with the public
 * key. A name is non-empty valid UTF-8 without spaces or {@code +}.
 */
public final class NoteKey {
    private static final byte ALG_ED25519 = 1;
    // DER prefixes of an Ed25519 public key (X.509) and private key (PKCS #8) around the raw 32 bytes.
    private static final byte[] X509_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");
    private static final byte[] PKCS8_PREFIX = HexFormat.of().parseHex("302e020100300506032b657004220420");

    private NoteKey() {}

    /**
     * A key that verifies signatures.
     *
     * @param name the key name (for the checksum database, its name, e.g. {@code sum.example.com})
     * @param hash the key hash
     * @param publicKey the 32-byte Ed25519 public key
     */
    public record Verifier(String name, int hash, byte[] publicKey) {
        /** Copies the key. */
        public Verifier {
            publicKey = publicKey.clone();
        }

        /** Returns a copy of the key. */
        @Override
        public byte[] publicKey() {
            return publicKey.clone();
        }

        /** Reports whether {@code sig} is a valid Ed25519 signature of {@code msg} by this key. */
        public boolean verify(byte[] msg, byte[] sig) {
            try {
                PublicKey key = KeyFactory.getInstance("Ed25519")
                        .generatePublic(new X509EncodedKeySpec(concat(X509_PREFIX, publicKey)));
                Signature v = Signature.getInstance("Ed25519");
                v.initVerify(key);
                v.update(msg);
                return v.verify(sig);
            } catch (GeneralSecurityException e) {
                return false; // a signature of the wrong length, or a key that is not a curve point
            }
        }

        /** Returns the key in its text form, {@code name+hhhhhhhh+base64}. */
        public String format() {
            return id(name, hash) + "+"
                    + Base64.getEncoder().encodeToString(concat(new byte[] {ALG_ED25519}, publicKey));
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Verifier v
                    && name.equals(v.name)
                    && hash == v.hash
                    && Arrays.equals(publicKey, v.publicKey);
        }

        @Override
        public int hashCode() {
            return name.hashCode() * 31 + hash;
        }

        @Override
        public String toString() {
            return format();
        }
    }

    /**
     * A key that signs: a name, its hash and the Ed25519 private key made from a 32-byte seed.
     *
     * @param name the key name
     * @param hash the key hash
     * @param seed the 32-byte seed
     */
    public record Signer(String name, int hash, byte[] seed) {
        /** Copies the seed. */
        public Signer {
            seed = seed.clone();
        }

        /** Returns a copy of the seed. */
        @Override
        public byte[] seed() {
            return seed.clone();
        }

        /** Returns the Ed25519 signature of {@code msg}. */
        public byte[] sign(byte[] msg) {
            try {
                PrivateKey key = KeyFactory.getInstance("Ed25519")
                        .generatePrivate(new PKCS8EncodedKeySpec(concat(PKCS8_PREFIX, seed)));
                Signature s = Signature.getInstance("Ed25519");
                s.initSign(key);
                s.update(msg);
                return s.sign();
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("Ed25519 signing failed", e);
            }
        }

        /** Returns the key in its text form, {@code PRIVATE+KEY+name+hhhhhhhh+base64}. */
        public String format() {
            return "PRIVATE+KEY+" + id(name, hash) + "+"
                    + Base64.getEncoder().encodeToString(concat(new byte[] {ALG_ED25519}, seed));
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Signer s && name.equals(s.name) && hash == s.hash && Arrays.equals(seed, s.seed);
        }

        @Override
        public int hashCode() {
            return name.hashCode() * 31 + hash;
        }

        @Override
        public String toString() {
            return "PRIVATE+KEY+" + id(name, hash) + "+…"; // never print the seed
        }
    }

    /**
     * A freshly generated key pair.
     *
     * @param signer the private half
     * @param verifier the public half
     */
    public record Pair(Signer signer, Verifier verifier) {}

    /**
     * Parses a verifier key {@code name+hhhhhhhh+base64}.
     *
     * @throws IllegalArgumentException {@code malformed verifier id}, {@code invalid verifier hash} or
     *     {@code unknown verifier algorithm}, as x/mod says them
     */
    public static Verifier parseVerifier(String vkey) {
        String[] name = cut(vkey);
        String[] hash = cut(name[1]);
        byte[] key = Note.decode(hash[1]);
        Integer h = parseHash(hash[0]);
        if (h == null || key == null || !isValidName(name[0]) || key.length == 0) {
            throw new IllegalArgumentException("malformed verifier id");
        }
        if (h != keyHash(name[0], key)) {
            throw new IllegalArgumentException("invalid verifier hash");
        }
        if (key[0] != ALG_ED25519) {
            throw new IllegalArgumentException("unknown verifier algorithm");
        }
        if (key.length != 33) {
            throw new IllegalArgumentException("malformed verifier id");
        }
        return new Verifier(name[0], h, Arrays.copyOfRange(key, 1, 33));
    }

    /**
     * Parses a signer key {@code PRIVATE+KEY+name+hhhhhhhh+base64}. The hash is checked against the
     * public key the seed gives.
     *
     * @throws IllegalArgumentException with x/mod's message (it words signer errors as verifier ones)
     */
    public static Signer parseSigner(String skey) {
        String[] priv1 = cut(skey);
        String[] priv2 = cut(priv1[1]);
        String[] name = cut(priv2[1]);
        String[] hash = cut(name[1]);
        byte[] key = Note.decode(hash[1]);
        Integer h = parseHash(hash[0]);
        if (!priv1[0].equals("PRIVATE")
                || !priv2[0].equals("KEY")
                || h == null
                || key == null
                || !isValidName(name[0])
                || key.length == 0) {
            throw new IllegalArgumentException("malformed verifier id");
        }
        if (key[0] != ALG_ED25519) {
            throw new IllegalArgumentException("unknown verifier algorithm");
        }
        if (key.length != 33) {
            throw new IllegalArgumentException("malformed verifier id");
        }
        byte[] seed = Arrays.copyOfRange(key, 1, 33);
        if (h != keyHash(name[0], concat(new byte[] {ALG_ED25519}, publicKey(seed)))) {
            throw new IllegalArgumentException("invalid verifier hash");
        }
        return new Signer(name[0], h, seed);
    }

    /** Returns a new Ed25519 key pair named {@code name}, drawn from {@code random}. */
    public static Pair generate(String name, SecureRandom random) {
        if (!isValidName(name)) {
            throw new IllegalArgumentException("invalid signer");
        }
        byte[] seed = new byte[32];
        random.nextBytes(seed);
        byte[] pub = publicKey(seed);
        int h = keyHash(name, concat(new byte[] {ALG_ED25519}, pub));
        return new Pair(new Signer(name, h, seed), new Verifier(name, h, pub));
    }

    /** Returns the key hash: the first four bytes, big-endian, of SHA-256(name ‖ '\n' ‖ key). */
    public static int keyHash(String name, byte[] key) {
        var sha = Tlog.sha256();
        sha.update(name.getBytes(StandardCharsets.UTF_8));
        sha.update((byte) '\n');
        sha.update(key);
        return ByteBuffer.wrap(sha.digest()).getInt();
    }

    /** Reports whether {@code name} may name a key: non-empty, valid UTF-8, no space, no {@code +}. */
    static boolean isValidName(String name) {
        if (name.isEmpty() || name.contains("+")) {
            return false;
        }
        byte[] b = name.getBytes(StandardCharsets.UTF_8);
        if (!new String(b, StandardCharsets.UTF_8).equals(name)) {
            return false; // a lone surrogate: not valid UTF-8
        }
        return name.codePoints().noneMatch(GoStrings::isSpace);
    }

    /** Returns {@code name+hhhhhhhh}. */
    static String id(String name, int hash) {
        return name + "+" + String.format("%08x", hash);
    }

    /** Derives the Ed25519 public key of a seed: the JDK's generator with the seed as its randomness. */
    private static byte[] publicKey(byte[] seed) {
        try {
            KeyPairGenerator gen = KeyPairGenerator.getInstance("Ed25519");
            gen.initialize(255, new FixedRandom(seed));
            KeyPair pair = gen.generateKeyPair();
            byte[] x509 = pair.getPublic().getEncoded();
            return Arrays.copyOfRange(x509, x509.length - 32, x509.length);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 is not available", e);
        }
    }

    /** Randomness that hands out one fixed seed, so a generator turns that seed into a key pair. */
    private static final class FixedRandom extends SecureRandom {
        private static final long serialVersionUID = 1L;
        private final byte[] seed;

        FixedRandom(byte[] seed) {
            this.seed = seed.clone();
        }

        @Override
        public void nextBytes(byte[] bytes) {
            System.arraycopy(seed, 0, bytes, 0, Math.min(seed.length, bytes.length));
        }
    }

    /** Parses exactly eight hex digits (Go's ParseUint(s, 16, 32) after the length check), or null. */
    private static Integer parseHash(String hex) {
        if (!hex.matches("[0-9a-fA-F]{8}")) {
            return null;
        }
        try {
            return (int) Long.parseLong(hex, 16);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Go's strings.Cut at the first {@code +}: {before, after}, after empty when there is none. */
    private static String[] cut(String s) {
        int i = s.indexOf('+');
        return i < 0 ? new String[] {s, ""} : new String[] {s.substring(0, i), s.substring(i + 1)};
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
