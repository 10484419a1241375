package io.tidewatch.streams.host;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * What is remembered about one source host (flow originator): damped statistics of the flows it starts (size =
 * originator IP bytes, jitter = seconds since its previous flow) at every half-life, its distinct destination
 * hosts and ports over recent windows, and (from version 2) its damped count of empty TCP connections. Encoded with
 * a leading version byte; version-1 bytes still decode, with no empty connections.
 */
public final class SourceHostState {

    private static final byte VERSION = 2;
    private static final byte VERSION_1 = 1;

    private long lastNs = Long.MIN_VALUE;
    private final DampedStat[] size = new DampedStat[HostContextFeatures.HALF_LIVES_S.length];
    private final DampedStat[] jitter = new DampedStat[HostContextFeatures.HALF_LIVES_S.length];
    private final DistinctWindow[] hosts = new DistinctWindow[HostContextFeatures.DISTINCT_WINDOWS_MS.length];
    private final DistinctWindow[] ports = new DistinctWindow[HostContextFeatures.DISTINCT_WINDOWS_MS.length];
    /** Damped count at {@link HostContextFeatures#EMPTY_TCP_HALF_LIFE_S} of empty TCP connections, as of lastNs. */
    private double emptyTcp;

    public SourceHostState() {
        for (int i = 0; i < size.length; i++) {
            size[i] = new DampedStat();
            jitter[i] = new DampedStat();
        }
        for (int i = 0; i < hosts.length; i++) {
            hosts[i] = new DistinctWindow(HostContextFeatures.DISTINCT_WINDOWS_MS[i]);
            ports[i] = new DistinctWindow(HostContextFeatures.DISTINCT_WINDOWS_MS[i]);
        }
    }

    /**
     * Records a flow the host started at {@code tNs}, {@code empty} when it was a TCP connection that carried no
     * payload either way. Time never runs backwards here: a flow that started before the last one seen (flows
     * close out of order) is taken as starting at the last time, without decay.
     */
    public void observe(long tNs, double originatorBytes, byte[] destinationIp, int destinationPort, boolean empty) {
        long t = lastNs == Long.MIN_VALUE ? tNs : Math.max(tNs, lastNs);
        double elapsedS = lastNs == Long.MIN_VALUE ? 0 : (t - lastNs) / 1e9;
        for (int i = 0; i < size.length; i++) {
            double hl = HostContextFeatures.HALF_LIVES_S[i];
            size[i].decay(elapsedS, hl);
            jitter[i].decay(elapsedS, hl);
            size[i].insert(originatorBytes);
            if (lastNs != Long.MIN_VALUE) {
                jitter[i].insert(elapsedS);
            }
        }
        emptyTcp = emptyTcp * Math.pow(2, -elapsedS / HostContextFeatures.EMPTY_TCP_HALF_LIFE_S) + (empty ? 1 : 0);
        long tMs = Math.floorDiv(t, 1_000_000L);
        for (int i = 0; i < hosts.length; i++) {
            hosts[i].update(tMs, destinationIp);
            ports[i].update(tMs, destinationPort);
        }
        lastNs = t;
    }

    /**
     * The damped count of the empty TCP connections this host started, as of its latest flow: threshold random
     * walk scan detection's failed connections, which a scan or a flood makes by the dozen a second and a client
     * that talks to its servers hardly ever.
     */
    public double emptyTcp() {
        return emptyTcp;
    }

    /** Writes the host features (host.* then distinct counts) into {@code out} at the positions the names give. */
    void values(double[] out, int hostOffset, int distinctOffset) {
        int i = hostOffset;
        for (int r = 0; r < size.length; r++) {
            out[i++] = size[r].weight();
            out[i++] = size[r].mean();
            out[i++] = size[r].std();
            out[i++] = jitter[r].mean();
            out[i++] = jitter[r].std();
        }
        long tMs = Math.floorDiv(lastNs, 1_000_000L);
        int j = distinctOffset;
        for (DistinctWindow h : hosts) {
            out[j++] = h.estimate(tMs);
        }
        for (DistinctWindow p : ports) {
            out[j++] = p.estimate(tMs);
        }
    }

    public byte[] encode() {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(512);
            DataOutputStream out = new DataOutputStream(bytes);
            out.writeByte(VERSION);
            out.writeLong(lastNs);
            for (int i = 0; i < size.length; i++) {
                size[i].write(out);
                jitter[i].write(out);
            }
            for (int i = 0; i < hosts.length; i++) {
                hosts[i].write(out);
                ports[i].write(out);
            }
            out.writeDouble(emptyTcp);
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode source host state", e);
        }
    }

    public static SourceHostState decode(byte[] bytes) {
        try {
            DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
            byte v = in.readByte();
            if (v != VERSION && v != VERSION_1) {
                throw new IllegalArgumentException("source host state version " + v + ": expected " + VERSION_1
                        + " or " + VERSION);
            }
            SourceHostState s = new SourceHostState();
            s.lastNs = in.readLong();
            for (int i = 0; i < s.size.length; i++) {
                s.size[i].read(in);
                s.jitter[i].read(in);
            }
            for (int i = 0; i < s.hosts.length; i++) {
                s.hosts[i].read(in);
                s.ports[i].read(in);
            }
            if (v >= VERSION) {
                s.emptyTcp = in.readDouble();
            }
            return s;
        } catch (IOException e) {
            throw new IllegalArgumentException("source host state of " + bytes.length + " bytes is truncated or corrupt", e);
        }
    }
}
