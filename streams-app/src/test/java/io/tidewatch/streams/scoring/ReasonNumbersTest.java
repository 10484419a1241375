package io.tidewatch.streams.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The explanation's numbers are the ones {@code String.format} wrote before, value for value. */
class ReasonNumbersTest {

    /** The formatting this class replaces, kept here as the reference. */
    private static String byFormatter(double v) {
        if (!Double.isFinite(v)) {
            return String.valueOf(v);
        }
        double a = Math.abs(v);
        if (a >= 100 || Math.rint(v) == v) {
            return String.format(Locale.ROOT, "%,d", Math.round(v));
        }
        if (a >= 10) {
            return String.format(Locale.ROOT, "%.1f", v);
        }
        if (a >= 0.01) {
            return String.format(Locale.ROOT, "%.2f", v);
        }
        return String.format(Locale.ROOT, "%.2g", v);
    }

    private static void check(double v) {
        assertEquals(byFormatter(v), ReasonNumbers.format(v), "value " + v + " (bits " + Double.doubleToRawLongBits(v) + ")");
        assertEquals(byFormatter(-v), ReasonNumbers.format(-v), "value " + -v);
    }

    @Test
    void examplesReadAsBefore() {
        assertEquals("24,829", ReasonNumbers.format(24_829));
        assertEquals("-1,234,567", ReasonNumbers.format(-1_234_567.4));
        assertEquals("7.81", ReasonNumbers.format(7.8125));
        assertEquals("12.6", ReasonNumbers.format(12.55));
        assertEquals("0.0042", ReasonNumbers.format(0.0042));
        assertEquals("1.2e-05", ReasonNumbers.format(0.0000123));
        assertEquals("0", ReasonNumbers.format(-0.0));
        assertEquals("NaN", ReasonNumbers.format(Double.NaN));
        assertEquals("-Infinity", ReasonNumbers.format(Double.NEGATIVE_INFINITY));
    }

    @Test
    void edgesAndTiesMatchTheFormatter() {
        List<Double> values = new ArrayList<>(List.of(0.0, 1.0, 0.5, 0.3, 0.7, 0.01, 0.009999, 0.0099995, 0.00995,
                9.995, 9.994999, 9.95, 10.0, 10.05, 10.25, 99.95, 99.949, 99.5, 100.0, 100.5, 101.5, 0.0001,
                0.000099995, 0.00009999, 0.000095, 0.0000995, 1e-300, Double.MIN_VALUE, Double.MIN_NORMAL,
                Double.MAX_VALUE, 9.223372036854776E18, 1e19, 1e25, 0.125, 0.375, 0.015, 0.025, 0.045, 0.155,
                1.005, 2.675, 1.115, 4.35, 0.0015, 0.00125, 0.000125, 12_345.5, 12_345.49999, 999_999.5));
        // Decimal ties at every precision the formats round to: x.x5, x.xx5, and two significant digits and a 5.
        for (int i = 1; i < 2000; i++) {
            values.add(Double.parseDouble(i / 10 + "." + (i % 10) + "5"));
            values.add(Double.parseDouble("0." + String.format(Locale.ROOT, "%03d", i % 1000) + "5"));
            values.add(Double.parseDouble((i % 100) / 10.0 + "5e-" + (3 + i % 6)));
        }
        for (double v : values) {
            check(v);
        }
    }

    @Test
    void randomValuesOfEveryMagnitudeMatchTheFormatter() {
        SplittableRandom r = new SplittableRandom(42);
        for (int i = 0; i < 40_000; i++) {
            check(Math.pow(10, r.nextDouble(-12, 22)));
            check(Math.round(r.nextDouble(0, 1e6)) / 100.0);
            check(Double.longBitsToDouble(r.nextLong()));
        }
    }

    @Test
    void groupingHandlesEveryLength() {
        long n = 0;
        for (int digits = 1; digits <= 19; digits++) {
            n = n * 10 + digits % 10;
            assertEquals(String.format(Locale.ROOT, "%,d", n), ReasonNumbers.grouped(n));
            assertEquals(String.format(Locale.ROOT, "%,d", -n), ReasonNumbers.grouped(-n));
        }
        assertEquals(String.format(Locale.ROOT, "%,d", Long.MIN_VALUE), ReasonNumbers.grouped(Long.MIN_VALUE));
        assertEquals(String.format(Locale.ROOT, "%,d", Long.MAX_VALUE), ReasonNumbers.grouped(Long.MAX_VALUE));
    }
}
