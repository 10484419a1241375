package io.tidewatch.probe.synth;

import java.util.SplittableRandom;

/**
 * An implant on a compromised workstation calls home over HTTPS-like connections: one short connection per beacon
 * at a fixed interval with +/-20% jitter, a fixed-size ClientHello (one implant, one fingerprint), a short
 * self-signed chain, a small check-in and an empty reply, or now and then a task and its uploaded result.
 */
final class C2Beacon extends Activity {
    private final Workstation host;
    private final Site server;
    private final SplittableRandom rng;
    private final long intervalNanos;
    private final int clientHello;
    private final int serverFlight;

    C2Beacon(Network net, Workstation host, SplittableRandom rng, long start) {
        super(start);
        this.host = host;
        this.rng = rng;
        Endpoint c2 = net.external(TcpStack.LINUX, Draw.uniform(rng, 40, 160));
        this.server = new Site("cdn-update" + rng.nextInt(1000) + ".example", c2, null, Draw.seconds(300),
                net.nameServers[rng.nextInt(net.nameServers.length)], 1.0);
        this.intervalNanos = Draw.seconds(new int[] {30, 45, 60}[rng.nextInt(3)]);
        this.clientHello = Draw.uniformInt(rng, 200, 260);
        this.serverFlight = Draw.uniformInt(rng, 1300, 1700);
    }

    @Override
    long fire(TrafficSynthesizer run) {
        long ready = run.resolver().lookup(run, host, server, time, rng);
        TcpScript.Builder b = TcpScript.established();
        b.client(clientHello, Draw.millis(Draw.uniform(rng, 0.05, 0.3)));
        b.server(serverFlight, Draw.millis(Draw.uniform(rng, 1, 6)));
        b.client(Draw.uniformInt(rng, 120, 132), Draw.millis(Draw.uniform(rng, 0.5, 2)));
        b.client(Draw.uniformInt(rng, 290, 420), Draw.millis(Draw.uniform(rng, 0.1, 1)));
        if (Draw.chance(rng, 0.1)) {
            b.server((int) Draw.lognormalClamped(rng, 6000, 1.2, 400, 80_000), Draw.millis(Draw.uniform(rng, 5, 60)));
            b.client((int) Draw.lognormalClamped(rng, 4000, 1.5, 200, 200_000),
                    Draw.millis(Draw.lognormal(rng, 1500, 1.0)));
            b.server(Draw.uniformInt(rng, 180, 240), Draw.millis(Draw.uniform(rng, 5, 40)));
        } else {
            b.server(Draw.uniformInt(rng, 180, 260), Draw.millis(Draw.uniform(rng, 5, 60)));
        }
        TcpScript script = b.close(Draw.millis(Draw.uniform(rng, 20, 300)), TcpScript.Close.CLIENT_FIN);
        run.start(new TcpFlow(host.v4, host.v4.nextEphemeralPort(), server.v4, 443, script, 20_000_000L,
                20_000_000L, AttackKind.C2_BEACON, rng.split(), ready + Draw.millis(Draw.uniform(rng, 0.1, 1))));
        double jitter = Draw.uniform(rng, -0.2, 0.2);
        return time + Math.round(intervalNanos * (1 + jitter));
    }
}
