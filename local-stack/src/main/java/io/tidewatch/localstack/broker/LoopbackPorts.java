package io.tidewatch.localstack.broker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Free TCP ports on the loopback interface, asked of the OS by binding port 0. */
final class LoopbackPorts {

    private LoopbackPorts() {
    }

    /** A port that was free a moment ago, different from {@code avoid}. */
    static int free(int avoid) {
        for (int attempt = 0; attempt < 10; attempt++) {
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(ServerProperties.HOST))) {
                int port = socket.getLocalPort();
                if (port != avoid) {
                    return port;
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot find a free port on " + ServerProperties.HOST, e);
            }
        }
        throw new IllegalStateException("the OS kept offering port " + avoid + " as the only free port");
    }
}
