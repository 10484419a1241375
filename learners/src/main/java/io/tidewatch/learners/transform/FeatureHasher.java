package io.tidewatch.learners.transform;

import io.tidewatch.learners.codec.ModelCodec;
import io.tidewatch.learners.model.InputChecks;
import io.tidewatch.learners.model.Transformer;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The hashing trick for categorical values: each (column, value) pair adds {@code +1} or {@code -1} to one of
 * {@code buckets} outputs, bucket and sign both from MurmurHash3 (x86, 32-bit) of the column index and the value's
 * UTF-8 bytes. The sign makes collisions cancel in expectation instead of piling up. The hash is fixed by this
 * class (not {@link String#hashCode}), so hashed features are stable across JVMs and releases.
 *
 * <p>Readers call {@link #transform(String[])} on categorical columns; {@link #transform(double[])} treats each
 * number as a category code (e.g. a protocol number).
 */
public final class FeatureHasher implements Transformer {

    public static final String KIND = "feature-hasher";
    private static final int VERSION = 1;

    private final int buckets;
    private final int seed;
    private long count;

    public FeatureHasher(int buckets, int seed) {
        this.buckets = InputChecks.requirePositive(KIND, "buckets", buckets);
        this.seed = seed;
    }

    public int buckets() {
        return buckets;
    }

    /** Hashes categorical values; a {@code null} value (missing) contributes nothing. */
    public double[] transform(String[] values) {
        if (values == null) {
            throw new IllegalArgumentException(KIND + ": expected categorical values, got null");
        }
        double[] out = new double[buckets];
        for (int col = 0; col < values.length; col++) {
            if (values[col] != null) {
                add(out, col, values[col].getBytes(StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    /** Hashes numbers as category codes (their exact double bits); NaN (missing) contributes nothing. */
    @Override
    public double[] transform(double[] x) {
        if (x == null) {
            throw new IllegalArgumentException(KIND + ": expected category codes, got null");
        }
        double[] out = new double[buckets];
        byte[] bytes = new byte[8];
        for (int col = 0; col < x.length; col++) {
            if (Double.isNaN(x[col])) {
                continue;
            }
            long bits = Double.doubleToLongBits(x[col] == 0.0 ? 0.0 : x[col]);
            for (int b = 0; b < 8; b++) {
                bytes[b] = (byte) (bits >>> (8 * b));
            }
            add(out, col, bytes);
        }
        return out;
    }

    private void add(double[] out, int col, byte[] value) {
        int h = murmur3(value, seed ^ (col * 0x9E3779B9));
        int bucket = Math.floorMod(h, buckets);
        // The top bit is independent enough of the low bits used by floorMod for small bucket counts.
        out[bucket] += (h & 0x80000000) == 0 ? 1.0 : -1.0;
    }

    /** MurmurHash3 x86 32-bit. */
    static int murmur3(byte[] data, int seed) {
        int h = seed;
        int n = data.length;
        int i = 0;
        while (i + 4 <= n) {
            int k = (data[i] & 0xff) | (data[i + 1] & 0xff) << 8 | (data[i + 2] & 0xff) << 16 | (data[i + 3] & 0xff) << 24;
            h ^= mixK(k);
            h = Integer.rotateLeft(h, 13) * 5 + 0xe6546b64;
            i += 4;
        }
        int tail = n - i;
        if (tail > 0) {
            int k = 0;
            for (int b = tail - 1; b >= 0; b--) {
                k = k << 8 | (data[i + b] & 0xff);
            }
            h ^= mixK(k);
        }
        h ^= n;
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        h *= 0xc2b2ae35;
        h ^= h >>> 16;
        return h;
    }

    private static int mixK(int k) {
        k *= 0xcc9e2d51;
        k = Integer.rotateLeft(k, 15);
        return k * 0x1b873593;
    }

    /** Nothing to learn: hashing is fixed. Counts the record so the pipeline's bookkeeping stays uniform. */
    @Override
    public void learn(double[] x) {
        if (x == null) {
            throw new IllegalArgumentException(KIND + ": expected category codes, got null");
        }
        count++;
    }

    @Override
    public long memoryBytes() {
        return 32;
    }

    @Override
    public long examplesSeen() {
        return count;
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public int codecVersion() {
        return VERSION;
    }

    @Override
    public void encodeBody(DataOutput out) throws IOException {
        out.writeInt(buckets);
        out.writeInt(seed);
        out.writeLong(count);
    }

    public static FeatureHasher decode(int version, DataInput in) throws IOException {
        ModelCodec.requireVersion(KIND, version, VERSION);
        FeatureHasher h = new FeatureHasher(in.readInt(), in.readInt());
        h.count = in.readLong();
        return h;
    }
}
