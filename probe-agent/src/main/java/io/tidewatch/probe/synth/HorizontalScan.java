package io.tidewatch.probe.synth;

import java.util.SplittableRandom;

/**
 * A compromised workstation sweeps the workstation subnets for SMB (445/tcp) in random order at tens of probes
 * per second. Windows hosts answer SYN-ACK (reset by the scanner), other hosts RST-ACK, and unused addresses
 * nothing, so their probe is sent once more a second later.
 */
final class HorizontalScan extends Activity {
    static final int PORT = 445;

    private final Endpoint attacker;
    private final SplittableRandom rng;
    private final int sourcePort;
    private final int[] targets;
    private int next;

    HorizontalScan(Network net, Endpoint attacker, SplittableRandom rng, long start) {
        super(start);
        this.attacker = attacker;
        this.rng = rng;
        this.sourcePort = attacker.nextEphemeralPort();
        int subnets = (net.lastWorkstationHost >>> 8) + 1;
        int[] all = new int[subnets * 254];
        int k = 0;
        for (int s = 0; s < subnets; s++) {
            for (int h = 1; h <= 254; h++) {
                int number = (s << 8) | h;
                if (!java.util.Arrays.equals(Network.workstationAddress(number), attacker.ip)) {
                    all[k++] = number;
                }
            }
        }
        targets = java.util.Arrays.copyOf(all, k);
        for (int i = k - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = targets[i];
            targets[i] = targets[j];
            targets[j] = t;
        }
    }

    @Override
    long fire(TrafficSynthesizer run) {
        Network net = run.network();
        int number = targets[next++];
        Workstation w = net.workstationAt(number);
        Endpoint victim;
        TcpScript script;
        if (w == null) {
            victim = net.absent(number);
            script = TcpScript.unanswered(1);
        } else {
            victim = w.v4;
            script = w.os == TcpStack.WINDOWS ? TcpScript.probeOpen() : TcpScript.refused();
        }
        run.start(new TcpFlow(attacker, sourcePort, victim, PORT, script, 1_000_000L, 1_000_000L,
                AttackKind.HORIZONTAL_SCAN, rng.split(), time));
        if (next == targets.length) {
            return Flow.NEVER;
        }
        return time + Draw.millis(Draw.exponential(rng, 25));
    }
}
