package io.tidewatch.streams.host;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * What is remembered about one (source, destination) host pair: a damped 2-D statistic per half-life of the
 * bytes each side sent per flow. Encoded with a leading version byte.
 */
public final class PairState {

    private static final byte VERSION = 1;

    private long lastNs = Long.MIN_VALUE;
    private final DampedPairStat[] stats = new DampedPairStat[HostContextFeatures.HALF_LIVES_S.length];

    public PairState() {
        for (int i = 0; i < stats.length; i++) {
            stats[i] = new DampedPairStat();
        }
    }

    public void observe(long tNs, double sourceBytes, double destinationBytes) {
        long t = lastNs == Long.MIN_VALUE ? tNs : Math.max(tNs, lastNs);
        double elapsedS = lastNs == Long.MIN_VALUE ? 0 : (t - lastNs) / 1e9;
        for (int i = 0; i < stats.length; i++) {
            stats[i].decay(elapsedS, HostContextFeatures.HALF_LIVES_S[i]);
            stats[i].insert(sourceBytes, destinationBytes);
        }
        lastNs = t;
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
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
            DataOutputStream out = new DataOutputStream(bytes);
            out.writeByte(VERSION);
            out.writeLong(lastNs);
            for (DampedPairStat s : stats) {
                s.write(out);
            }
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode pair state", e);
        }
    }

    public static PairState decode(byte[] bytes) {
        try {
            DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
            byte v = in.readByte();
            if (v != VERSION) {
                throw new IllegalArgumentException("pair state version " + v + ": expected " + VERSION);
            }
            PairState s = new PairState();
            s.lastNs = in.readLong();
            for (DampedPairStat st : s.stats) {
                st.read(in);
            }
            return s;
        } catch (IOException e) {
            throw new IllegalArgumentException("pair state of " + bytes.length + " bytes is truncated or corrupt", e);
        }
    }
}
