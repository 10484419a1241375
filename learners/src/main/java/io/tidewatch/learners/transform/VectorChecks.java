package io.tidewatch.learners.transform;

/** Input checks shared by the transformers, so every one names the bad value the same way. */
final class VectorChecks {

    private VectorChecks() {
    }

    static void requireLength(String who, double[] x, int expected) {
        if (x == null) {
            throw new IllegalArgumentException(who + ": expected a vector of " + expected + " features, got null");
        }
        if (x.length != expected) {
            throw new IllegalArgumentException(who + ": expected a vector of " + expected + " features, got "
                    + x.length);
        }
    }

    static int requirePositive(String who, String name, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(who + ": " + name + "=" + value + ", expected > 0");
        }
        return value;
    }

    static long arrayBytes(int length, int elementBytes) {
        return 16L + (long) length * elementBytes;
    }
}
