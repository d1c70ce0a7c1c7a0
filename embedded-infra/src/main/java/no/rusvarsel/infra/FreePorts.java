package no.rusvarsel.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;

/** Finds loopback ports to listen on: whether a given one is free, or any free one. */
public final class FreePorts {

    private static final int LOWEST = 10_000;

    private FreePorts() {
    }

    /**
     * A free port below the kernel's ephemeral range. A port the kernel hands out ({@code new ServerSocket(0)}) is from
     * that range, where any outgoing connection may take it before the server that was meant to bind it does: a
     * service of the dev stack then failed to start, again on every restart while that connection lived.
     */
    public static int any() {
        int below = ephemeralLow();
        for (int attempt = 0; attempt < 100 && below > LOWEST; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(LOWEST, below);
            if (isFree(port)) {
                return port;
            }
        }
        try (var socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The lowest port of the ephemeral range (Linux's setting; 32768, its default, elsewhere). */
    static int ephemeralLow() {
        try {
            // read as lines: Files.readString gave only the first byte of this /proc file here
            try (var lines = Files.lines(Path.of("/proc/sys/net/ipv4/ip_local_port_range"))) {
                return Integer.parseInt(lines.findFirst().orElseThrow().trim().split("\\s+")[0]);
            }
        } catch (IOException | RuntimeException e) {
            return 32_768;
        }
    }

    public static boolean isFree(int port) {
        try (var socket = new ServerSocket(port, 50, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
