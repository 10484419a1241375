package io.tidewatch.learners.model;

/** The heap an array takes (header plus elements), for {@link Learner#memoryBytes}; an absent array takes none. */
public final class HeapBytes {

    private static final long ARRAY_HEADER = 16;

    private HeapBytes() {
    }

    public static long of(double[] a) {
        return a == null ? 0 : ARRAY_HEADER + 8L * a.length;
    }

    public static long of(int[] a) {
        return a == null ? 0 : ARRAY_HEADER + 4L * a.length;
    }
}
