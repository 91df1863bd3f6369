package io.github.smartonkeycloak.cluster.support;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.Set;

/** Free loopback ports, so that the cluster never clashes with the main IT suite's 8080/8081/8443/9000. */
final class Ports {

    private static final Set<Integer> GIVEN = new HashSet<>();

    private Ports() {
    }

    /** A free port chosen by the system (ephemeral range). */
    static synchronized int free() {
        for (int attempt = 0; attempt < 50; attempt++) {
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                int port = socket.getLocalPort();
                if (GIVEN.add(port)) {
                    return port;
                }
            } catch (IOException e) {
                throw new IllegalStateException("No free port", e);
            }
        }
        throw new IllegalStateException("No free port");
    }

    /**
     * A free JGroups port from Keycloak's default 7800 up. JGroups' failure detection (FD_SOCK2) also listens on that
     * port + 50000, which must be free too.
     */
    static synchronized int freeJGroups() {
        for (int port = 7800; port < 8000; port++) {
            if (!GIVEN.contains(port) && isFree(port) && isFree(port + 50000)) {
                GIVEN.add(port);
                return port;
            }
        }
        throw new IllegalStateException("No free JGroups port between 7800 and 7999");
    }

    private static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(false);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
