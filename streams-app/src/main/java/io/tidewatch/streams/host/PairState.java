package io.tidewatch.streams.host;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;

/**
 * What is remembered about one (source, destination) host pair: a damped 2-D statistic per half-life of the
 * bytes each side sent per flow, the last flow starts for the beacon score ({@link BeaconStarts}) and the recent
 * TCP flows per service for the repeats count ({@link ServiceRepeats}). Encoded with a leading version byte and
 * the last update time (the quiet-forgetting sweep reads only those); version 1 (no starts, no repeats) still
 * decodes, with both empty, so state written before them survives an upgrade.
 */
public final class PairState {

    private static final byte VERSION = 2;
    private static final byte VERSION_WITHOUT_STARTS = 1;

    private long lastNs = Long.MIN_VALUE;
    private final DampedPairStat[] stats = new DampedPairStat[HostContextFeatures.HALF_LIVES_S.length];
    private final BeaconStarts starts = new BeaconStarts();
    private final ServiceRepeats repeats = new ServiceRepeats();

    public PairState() {
        for (int i = 0; i < stats.length; i++) {
            stats[i] = new DampedPairStat();
        }
    }

    /**
     * Records a flow of the pair: its start, both sides' IP bytes, its IP protocol and responder port. The damped
     * statistics take a start before the last one as the last (time never runs backwards there); the beacon
     * starts take every flow in its place, the repeats only TCP ones.
     */
    public void observe(long tNs, long sourceBytes, long destinationBytes, int protocol, int responderPort) {
        observe(tNs, sourceBytes, destinationBytes);
        starts.observe(tNs, sourceBytes);
        if (protocol == HostContextFeatures.TCP) {
            repeats.observe(tNs, responderPort, destinationBytes);
        }
    }

    /**
     * The damped statistics' part of {@link #observe(long, long, long, int, int)}; alone, it leaves the rings empty,
     * as version 1 stored a pair (tests build such pairs).
     */
    void observe(long tNs, double sourceBytes, double destinationBytes) {
        long t = lastNs == Long.MIN_VALUE ? tNs : Math.max(tNs, lastNs);
        double elapsedS = lastNs == Long.MIN_VALUE ? 0 : (t - lastNs) / 1e9;
        for (int i = 0; i < stats.length; i++) {
            stats[i].decay(elapsedS, HostContextFeatures.HALF_LIVES_S[i]);
            stats[i].insert(sourceBytes, destinationBytes);
        }
        lastNs = t;
    }

    /** {@code pair.beacon} of the last flow observed, a flow of {@code protocol}, with destination {@code rarity}. */
    public double beacon(double rarity, int protocol) {
        return starts.score(rarity, protocol);
    }

    /** {@code pair.service_repeats} of the last flow observed, a flow of {@code protocol} to {@code port}. */
    public double serviceRepeats(int protocol, int port) {
        return repeats.score(protocol, port);
    }

    int beaconStarts() {
        return starts.count();
    }

    int serviceEntries() {
        return repeats.count();
    }

    void values(double[] out, int offset) {
        int i = offset;
        for (DampedPairStat s : stats) {
            out[i++] = s.weight();
            out[i++] = s.meanA();
            out[i++] = Math.sqrt(s.varianceA());
            out[i++] = s.magnitude();
            out[i++] = s.radius();
            out[i++] = s.covariance();
            out[i++] = s.correlation();
        }
    }

    public byte[] encode() {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(256 + starts.encodedSize() + repeats.encodedSize());
            DataOutputStream out = new DataOutputStream(bytes);
            out.writeByte(VERSION);
            out.writeLong(lastNs);
            for (DampedPairStat s : stats) {
                s.write(out);
            }
            // The rings in one buffer: per-value writes through the stream cost most of a flood pair's update.
            ByteBuffer rings = ByteBuffer.allocate(starts.encodedSize() + repeats.encodedSize());
            starts.write(rings);
            repeats.write(rings);
            out.write(rings.array());
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode pair state", e);
        }
    }

    public static PairState decode(byte[] bytes) {
        if (bytes.length < 9) {
            throw new IllegalArgumentException("pair state of " + bytes.length
                    + " bytes: expected at least 9 (version byte and last update time)");
        }
        try {
            DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
            byte v = in.readByte();
            if (v != VERSION && v != VERSION_WITHOUT_STARTS) {
                throw new IllegalArgumentException("pair state version " + v + " (" + bytes.length
                        + " bytes): expected " + VERSION_WITHOUT_STARTS + " or " + VERSION);
            }
            PairState s = new PairState();
            s.lastNs = in.readLong();
            for (DampedPairStat st : s.stats) {
                st.read(in);
            }
            int at = bytes.length - in.available();
            if (v == VERSION) {
                ByteBuffer rings = ByteBuffer.wrap(bytes, at, bytes.length - at);
                s.starts.read(rings);
                s.repeats.read(rings);
                at = rings.position();
            }
            if (at < bytes.length) {
                throw new IllegalArgumentException("pair state version " + v + " of " + bytes.length + " bytes has "
                        + (bytes.length - at) + " bytes after its end: expected none");
            }
            return s;
        } catch (BufferUnderflowException e) {
            throw new IllegalArgumentException("pair state version " + bytes[0] + " of " + bytes.length
                    + " bytes is truncated or corrupt: its rings end early", e);
        } catch (IllegalArgumentException e) {
            if (e.getMessage().startsWith("pair state")) {
                throw e;
            }
            throw new IllegalArgumentException("pair state version " + bytes[0] + " of " + bytes.length
                    + " bytes is corrupt: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new IllegalArgumentException("pair state version " + bytes[0] + " of " + bytes.length
                    + " bytes is truncated or corrupt: " + e.getMessage(), e);
        }
    }
}
