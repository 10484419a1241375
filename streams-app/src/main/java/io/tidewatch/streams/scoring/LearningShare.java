package io.tidewatch.streams.scoring;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Fair-share learning: how much each source host may teach the model. Every source has a token bucket in event
 * time ({@code rate} flows per second, at most {@code burst} saved up); a source seen for the first time has one
 * token, so a newcomer earns its share by time and a flood from new sources cannot teach its first bursts. A flow
 * is learned only when its source has a token. An ordinary host teaches a steady sample of its flows; a scanner or
 * flooder starting hundreds of flows a second teaches {@code rate} of them per second and stays a minority of what
 * the model calls normal, however much of the traffic it is. "Normal" is thus the normal of the host population,
 * not of the flow population.
 *
 * <p>Bounded: at most {@code maxSources} buckets, the least recently active dropped first. A dropped source comes
 * back as a newcomer.
 */
final class LearningShare {

    private final double rate;
    private final double burst;
    private final int maxSources;
    private final LinkedHashMap<String, Bucket> buckets;

    LearningShare(double rate, double burst, int maxSources) {
        this.rate = rate;
        this.burst = burst;
        this.maxSources = maxSources;
        this.buckets = new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Bucket> eldest) {
                return size() > LearningShare.this.maxSources;
            }
        };
    }

    /** The share {@code config} sets: its rate, burst and number of sources. */
    static LearningShare of(ScoringConfig config) {
        return new LearningShare(config.shareRate(), config.shareBurst(), config.shareSources());
    }

    /**
     * Whether {@code source} may teach a flow at event time {@code timeNs}; takes its token if so. Time never runs
     * backwards for a bucket: a flow older than the source's last one refills nothing.
     */
    boolean take(String source, long timeNs) {
        Bucket b = buckets.get(source);
        if (b == null) {
            b = new Bucket(1, timeNs);
            buckets.put(source, b);
        } else if (timeNs > b.lastNs) {
            b.tokens = Math.min(burst, b.tokens + (timeNs - b.lastNs) / 1e9 * rate);
            b.lastNs = timeNs;
        }
        if (b.tokens >= 1) {
            b.tokens -= 1;
            return true;
        }
        return false;
    }

    int sources() {
        return buckets.size();
    }

    void write(DataOutputStream out) throws IOException {
        out.writeInt(buckets.size());
        // Least recently active first, so that reading them back in order restores the eviction order.
        for (Map.Entry<String, Bucket> e : buckets.entrySet()) {
            out.writeUTF(e.getKey());
            out.writeDouble(e.getValue().tokens);
            out.writeLong(e.getValue().lastNs);
        }
    }

    void read(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > 10_000_000) {
            throw new IllegalArgumentException("stored scoring model: " + n + " learning-share sources is corrupt");
        }
        for (int i = 0; i < n; i++) {
            String source = in.readUTF();
            double tokens = in.readDouble();
            long last = in.readLong();
            buckets.put(source, new Bucket(Math.max(0, Math.min(burst, tokens)), last));
        }
    }

    private static final class Bucket {
        double tokens;
        long lastNs;

        Bucket(double tokens, long lastNs) {
            this.tokens = tokens;
            this.lastNs = lastNs;
        }
    }
}
