package io.tidewatch.probe.synth;

import java.util.SplittableRandom;

/**
 * A handful of Internet hosts flood the public web server with SYNs, hping3-style (a new source port per SYN),
 * for up to twenty seconds at about a thousand SYNs per second. The server answers most with SYN-ACK, which the
 * attackers' kernels reset; the rest find the accept queue full and get no answer.
 */
final class SynFlood extends Activity {
    static final int SYNS_PER_BOT = 20_000;

    private final Endpoint victim;
    private final Endpoint[] bots;
    private final SplittableRandom rng;
    private final long end;
    private final double meanGapMillis;
    private int sent;

    SynFlood(Network net, SplittableRandom rng, long start, long end) {
        super(start);
        this.victim = net.intranet;
        this.rng = rng;
        this.end = end;
        double rate = Draw.uniform(rng, 600, 1500);
        this.meanGapMillis = 1000.0 / rate;
        long expected = (long) (rate * (end - start) / 1e9) + 1;
        int n = (int) Math.max(3, (expected * 5 / 4) / SYNS_PER_BOT + 1);
        bots = new Endpoint[n];
        for (int i = 0; i < n; i++) {
            bots[i] = net.external(TcpStack.LINUX, Draw.uniform(rng, 30, 180));
        }
    }

    @Override
    long fire(TrafficSynthesizer run) {
        Endpoint bot = bots[sent % bots.length];
        sent++;
        TcpScript script = Draw.chance(rng, 0.75) ? TcpScript.probeOpen() : TcpScript.unanswered(0);
        run.start(new TcpFlow(bot, bot.nextEphemeralPort(), victim, 443, script, 1_000_000L, 1_000_000L,
                AttackKind.SYN_FLOOD, rng.split(), time));
        long next = time + Math.max(1_000L, Draw.millis(Draw.exponential(rng, meanGapMillis)));
        return next >= end || sent >= (long) bots.length * SYNS_PER_BOT ? Flow.NEVER : next;
    }
}
