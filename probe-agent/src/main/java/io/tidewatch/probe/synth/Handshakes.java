package io.tidewatch.probe.synth;

import java.util.SplittableRandom;

/**
 * Message-size shapes of the protocol openings the model uses, as record sizes on the wire: a TLS 1.3 handshake
 * and an SSH-2 key exchange. Only sizes and timing matter; the payload itself is zeros.
 */
final class Handshakes {
    private Handshakes() {
    }

    /**
     * TLS 1.3: ClientHello, the server's flight (ServerHello to Finished, certificate chain included), the
     * client's Finished, and the server's session tickets riding after the first response.
     */
    static void tls(TcpScript.Builder b, SplittableRandom r, int clientHello, int serverFlight) {
        b.client(clientHello, Draw.millis(Draw.uniform(r, 0.05, 0.4)));
        b.server(serverFlight, Draw.millis(Draw.lognormal(r, 3, 0.8)));
        b.client(Draw.uniformInt(r, 64, 80), Draw.millis(Draw.uniform(r, 0.3, 3)));
    }

    /** A browser's ClientHello: 517 bytes classically, ~1.8 kB with a post-quantum key share. */
    static int browserClientHello(SplittableRandom r) {
        return Draw.chance(r, 0.5) ? Draw.uniformInt(r, 1700, 1850) : Draw.uniformInt(r, 512, 620);
    }

    /** ServerHello through server Finished with a typical two-certificate chain. */
    static int serverFlight(SplittableRandom r) {
        return (int) Draw.lognormalClamped(r, 4200, 0.3, 2400, 9000);
    }

    /**
     * SSH-2: identification strings, KEXINIT both ways, ECDH (or hybrid post-quantum) exchange, NEWKEYS, service
     * request and accept. Authentication follows in the caller's script.
     */
    static void ssh(TcpScript.Builder b, SplittableRandom r, boolean postQuantum, int clientKexinit) {
        b.server(Draw.uniformInt(r, 21, 42), Draw.millis(Draw.uniform(r, 1, 6)));
        b.client(Draw.uniformInt(r, 21, 42), Draw.millis(Draw.uniform(r, 0.1, 1)));
        b.client(clientKexinit, Draw.millis(Draw.uniform(r, 0.1, 0.5)));
        b.server(Draw.uniformInt(r, 1000, 1100), Draw.millis(Draw.uniform(r, 0.2, 1)));
        b.client(postQuantum ? 1208 : 48, Draw.millis(Draw.uniform(r, 0.3, 2)));
        b.server(postQuantum ? Draw.uniformInt(r, 1500, 1700) : Draw.uniformInt(r, 500, 640),
                Draw.millis(Draw.uniform(r, 2, 12)));
        b.client(16, Draw.millis(Draw.uniform(r, 0.5, 3)));
        b.client(52, Draw.millis(Draw.uniform(r, 0.05, 0.3)));
        b.server(52, Draw.millis(Draw.uniform(r, 0.1, 1)));
    }
}
