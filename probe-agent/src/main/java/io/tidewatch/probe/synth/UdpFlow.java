package io.tidewatch.probe.synth;

import java.util.SplittableRandom;

/**
 * A UDP conversation of a few datagrams known up front (a DNS query and its answer, an NTP exchange): each with
 * its direction, payload size and time. All are queued at the first step.
 */
final class UdpFlow extends Flow {
    private final boolean[] fromClient;
    private final int[] sizes;
    private final long[] times;
    private final int count;

    private UdpFlow(Endpoint client, int clientPort, Endpoint server, int serverPort, boolean[] fromClient,
            int[] sizes, long[] times, int count, AttackKind attack, SplittableRandom rng) {
        super(client, server, Packet.UDP, clientPort, serverPort, attack, rng, times[0]);
        this.fromClient = fromClient;
        this.sizes = sizes;
        this.times = times;
        this.count = count;
    }

    /** A request at {@code t} answered by the server after its round-trip time plus {@code serviceNanos}. */
    static UdpFlow exchange(Endpoint client, int clientPort, Endpoint server, int serverPort, int requestBytes,
            int responseBytes, long t, long serviceNanos, AttackKind attack, SplittableRandom rng) {
        long answer = t + server.rttNanos + serviceNanos;
        return new UdpFlow(client, clientPort, server, serverPort, new boolean[] {true, false},
                new int[] {requestBytes, responseBytes}, new long[] {t, answer}, 2, attack, rng);
    }

    /** Datagrams given one by one; times must not decrease. */
    static UdpFlow of(Endpoint client, int clientPort, Endpoint server, int serverPort, boolean[] fromClient,
            int[] sizes, long[] times, AttackKind attack, SplittableRandom rng) {
        for (int i = 1; i < times.length; i++) {
            if (times[i] < times[i - 1]) {
                throw new IllegalArgumentException("udp datagram times go back at " + i + ": " + times[i] + " < "
                        + times[i - 1]);
            }
        }
        return new UdpFlow(client, clientPort, server, serverPort, fromClient, sizes, times, times.length, attack,
                rng);
    }

    /** A request at {@code t} that gets no answer. */
    static UdpFlow unanswered(Endpoint client, int clientPort, Endpoint server, int serverPort, int requestBytes,
            long t, AttackKind attack, SplittableRandom rng) {
        return new UdpFlow(client, clientPort, server, serverPort, new boolean[] {true}, new int[] {requestBytes},
                new long[] {t}, 1, attack, rng);
    }

    /** Time the last datagram is seen. */
    long endNanos() {
        return times[count - 1];
    }

    @Override
    protected void step() {
        for (int i = 0; i < count; i++) {
            emit(times[i], fromClient[i], 0, 0, 0, 0, sizes[i]);
        }
        stepTime = NEVER;
    }
}
