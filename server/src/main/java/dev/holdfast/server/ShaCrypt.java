package dev.holdfast.server;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The SHA-256 and SHA-512 based Unix crypt of Ulrich Drepper's specification ("Unix crypt using
 * SHA-256 and SHA-512"): the {@code $5$} and {@code $6$} password hashes that {@code openssl passwd
 * -5 / -6}, {@code mkpasswd -m sha-512} and glibc's {@code crypt(3)} make. Holdfast only checks such
 * hashes, so that passwords for basic authentication never have to be stored in the clear and can be
 * hashed with tools every system has.
 */
final class ShaCrypt {
    private static final Pattern HASH =
            Pattern.compile("\\$([56])\\$(?:rounds=([0-9]{1,9})\\$)?([^$]{0,16})\\$([./0-9A-Za-z]+)");
    private static final String ALPHABET = "./0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private static final int DEFAULT_ROUNDS = 5000;
    private static final int MIN_ROUNDS = 1000;
    private static final int MAX_ROUNDS = 999_999_999;

    /** The order in which the spec encodes the 32 bytes of a SHA-256 result, three bytes at a time. */
    private static final int[] ORDER_256 = {
        0, 10, 20, 21, 1, 11, 12, 22, 2, 3, 13, 23, 24, 4, 14, 15, 25, 5, 6, 16, 26, 27, 7, 17, 18, 28, 8, 9, 19, 29
    };

    /** The order in which the spec encodes the 64 bytes of a SHA-512 result, three bytes at a time. */
    private static final int[] ORDER_512 = {
        0, 21, 42, 22, 43, 1, 44, 2, 23, 3, 24, 45, 25, 46, 4, 47, 5, 26, 6, 27, 48, 28, 49, 7, 50, 8, 29, 9, 30, 51,
        31, 52, 10, 53, 11, 32, 12, 33, 54, 34, 55, 13, 56, 14, 35, 15, 36, 57, 37, 58, 16, 59, 17, 38, 18, 39, 60, 40,
        61, 19, 62, 20, 41
    };

    private ShaCrypt() {}

    /** Reports whether {@code hash} has the shape of a {@code $5$} or {@code $6$} hash. */
    static boolean isHash(String hash) {
        return HASH.matcher(hash).matches();
    }

    /**
     * Reports whether {@code password} hashes to {@code hash}, comparing in constant time.
     *
     * @throws IllegalArgumentException if {@code hash} is not a {@code $5$} or {@code $6$} hash
     */
    static boolean check(String password, String hash) {
        byte[] computed = hash(password, hash).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(computed, hash.getBytes(StandardCharsets.US_ASCII));
    }

    /**
     * Returns the hash of {@code password} with the algorithm, rounds and salt of {@code setting} (a
     * hash, or just its {@code $6$[rounds=N$]salt} prefix followed by {@code $}).
     *
     * @throws IllegalArgumentException if {@code setting} is not a {@code $5$} or {@code $6$} setting
     */
    static String hash(String password, String setting) {
        Matcher m = HASH.matcher(setting.endsWith("$") ? setting + "x" : setting);
        if (!m.matches()) {
            throw new IllegalArgumentException("not a $5$ or $6$ password hash");
        }
        boolean sha512 = m.group(1).equals("6");
        int rounds =
                m.group(2) == null ? DEFAULT_ROUNDS : Math.clamp(Long.parseLong(m.group(2)), MIN_ROUNDS, MAX_ROUNDS);
        byte[] salt = m.group(3).getBytes(StandardCharsets.UTF_8);
        byte[] result = digest(sha512, password.getBytes(StandardCharsets.UTF_8), salt, rounds);
        StringBuilder out = new StringBuilder("$").append(m.group(1)).append('$');
        if (m.group(2) != null) {
            out.append("rounds=").append(rounds).append('$');
        }
        out.append(m.group(3)).append('$');
        encode(result, sha512 ? ORDER_512 : ORDER_256, out);
        return out.toString();
    }

    /** Steps 1 to 21 of the specification: the final digest. */
    private static byte[] digest(boolean sha512, byte[] key, byte[] salt, int rounds) {
        MessageDigest md = newDigest(sha512);
        md.update(key);
        md.update(salt);
        md.update(key);
        byte[] b = md.digest();

        md.update(key);
        md.update(salt);
        addRepeated(md, b, key.length);
        for (int n = key.length; n > 0; n >>= 1) {
            md.update((n & 1) != 0 ? b : key);
        }
        byte[] a = md.digest();

        for (int i = 0; i < key.length; i++) {
            md.update(key);
        }
        byte[] p = repeat(md.digest(), key.length);
        for (int i = 0; i < 16 + (a[0] & 0xff); i++) {
            md.update(salt);
        }
        byte[] s = repeat(md.digest(), salt.length);

        byte[] c = a;
        for (int i = 0; i < rounds; i++) {
            md.update((i & 1) != 0 ? p : c);
            if (i % 3 != 0) {
                md.update(s);
            }
            if (i % 7 != 0) {
                md.update(p);
            }
            md.update((i & 1) != 0 ? c : p);
            c = md.digest();
        }
        return c;
    }

    /** Adds {@code length} bytes of {@code block} repeated. */
    private static void addRepeated(MessageDigest md, byte[] block, int length) {
        int n = length;
        for (; n > block.length; n -= block.length) {
            md.update(block);
        }
        md.update(block, 0, n);
    }

    /** Returns {@code length} bytes of {@code block} repeated. */
    private static byte[] repeat(byte[] block, int length) {
        byte[] out = new byte[length];
        for (int i = 0; i < length; i++) {
            out[i] = block[i % block.length];
        }
        return out;
    }

    /** Encodes the digest in the spec's base-64 order: whole triples, then the one or two bytes left. */
    private static void encode(byte[] d, int[] order, StringBuilder out) {
        for (int i = 0; i < order.length; i += 3) {
            encode24(d[order[i]] & 0xff, d[order[i + 1]] & 0xff, d[order[i + 2]] & 0xff, 4, out);
        }
        if (d.length == 32) {
            encode24(0, d[31] & 0xff, d[30] & 0xff, 3, out);
        } else {
            encode24(0, 0, d[63] & 0xff, 2, out);
        }
    }

    private static void encode24(int b2, int b1, int b0, int chars, StringBuilder out) {
        int w = (b2 << 16) | (b1 << 8) | b0;
        for (int i = 0; i < chars; i++) {
            out.append(ALPHABET.charAt(w & 0x3f));
            w >>>= 6;
        }
    }

    private static MessageDigest newDigest(boolean sha512) {
        try {
            return MessageDigest.getInstance(sha512 ? "SHA-512" : "SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks SHA-2", e);
        }
    }
}
