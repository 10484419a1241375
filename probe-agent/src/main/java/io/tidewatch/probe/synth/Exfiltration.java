package io.tidewatch.probe.synth;

import java.util.SplittableRandom;

/**
 * A compromised workstation uploads a large archive to an Internet host nobody else talks to, over a few
 * HTTPS-like connections at a throttled 8-30 Mbit/s, pausing between chunks.
 */
final class Exfiltration extends Activity {
    private final Workstation host;
    private final Site drop;
    private final SplittableRandom rng;
    private final long rateBps;
    private long bytesLeft;

    Exfiltration(Network net, Workstation host, SplittableRandom rng, long start, long totalBytes) {
        super(start);
        this.host = host;
        this.rng = rng;
        Endpoint e = net.external(TcpStack.LINUX, Draw.uniform(rng, 60, 180));
        this.drop = new Site("files" + rng.nextInt(1000) + ".example", e, null, Draw.seconds(600),
                net.nameServers[rng.nextInt(net.nameServers.length)], 1.0);
        this.rateBps = Draw.uniformLong(rng, 8_000_000L, 30_000_000L);
        this.bytesLeft = totalBytes;
    }

    @Override
    long fire(TrafficSynthesizer run) {
        long chunk = Math.min(bytesLeft, Draw.uniformLong(rng, 30_000_000L, 120_000_000L));
        bytesLeft -= chunk;
        long ready = run.resolver().lookup(run, host, drop, time, rng);
        TcpScript.Builder b = TcpScript.established();
        Handshakes.tls(b, rng, Draw.uniformInt(rng, 512, 600), Draw.uniformInt(rng, 2500, 4000));
        b.client(Draw.uniformInt(rng, 300, 500), Draw.millis(0.3));
        b.client((int) chunk, Draw.millis(Draw.uniform(rng, 0.2, 2)));
        b.server(Draw.uniformInt(rng, 150, 300), Draw.millis(Draw.uniform(rng, 20, 200)));
        TcpScript script = b.close(Draw.millis(Draw.uniform(rng, 10, 500)), TcpScript.Close.CLIENT_FIN);
        run.start(new TcpFlow(host.v4, host.v4.nextEphemeralPort(), drop.v4, 443, script, rateBps, 50_000_000L,
                AttackKind.EXFILTRATION, rng.split(), ready + Draw.millis(0.3)));
        if (bytesLeft <= 0) {
            return Flow.NEVER;
        }
        long transfer = chunk * 8 * 1_000_000_000L / rateBps;
        return time + transfer + Draw.seconds(Draw.uniform(rng, 5, 40));
    }
}
