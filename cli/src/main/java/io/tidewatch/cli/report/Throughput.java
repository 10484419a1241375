package io.tidewatch.cli.report;

import java.util.List;
import java.util.Objects;

/**
 * How much went through the pipeline and how fast.
 *
 * @param packets        packets read from the capture
 * @param flows          flows scored
 * @param elapsedSeconds wall-clock seconds from the first packet sent to the last flow scored, &gt; 0
 * @param figures        further named figures (e.g. "probe batches/s"), in the order to show them
 */
public record Throughput(long packets, long flows, double elapsedSeconds, List<Figure> figures) {

    public Throughput {
        if (packets < 0) {
            throw new IllegalArgumentException("packets " + packets + ": expected >= 0");
        }
        if (flows < 0) {
            throw new IllegalArgumentException("flows " + flows + ": expected >= 0");
        }
        if (!(elapsedSeconds > 0) || Double.isInfinite(elapsedSeconds)) {
            throw new IllegalArgumentException("elapsed seconds " + elapsedSeconds + ": expected a finite number > 0");
        }
        figures = List.copyOf(figures);
    }

    public double packetsPerSecond() {
        return packets / elapsedSeconds;
    }

    public double flowsPerSecond() {
        return flows / elapsedSeconds;
    }

    /**
     * A free-form figure.
     *
     * @param name  what it measures, e.g. "scoring latency p99"
     * @param value a finite number
     * @param unit  e.g. "ms", "records/s"; may be empty
     */
    public record Figure(String name, double value, String unit) {

        public Figure {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(unit, "unit");
            if (!Double.isFinite(value)) {
                throw new IllegalArgumentException("figure \"" + name + "\" " + value + ": expected a finite number");
            }
        }
    }
}
