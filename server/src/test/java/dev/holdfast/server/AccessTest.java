package dev.holdfast.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AccessTest {
    private static final String TOKEN = "admin-token-0123456789";

    @TempDir
    Path tmp;

    private static RequestHeaders from(boolean loopback, String authorization) {
        return new RequestHeaders(authorization == null ? Map.of() : Map.of("Authorization", authorization), loopback);
    }

    @Test
    void noAuthAtAll_modulesForEverybody_adminForThisMachineOnly() {
        Access access = new Access(ServerAuth.NONE, ServerAuth.NONE);

        assertThat(access.refusal("/example.com/m/@v/list", from(false, null))).isEmpty();
        assertThat(access.refusal("/status", from(true, null))).isEmpty();
        Optional<Reply> remote = access.refusal("/metrics", from(false, null));
        assertThat(remote).hasValueSatisfying(r -> {
            assertThat(r.status()).isEqualTo(403);
            assertThat(r.bodyText()).contains("--admin-auth");
        });
        assertThat(access.refusal("/healthz", from(false, null))).isEmpty();
        assertThat(access.refusal("/", from(true, null))).isEmpty();
        assertThat(access.refusal("/", from(false, null)))
                .as("the status page is an admin endpoint")
                .hasValueSatisfying(r -> assertThat(r.status()).isEqualTo(403));
    }

    @Test
    void adminAuth_guardsOnlyTheAdminEndpoints() throws IOException {
        Path file = Files.writeString(tmp.resolve("admins"), TOKEN + "\n");
        Access access = new Access(ServerAuth.NONE, ServerAuth.loadMixed(file));

        assertThat(access.refusal("/status", from(true, null)))
                .hasValueSatisfying(r -> assertThat(r.status()).isEqualTo(401));
        assertThat(access.refusal("/status", from(false, "Bearer " + TOKEN))).isEmpty();
        assertThat(access.refusal("/example.com/m/@v/list", from(false, null))).isEmpty();
        assertThat(access.refusal("/readyz", from(false, null))).isEmpty();
    }

    @Test
    void moduleAuthWithoutAdminAuth_guardsEverythingButProbes() throws IOException {
        Path tokens = Files.writeString(tmp.resolve("tokens"), TOKEN + "\n");
        Access access = new Access(ServerAuth.load(null, tokens), ServerAuth.NONE);

        assertThat(access.refusal("/status", from(true, null))).isPresent();
        assertThat(access.refusal("/status", from(false, "Bearer " + TOKEN))).isEmpty();
        assertThat(access.refusal("/example.com/m/@v/list", from(true, null))).isPresent();
        assertThat(access.refusal("/healthz", from(false, null))).isEmpty();
    }

    @Test
    void loadMixed_readsUsersAndTokensFromOneFile() throws IOException {
        Path file = Files.writeString(
                tmp.resolve("mixed"),
                "# admins\nops:$6$saltstring$svn8UoSVapNtMuq1ukKS4tPQd8iKwSMHWjl/O817G3uBnIFNjnQJuesI68u4OTLiBFdcbYEdFCoEOfaS35inz1"
                        + "\n\n" + TOKEN + "\n");

        ServerAuth auth = ServerAuth.loadMixed(file);

        assertThat(auth.permits(Optional.of("Bearer " + TOKEN))).isTrue();
        assertThat(auth.challenge()).contains("Basic").contains("Bearer");
        assertThat(auth.permits(Optional.of("Bearer nope-nope-nope-nope"))).isFalse();
    }

    @Test
    void framing_refusesWhatCouldSmuggleARequest() {
        assertThat(Framing.problem(List.of(), List.of())).isEmpty();
        assertThat(Framing.problem(List.of("0"), List.of())).isEmpty();
        assertThat(Framing.problem(List.of(), List.of("chunked"))).isEmpty();
        assertThat(Framing.problem(List.of("0", "33"), List.of())).contains("more than one Content-Length header");
        assertThat(Framing.problem(List.of("5"), List.of("chunked")))
                .contains("both Content-Length and Transfer-Encoding");
        assertThat(Framing.problem(List.of(), List.of("gzip, chunked")))
                .contains("a Transfer-Encoding other than chunked");
        assertThat(Framing.problem(List.of("12a"), List.of())).contains("a Content-Length that is not a number");
    }
}
