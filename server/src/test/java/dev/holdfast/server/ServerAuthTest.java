package dev.holdfast.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerAuthTest {
    private static final String TOKEN = "a-token-of-twenty-chars";
    private static final String OTHER_TOKEN = "another-token-0123456789";

    @TempDir
    Path dir;

    private static Optional<String> basic(String user, String password) {
        return Optional.of("Basic "
                + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    private ServerAuth both() throws Exception {
        Path passwords = write(
                "passwords",
                "# who may use the proxy\n\nci:" + ShaCrypt.hash("correct horse", "$6$q8Xw1zWm$") + "\n" + "dev:"
                        + ShaCrypt.hash("battery: staple", "$5$rounds=2000$ab$") + "\n");
        String hex = HexFormat.of()
                .formatHex(MessageDigest.getInstance("SHA-256").digest(OTHER_TOKEN.getBytes(StandardCharsets.UTF_8)));
        Path tokens = write("tokens", TOKEN + "\n# hashed:\nsha256:" + hex + "\n");
        return ServerAuth.load(passwords, tokens);
    }

    @Test
    void load_noFilesIsNone() throws IOException {
        assertThat(ServerAuth.load(null, null)).isSameAs(ServerAuth.NONE);
        assertThat(ServerAuth.NONE.enabled()).isFalse();
        assertThat(ServerAuth.NONE.permits(Optional.empty())).isTrue();
    }

    @Test
    void permits_basicWithTheRightPasswordOnly() throws Exception {
        ServerAuth auth = both();
        assertThat(auth.enabled()).isTrue();
        assertThat(auth.permits(basic("ci", "correct horse"))).isTrue();
        assertThat(auth.permits(basic("ci", "correct horse")))
                .as("again, remembered")
                .isTrue();
        assertThat(auth.permits(basic("dev", "battery: staple")))
                .as("colon in password")
                .isTrue();
        assertThat(auth.permits(basic("ci", "correct horsE"))).isFalse();
        assertThat(auth.permits(basic("dev", "correct horse"))).isFalse();
        assertThat(auth.permits(basic("nobody", "correct horse"))).isFalse();
        assertThat(auth.permits(Optional.of(
                        "basic " + basic("ci", "correct horse").get().substring(6))))
                .as("scheme is case-insensitive")
                .isTrue();
        assertThat(auth.permits(Optional.of("Basic !!!notbase64"))).isFalse();
        assertThat(auth.permits(Optional.of("Basic"))).isFalse();
        assertThat(auth.permits(Optional.empty())).isFalse();
    }

    @Test
    void permits_bearerWithAKnownTokenOnly() throws Exception {
        ServerAuth auth = both();
        assertThat(auth.permits(Optional.of("Bearer " + TOKEN))).isTrue();
        assertThat(auth.permits(Optional.of("Bearer " + OTHER_TOKEN)))
                .as("listed by hash")
                .isTrue();
        assertThat(auth.permits(Optional.of("Bearer " + TOKEN + "x"))).isFalse();
        assertThat(auth.permits(Optional.of("Token " + TOKEN))).isFalse();
    }

    @Test
    void challenge_namesTheSchemesInUse() throws Exception {
        assertThat(both().challenge())
                .isEqualTo("Basic realm=\"holdfast\", charset=\"UTF-8\", Bearer realm=\"holdfast\"");
        ServerAuth tokensOnly = ServerAuth.load(null, write("t", TOKEN + "\n"));
        assertThat(tokensOnly.challenge()).isEqualTo("Bearer realm=\"holdfast\"");
        assertThat(tokensOnly.permits(basic("ci", "correct horse"))).isFalse();
    }

    @Test
    void load_rejectsMalformedFilesNamingTheLine() throws IOException {
        Path bcrypt = write("bcrypt", "\nci:$2y$05$abcdefghijklmnopqrstuu5s2v8.iXieOjg/.AySBTTZIIVFJeBui\n");
        assertThatThrownBy(() -> ServerAuth.load(bcrypt, null))
                .hasMessage(bcrypt + ":2: user ci: bcrypt hashes are not supported; make one with: openssl passwd -6");
        Path plain = write("plain", "ci:secret\n");
        assertThatThrownBy(() -> ServerAuth.load(plain, null))
                .hasMessage(plain + ":1: user ci: not a $6$ or $5$ crypt hash; make one with: openssl passwd -6");
        Path noColon = write("nocolon", "ci\n");
        assertThatThrownBy(() -> ServerAuth.load(noColon, null)).hasMessage(noColon + ":1: not a user:hash line");
        String hash = ShaCrypt.hash("pw", "$6$s$");
        Path twice = write("twice", "ci:" + hash + "\nci:" + hash + "\n");
        assertThatThrownBy(() -> ServerAuth.load(twice, null)).hasMessage(twice + ":2: user ci listed twice");
        Path shortToken = write("short", "tooshort\n");
        assertThatThrownBy(() -> ServerAuth.load(null, shortToken))
                .hasMessage(shortToken + ":1: a token must be at least 16 characters without spaces");
        Path badHex = write("badhex", "sha256:abc\n");
        assertThatThrownBy(() -> ServerAuth.load(null, badHex))
                .hasMessage(badHex + ":1: sha256: must be followed by 64 hex digits");
        Path empty = write("empty", "# nobody yet\n");
        assertThatThrownBy(() -> ServerAuth.load(empty, null)).hasMessageContaining("name no user and no token");
        assertThatThrownBy(() -> ServerAuth.load(dir.resolve("missing"), null)).isInstanceOf(IOException.class);
    }
}
