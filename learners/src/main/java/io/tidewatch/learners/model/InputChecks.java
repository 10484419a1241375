package io.tidewatch.learners.model;

/** Checks of a model's settings and input vectors, so every model names a bad value the same way. */
public final class InputChecks {

    private InputChecks() {
    }

    /** {@code x} must be a vector of {@code numFeatures} values; {@code who} is the model kind. */
    public static void requireVector(String who, double[] x, int numFeatures) {
        if (x == null) {
            throw new IllegalArgumentException(who + ": expected a vector of " + numFeatures + " features, got null");
        }
        if (x.length != numFeatures) {
            throw new IllegalArgumentException(who + ": expected a vector of " + numFeatures + " features, got "
                    + x.length);
        }
    }

    /** Returns {@code value}, a setting named {@code name} of model {@code who}, when it is positive. */
    public static int requirePositive(String who, String name, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(who + ": " + name + "=" + value + ", expected > 0");
        }
        return value;
    }
}
