package no.rusvarsel.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Finds loopback ports to listen on: a preferred one or the next free, or any free one. */
public final class FreePorts {

    private FreePorts() {
    }

    /** The preferred port if free, else the next free one above it; 0 means any free port. */
    public static int from(int preferred) {
        if (preferred <= 0) {
            return any();
        }
        for (int port = preferred; port < preferred + 100 && port <= 65535; port++) {
            if (isFree(port)) {
                return port;
            }
        }
        throw new IllegalStateException("no free port in " + preferred + ".." + (preferred + 99));
    }

    public static int any() {
        try (var socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
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
