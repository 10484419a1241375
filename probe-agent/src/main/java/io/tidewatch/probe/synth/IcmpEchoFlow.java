package io.tidewatch.probe.synth;

import java.util.SplittableRandom;

/**
 * The monitoring server pinging a workstation once a period for the whole capture: one ICMP echo flow per
 * target (one identifier, sequence numbers counting up), each request answered after the target's round trip.
 * In the labels it is one flow with type 8 and code 0 in the port columns, as Community ID and Zeek count it.
 */
final class IcmpEchoFlow extends Flow {
    static final int ECHO_REQUEST = 8;
    static final int ECHO_REPLY = 0;
    private static final int PAYLOAD = 56; // iputils ping's default

    private final long periodNanos;
    private final int identifier;
    private int sequence;

    IcmpEchoFlow(Endpoint pinger, Endpoint target, long periodNanos, SplittableRandom rng, long startNanos) {
        super(pinger, target, Packet.ICMP, ECHO_REQUEST, 0, null, rng, startNanos);
        if (pinger.v6 || target.v6) {
            throw new IllegalArgumentException("icmp echo " + pinger + " -> " + target + ": IPv4 only");
        }
        this.periodNanos = periodNanos;
        this.identifier = rng.nextInt(65536);
    }

    @Override
    protected void step() {
        long t = stepTime;
        sequence++;
        emit(t, true, 0, sequence, identifier, 0, PAYLOAD);
        emit(t + server.rttNanos + Draw.millis(Draw.uniform(rng, 0.01, 0.1)), false, 0, sequence, identifier, 0,
                PAYLOAD);
        stepTime = t + periodNanos + Draw.millis(Draw.uniform(rng, -1, 1));
    }

    @Override
    protected void decorate(Packet p, boolean fromClient) {
        p.srcPort = fromClient ? ECHO_REQUEST : ECHO_REPLY;
        p.dstPort = 0;
    }
}
