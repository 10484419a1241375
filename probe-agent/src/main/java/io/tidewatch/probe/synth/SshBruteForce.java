package io.tidewatch.probe.synth;

import java.util.SplittableRandom;

/**
 * An Internet host guesses passwords on the SSH jump host with a few parallel workers: each connection does the
 * key exchange, tries one to six passwords (each failure answered after the server's PAM delay of about two
 * seconds) and is closed by the server at its attempt limit or dropped by the tool.
 */
final class SshBruteForce extends Activity {
    private static final int MAX_AUTH_TRIES = 6;

    private final Endpoint attacker;
    private final Endpoint victim;
    private final SplittableRandom rng;
    private final long end;
    private final int workers;
    private final long[] workerFree;

    SshBruteForce(Network net, SplittableRandom rng, long start, long end) {
        super(start);
        this.attacker = net.external(TcpStack.LINUX, Draw.uniform(rng, 40, 220));
        this.victim = net.jumpHost;
        this.rng = rng;
        this.end = end;
        this.workers = Draw.uniformInt(rng, 2, 6);
        this.workerFree = new long[workers];
        for (int i = 0; i < workers; i++) {
            workerFree[i] = start + Draw.millis(Draw.uniform(rng, 0, 2000));
        }
        long first = workerFree[0];
        for (long free : workerFree) {
            first = Math.min(first, free);
        }
        this.time = first;
    }

    @Override
    long fire(TrafficSynthesizer run) {
        int w = 0;
        for (int i = 1; i < workers; i++) {
            if (workerFree[i] < workerFree[w]) {
                w = i;
            }
        }
        long t = workerFree[w];
        TcpScript.Builder b = TcpScript.established();
        Handshakes.ssh(b, rng, false, Draw.uniformInt(rng, 700, 900));
        int attempts = Draw.uniformInt(rng, 1, MAX_AUTH_TRIES);
        long duration = 0;
        for (int a = 0; a < attempts; a++) {
            b.client(Draw.uniformInt(rng, 76, 108), Draw.millis(Draw.uniform(rng, 0.2, 30)));
            long pamDelay = Draw.millis(Draw.uniform(rng, 1800, 3200));
            b.server(52, pamDelay);
            duration += pamDelay;
        }
        TcpScript script = attempts == MAX_AUTH_TRIES
                ? b.close(Draw.millis(Draw.uniform(rng, 0.1, 2)), TcpScript.Close.SERVER_FIN)
                : b.close(Draw.millis(Draw.uniform(rng, 1, 50)), TcpScript.Close.CLIENT_FIN);
        run.start(new TcpFlow(attacker, attacker.nextEphemeralPort(), victim, 22, script, 10_000_000L,
                100_000_000L, AttackKind.SSH_BRUTEFORCE, rng.split(), t));
        // The worker is busy for the session (handshake round trips included) and then reconnects.
        workerFree[w] = t + duration + 12 * attacker.rttNanos + Draw.millis(Draw.uniform(rng, 100, 1500));
        long next = workerFree[0];
        for (int i = 1; i < workers; i++) {
            next = Math.min(next, workerFree[i]);
        }
        return next >= end ? Flow.NEVER : next;
    }
}
