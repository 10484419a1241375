package io.tidewatch.learners.evaluation;

/** The mean of a stream of values over a {@link Window}. */
public final class RunningMean {

    private final Window window;
    private final double[] ring;
    private double sum;
    private double weight;
    private long seen;

    public RunningMean(Window window) {
        this.window = java.util.Objects.requireNonNull(window, "window");
        this.ring = window.kind == Window.Kind.SLIDING ? new double[window.size] : null;
    }

    public void add(double value) {
        if (Double.isNaN(value)) {
            throw new IllegalArgumentException("value NaN: expected a number");
        }
        switch (window.kind) {
            case SLIDING:
                int slot = (int) (seen % window.size);
                if (seen >= window.size) {
                    sum -= ring[slot];
                } else {
                    weight++;
                }
                ring[slot] = value;
                sum += value;
                if (slot == window.size - 1) {
                    // Re-sum once per lap so rounding from add-then-subtract cannot accumulate.
                    sum = 0;
                    for (double v : ring) {
                        sum += v;
                    }
                }
                break;
            case FADING:
                sum = window.alpha * sum + value;
                weight = window.alpha * weight + 1;
                break;
            default:
                sum += value;
                weight++;
        }
        seen++;
    }

    /** The mean over the window; 0 before any value. */
    public double mean() {
        return weight > 0 ? sum / weight : 0;
    }

    public long seen() {
        return seen;
    }
}
