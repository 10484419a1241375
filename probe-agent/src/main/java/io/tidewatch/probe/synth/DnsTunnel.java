package io.tidewatch.probe.synth;

import java.util.SplittableRandom;

/**
 * A compromised workstation tunnels data through DNS (dnscat2/iodine-style): TXT queries with long, encoded,
 * never-repeating names under one domain, each from a fresh source port through the local resolver, which must
 * forward every one to the tunnel domain's server. It polls about once a second when idle and bursts when it
 * has data to move.
 */
final class DnsTunnel extends Activity {
    private final Workstation host;
    private final Site domain;
    private final SplittableRandom rng;
    private final long end;
    private boolean burst;
    private long stateEnd;

    DnsTunnel(Network net, Workstation host, SplittableRandom rng, long start, long end) {
        super(start);
        this.host = host;
        this.rng = rng;
        this.end = end;
        Endpoint ns = net.external(TcpStack.LINUX, Draw.uniform(rng, 50, 150));
        this.domain = new Site("t" + rng.nextInt(100) + ".example", ns, null, 0, ns, 1.0);
        this.stateEnd = start;
    }

    @Override
    long fire(TrafficSynthesizer run) {
        if (time >= stateEnd) {
            burst = !burst;
            stateEnd = time + Draw.seconds(burst ? Draw.uniform(rng, 3, 25) : Draw.uniform(rng, 5, 40));
        }
        // Names of 3-4 labels of up to 63 encoded characters plus the domain.
        int nameLength = Draw.uniformInt(rng, 120, 230) + domain.name.length();
        int txt = Draw.uniformInt(rng, 100, 240);
        SplittableRandom q = rng.split();
        run.resolver().tunnelQuery(run, host.v4, domain, nameLength, txt, time, q);
        long next = time + Draw.millis(Draw.exponential(rng, burst ? 70 : 900));
        return next >= end ? Flow.NEVER : next;
    }
}
