package io.tidewatch.probe.synth;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * An HTTP/3 connection over QUIC (UDP 443) as datagram sizes and times: the padded client Initial, the server's
 * Initial and Handshake flight, the client's Handshake and requests, responses cut into ~1250-byte datagrams paced
 * at the server's rate, ACK-only datagrams from the client every second packet, and either a CONNECTION_CLOSE or
 * silence until the idle timeout.
 */
final class QuicShape {
    private static final int MAX_DATAGRAM = 1252;

    private boolean[] fromClient = new boolean[64];
    private int[] sizes = new int[64];
    private long[] times = new long[64];
    private int count;

    private void add(boolean client, int size, long t) {
        if (count == sizes.length) {
            fromClient = Arrays.copyOf(fromClient, count * 2);
            sizes = Arrays.copyOf(sizes, count * 2);
            times = Arrays.copyOf(times, count * 2);
        }
        fromClient[count] = client;
        sizes[count] = size;
        times[count] = t;
        count++;
    }

    /** Builds one connection of {@code requests} request/response pairs starting at {@code t}. */
    static UdpFlow connection(Endpoint client, Endpoint server, long t, int requests, double weight, long rateBps,
            SplittableRandom r) {
        QuicShape q = new QuicShape();
        long rtt = client.rttNanos + server.rttNanos;
        q.add(true, Draw.chance(r, 0.5) ? 1250 : 1357, t);
        long s = t + server.rttNanos + Draw.millis(Draw.uniform(r, 0.2, 2));
        int flight = Draw.uniformInt(r, 2, 4);
        for (int i = 0; i < flight; i++) {
            q.add(false, i < flight - 1 ? MAX_DATAGRAM : Draw.uniformInt(r, 300, MAX_DATAGRAM), s + i * 20_000L);
        }
        long c = s + (flight - 1) * 20_000L + client.rttNanos;
        q.add(true, Draw.uniformInt(r, 80, 130), c);
        long last = c;
        for (int k = 0; k < requests; k++) {
            long req = last + (k == 0 ? 50_000L : Draw.millis(Draw.lognormal(r, 15, 1.2)));
            q.add(true, Draw.uniformInt(r, 60, 400), req);
            long bytes = Draw.lognormalClamped(r, 3500 * weight, 1.7, 60, 6_000_000L);
            long at = req + server.rttNanos + Draw.millis(Draw.lognormal(r, 20, 0.9));
            long gap = (MAX_DATAGRAM + 42L) * 8 * 1_000_000_000L / rateBps;
            int sinceAck = 0;
            while (bytes > 0) {
                int size = (int) Math.min(MAX_DATAGRAM, bytes + 30);
                bytes -= size - 30;
                q.add(false, size, at);
                if (++sinceAck == 2 || bytes <= 0) {
                    q.add(true, Draw.uniformInt(r, 35, 50), at + client.rttNanos
                            + (sinceAck == 2 ? 0 : Draw.millis(Draw.uniform(r, 1, 25))));
                    sinceAck = 0;
                }
                at += gap;
            }
            last = at;
        }
        long idle = Draw.seconds(Draw.lognormalClamped(r, 20, 0.6, 2, 30));
        if (Draw.chance(r, 0.5)) {
            q.add(true, Draw.uniformInt(r, 30, 45), last + idle); // CONNECTION_CLOSE
        }
        return q.toFlow(client, server, rtt, r);
    }

    private UdpFlow toFlow(Endpoint client, Endpoint server, long rtt, SplittableRandom r) {
        Integer[] order = new Integer[count];
        for (int i = 0; i < count; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Long.compare(times[a], times[b])); // stable: ties keep their order
        boolean[] dirs = new boolean[count];
        int[] sz = new int[count];
        long[] ts = new long[count];
        for (int i = 0; i < count; i++) {
            dirs[i] = fromClient[order[i]];
            sz[i] = sizes[order[i]];
            ts[i] = times[order[i]];
        }
        return UdpFlow.of(client, client.nextEphemeralPort(), server, 443, dirs, sz, ts, null, r.split());
    }
}
