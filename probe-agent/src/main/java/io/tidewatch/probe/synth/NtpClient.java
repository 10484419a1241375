package io.tidewatch.probe.synth;

import java.util.SplittableRandom;

/**
 * The host's time service: one 48-byte NTP request and answer per poll interval to its configured server. Windows
 * talks from port 123 (so its exchanges share one 5-tuple); chrony and timesyncd use a fresh ephemeral port.
 */
final class NtpClient extends Activity {
    private final Workstation host;
    private final SplittableRandom rng;
    private final Endpoint server;

    NtpClient(Workstation host, Endpoint server, SplittableRandom rng, long start) {
        super(start + Draw.uniformLong(rng, 0, host.ntpPollNanos));
        this.host = host;
        this.server = server;
        this.rng = rng;
    }

    @Override
    long fire(TrafficSynthesizer run) {
        int port = host.ntpFromPort123 ? 123 : host.v4.nextEphemeralPort();
        run.start(UdpFlow.exchange(host.v4, port, server, 123, 48, 48, time, Draw.millis(Draw.uniform(rng, 0.01,
                0.2)), null, rng.split()));
        return time + host.ntpPollNanos + Draw.millis(Draw.uniform(rng, -50, 50));
    }
}
