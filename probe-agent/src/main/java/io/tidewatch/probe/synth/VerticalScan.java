package io.tidewatch.probe.synth;

import java.util.SplittableRandom;

/**
 * A compromised workstation SYN-scans one server's top 1000 TCP ports, nmap-style: one source port for the whole
 * scan, probes in random order at a few hundred per second, open ports answering SYN-ACK (and the scanner's kernel
 * resetting them), closed ports RST-ACK.
 */
final class VerticalScan extends Activity {
    private static final int[] OPEN_ON_FILE_SERVER = {135, 139, 445, 3389, 5985};
    private static final int[] WELL_KNOWN = {
        21, 22, 23, 25, 53, 80, 110, 111, 135, 139, 143, 443, 445, 993, 995, 1433, 1521, 1723, 3306, 3389, 5432,
        5900, 5985, 6379, 8080, 8443, 9200, 27017,
    };

    private final Endpoint attacker;
    private final Endpoint victim;
    private final SplittableRandom rng;
    private final int sourcePort;
    private final int[] ports;
    private int next;

    VerticalScan(Endpoint attacker, Endpoint victim, SplittableRandom rng, long start) {
        super(start);
        this.attacker = attacker;
        this.victim = victim;
        this.rng = rng;
        this.sourcePort = attacker.nextEphemeralPort();
        this.ports = topPorts(rng, 1000);
    }

    private static int[] topPorts(SplittableRandom rng, int n) {
        boolean[] used = new boolean[65536];
        int[] ports = new int[n];
        int k = 0;
        for (int p : WELL_KNOWN) {
            used[p] = true;
            ports[k++] = p;
        }
        while (k < n) {
            int p = rng.nextDouble() < 0.8 ? 1 + rng.nextInt(10_000) : 1 + rng.nextInt(65_535);
            if (!used[p]) {
                used[p] = true;
                ports[k++] = p;
            }
        }
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = ports[i];
            ports[i] = ports[j];
            ports[j] = t;
        }
        return ports;
    }

    @Override
    long fire(TrafficSynthesizer run) {
        int port = ports[next++];
        boolean open = false;
        for (int p : OPEN_ON_FILE_SERVER) {
            open |= p == port;
        }
        TcpScript script = open ? TcpScript.probeOpen() : TcpScript.refused();
        run.start(new TcpFlow(attacker, sourcePort, victim, port, script, 1_000_000L, 1_000_000L,
                AttackKind.VERTICAL_SCAN, rng.split(), time));
        if (next == ports.length) {
            return Flow.NEVER;
        }
        return time + Draw.millis(Draw.exponential(rng, 2.5));
    }
}
