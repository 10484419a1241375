package io.tidewatch.streams.scoring;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * How an explanation writes a value ("packets from the originator: 24,829, usual ~7.81"): whole numbers and
 * anything from 100 up as grouped integers, then one decimal from 10, two from 0.01, two significant digits
 * below. The text is exactly what {@code String.format(Locale.ROOT, ...)} with {@code %,d}, {@code %.1f},
 * {@code %.2f} and {@code %.2g} gives, which a test checks value for value, without its cost: every call of
 * {@code String.format} builds a {@link java.util.Formatter}, parses the pattern and, for grouping, a
 * {@link java.text.NumberFormat}, and a scored flow writes up to ten such numbers. Rounding is half-up on the
 * shortest decimal that identifies the double ({@link Double#toString}), as the formatter's is. Stateless, so
 * shared by every thread.
 */
final class ReasonNumbers {

    private static final MathContext TWO_DIGITS = new MathContext(2, RoundingMode.HALF_UP);

    private ReasonNumbers() {
    }

    static String format(double v) {
        if (!Double.isFinite(v)) {
            return String.valueOf(v);
        }
        double a = Math.abs(v);
        if (a >= 100 || Math.rint(v) == v) {
            return grouped(Math.round(v));
        }
        String sign = v < 0 ? "-" : "";
        if (a >= 10) {
            return sign + decimal(a).setScale(1, RoundingMode.HALF_UP).toPlainString();
        }
        if (a >= 0.01) {
            return sign + decimal(a).setScale(2, RoundingMode.HALF_UP).toPlainString();
        }
        return sign + twoSignificant(a);
    }

    /** {@code %,d}: digits in groups of three separated by commas. */
    static String grouped(long n) {
        String digits = Long.toString(n);
        int first = n < 0 ? 1 : 0;
        int len = digits.length() - first;
        if (len <= 3) {
            return digits;
        }
        StringBuilder sb = new StringBuilder(digits.length() + (len - 1) / 3);
        sb.append(digits, 0, first);
        int lead = len % 3 == 0 ? 3 : len % 3;
        sb.append(digits, first, first + lead);
        for (int i = first + lead; i < digits.length(); i += 3) {
            sb.append(',').append(digits, i, i + 3);
        }
        return sb.toString();
    }

    /**
     * {@code %.2g} of a positive {@code a} below 0.01: two significant digits, as a plain decimal down to 0.0001
     * (after rounding) and in scientific notation with an exponent of at least two digits below that.
     */
    private static String twoSignificant(double a) {
        BigDecimal r = decimal(a).round(TWO_DIGITS);
        int exponent = r.precision() - r.scale() - 1;
        BigDecimal two = r.setScale(1 - exponent, RoundingMode.UNNECESSARY);
        if (exponent >= -4) {
            return two.toPlainString();
        }
        String digits = two.unscaledValue().toString();
        int e = Math.abs(exponent);
        return digits.charAt(0) + "." + digits.charAt(1) + "e" + (exponent < 0 ? '-' : '+') + (e < 10 ? "0" : "") + e;
    }

    private static BigDecimal decimal(double a) {
        return new BigDecimal(Double.toString(a));
    }
}
