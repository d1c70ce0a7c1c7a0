package no.rusvarsel.infra;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.ServerSocket;

import static org.assertj.core.api.Assertions.assertThat;

/** Ports handed out for servers lie below the ephemeral range, where no outgoing connection can take them meanwhile. */
class FreePortsTest {

    @Test
    void shouldPickABindablePortBelowTheEphemeralRange() throws Exception {
        for (int i = 0; i < 20; i++) {
            int port = FreePorts.any();
            assertThat(port).isGreaterThanOrEqualTo(10_000).isLessThan(FreePorts.ephemeralLow());
            try (var socket = new ServerSocket(port, 50, InetAddress.getLoopbackAddress())) {
                assertThat(socket.getLocalPort()).isEqualTo(port);
            }
        }
    }

    @Test
    void shouldSeeAPortInUseAsTaken() throws Exception {
        try (var socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            assertThat(FreePorts.isFree(socket.getLocalPort())).isFalse();
        }
    }
}
