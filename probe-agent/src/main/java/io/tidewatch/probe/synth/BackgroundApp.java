package io.tidewatch.probe.synth;

import java.util.SplittableRandom;

/**
 * An app running in the background on a workstation (mail, chat, file sync, telemetry, push): it checks in with
 * its service on its own timer, 30 seconds to 15 minutes, usually with little jitter, over a short TLS
 * connection that sometimes carries a real payload. Periodic, external and benign: the look-alike that makes
 * beacon detection honest.
 */
final class BackgroundApp extends Activity {
    private final Workstation host;
    private final Site service;
    private final SplittableRandom rng;
    private final long periodNanos;
    private final double jitter;
    private final boolean keepsAlive;

    BackgroundApp(Workstation host, Site service, SplittableRandom rng, long start) {
        super(start);
        this.host = host;
        this.service = service;
        this.rng = rng;
        this.periodNanos = Draw.seconds(new int[] {30, 60, 120, 300, 300, 600, 900}[rng.nextInt(7)]);
        this.jitter = Draw.chance(rng, 0.6) ? 0.01 : Draw.uniform(rng, 0.05, 0.3);
        this.keepsAlive = Draw.chance(rng, 0.3);
        this.time = start + Draw.uniformLong(rng, 0, periodNanos);
    }

    @Override
    long fire(TrafficSynthesizer run) {
        long ready = run.resolver().lookup(run, host, service, time, rng);
        boolean v6 = host.v6 != null && service.v6 != null;
        Endpoint client = v6 ? host.v6 : host.v4;
        TcpScript.Builder b = TcpScript.established();
        Handshakes.tls(b, rng, Draw.uniformInt(rng, 512, 620), Handshakes.serverFlight(rng));
        int exchanges = keepsAlive ? Draw.uniformInt(rng, 2, 6) : 1;
        for (int i = 0; i < exchanges; i++) {
            long think = i == 0 ? Draw.millis(Draw.uniform(rng, 0.1, 1)) : Draw.seconds(Draw.uniform(rng, 5, 25));
            b.client(Draw.uniformInt(rng, 150, 900), think);
            int reply = Draw.chance(rng, 0.15) ? (int) Draw.lognormalClamped(rng, 20_000, 1.3, 500, 3_000_000L)
                    : Draw.uniformInt(rng, 80, 600);
            b.server(reply, Draw.millis(Draw.lognormal(rng, 40, 0.7)));
        }
        TcpScript.Close close = Draw.chance(rng, 0.5) ? TcpScript.Close.CLIENT_FIN : TcpScript.Close.SERVER_FIN;
        TcpScript script = b.close(Draw.seconds(Draw.uniform(rng, 0.05, keepsAlive ? 30 : 5)), close);
        run.start(new TcpFlow(client, client.nextEphemeralPort(), v6 ? service.v6 : service.v4, 443, script,
                20_000_000L, Draw.lognormalClamped(rng, 30e6, 0.6, 2_000_000L, 300_000_000L), null, rng.split(),
                ready + Draw.millis(Draw.uniform(rng, 0.1, 1))));
        return time + Math.round(periodNanos * (1 + Draw.uniform(rng, -jitter, jitter)));
    }
}
