package dev.holdfast.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

class ListenCheckTest {

    @Test
    void aPortInUse_isRefusedWithTheAddressAndTheReason() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();

            assertThatThrownBy(() -> ListenCheck.check("127.0.0.1", port))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("cannot listen on 127.0.0.1:" + port + ": address already in use");
        }
    }

    @Test
    void aHostThatDoesNotResolve_isRefused() {
        assertThatThrownBy(() -> ListenCheck.check("nohost.invalid", 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("cannot listen on nohost.invalid:0: no such host");
    }

    @Test
    void aFreePort_isLetGoAgain() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }

        ListenCheck.check("127.0.0.1", port);

        try (ServerSocket after = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            assertThat(after.getLocalPort()).isEqualTo(port);
        }
    }
}
