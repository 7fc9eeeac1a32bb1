package dev.holdfast.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * SHA-crypt against the test vectors of Ulrich Drepper's specification ("Unix crypt using SHA-256 and
 * SHA-512") and hashes printed by {@code openssl passwd -5 / -6} (OpenSSL 3.0), which agree with them.
 */
class ShaCryptTest {
    record Vector(String password, String setting, String hash) {}

    static Stream<Vector> vectors() {
        return Stream.of(
                new Vector(
                        "Hello world!",
                        "$6$saltstring$",
                        "$6$saltstring$svn8UoSVapNtMuq1ukKS4tPQd8iKwSMHWjl/O817G3uBnIFNjnQJuesI68u4OTLiBFdcbYEdFCoEOfaS35inz1"),
                new Vector(
                        "Hello world!", "$5$saltstring$", "$5$saltstring$5B8vYYiY.CVt1RlTTf8KbXBH3hsxY/GNooZaBBGWEc5"),
                new Vector(
                        "Hello world!",
                        "$6$rounds=10000$saltstringsaltst$",
                        "$6$rounds=10000$saltstringsaltst$OW1/O6BYHV6BcXZu8QVeXbDWra3Oeqh0sbHbbMCVNSnCM/UrjmM0Dp8vOuZeHBy/YTBmSK6H9qs/y3RnOaw5v."),
                new Vector(
                        "This is just a test",
                        "$5$rounds=5000$toolongsaltstrin$",
                        "$5$rounds=5000$toolongsaltstrin$Un/5jzAHMgOGZ5.mWJpuVolil07guHPvOW8mGRcvxa5"),
                new Vector(
                        "we have a short salt string but not a short password",
                        "$6$rounds=1000$short$",
                        "$6$rounds=1000$short$yKjiOaKKa9hmO09NoaGIIFVrNG7WY8CArzJJlZJ5viSZrI9TzqYa2t7AA6THmblNo18mGtDJZYi2nxBwwsjsN."),
                new Vector(
                        "the minimum number is still observed",
                        "$5$rounds=10$roundstoolow$",
                        "$5$rounds=1000$roundstoolow$yfvwcWrQ8l/K0DAWyuPMDNHpIVlTQebY9l/gL972bIC"),
                new Vector(
                        "pässwörd",
                        "$6$saltß$",
                        "$6$saltß$x4WJot48AXSTYkOGgvfQwjrvdRTFImTiRvBKcTaQe2tftdiKqSgM8ZWpesY9j6zyNj8uEPQCYwdFvMIOroa6K."));
    }

    @ParameterizedTest
    @MethodSource("vectors")
    void hash_matchesSpecificationVectors(Vector v) {
        assertThat(ShaCrypt.hash(v.password(), v.setting())).isEqualTo(v.hash());
    }

    @ParameterizedTest
    @MethodSource("vectors")
    void check_acceptsOnlyThePassword(Vector v) {
        assertThat(ShaCrypt.isHash(v.hash())).isTrue();
        assertThat(ShaCrypt.check(v.password(), v.hash())).isTrue();
        assertThat(ShaCrypt.check(v.password() + " ", v.hash())).isFalse();
        assertThat(ShaCrypt.check("", v.hash())).isFalse();
    }

    @ParameterizedTest
    @MethodSource("otherHashes")
    void isHash_rejectsOtherSchemes(String hash) {
        assertThat(ShaCrypt.isHash(hash)).isFalse();
        assertThatThrownBy(() -> ShaCrypt.check("pw", hash)).isInstanceOf(IllegalArgumentException.class);
    }

    static Stream<String> otherHashes() {
        return Stream.of(
                "$2y$05$abcdefghijklmnopqrstuu5s2v8.iXieOjg/.AySBTTZIIVFJeBui",
                "$apr1$salt$hash",
                "{SHA}W6ph5Mm5Pz8GgiULbPgzG37mj9g=",
                "plaintext",
                "$6$salt",
                "$7$salt$hash");
    }
}
