package io.tidewatch.probe.synth;

import java.util.SplittableRandom;

/**
 * The monitoring agent on every workstation: every 60 seconds, to the millisecond, it connects to the monitoring
 * server (port 10051), pushes a few hundred bytes of metrics, reads a short reply and closes. Perfectly periodic
 * and benign, so that periodicity alone does not mark a flow as beaconing.
 */
final class MonitoringAgent extends Activity {
    static final long PERIOD_NANOS = 60_000_000_000L;

    private final Workstation host;
    private final SplittableRandom rng;

    MonitoringAgent(Workstation host, SplittableRandom rng, long start) {
        super(start + Draw.uniformLong(rng, 0, PERIOD_NANOS - 1));
        this.host = host;
        this.rng = rng;
    }

    @Override
    long fire(TrafficSynthesizer run) {
        TcpScript.Builder b = TcpScript.established();
        b.client(Draw.uniformInt(rng, 180, 650), Draw.millis(Draw.uniform(rng, 0.05, 0.3)));
        b.server(Draw.uniformInt(rng, 60, 96), Draw.millis(Draw.uniform(rng, 0.5, 4)));
        TcpScript script = b.close(Draw.millis(Draw.uniform(rng, 0.1, 1)), TcpScript.Close.CLIENT_FIN);
        run.start(new TcpFlow(host.v4, host.v4.nextEphemeralPort(), run.network().monitor, 10051, script,
                100_000_000L, 100_000_000L, null, rng.split(), time));
        // The timer fires on the second; scheduling noise is a few milliseconds at most.
        return time + PERIOD_NANOS + Draw.millis(Draw.uniform(rng, -2, 2));
    }
}
