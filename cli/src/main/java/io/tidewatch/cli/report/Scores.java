package io.tidewatch.cli.report;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Validation shared by the records: scores are probabilities-like numbers in [0, 1]. */
final class Scores {

    private Scores() {
    }

    static void checkUnit(String what, double value) {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException(what + " " + value + ": expected a number in [0, 1]");
        }
    }

    /** Metrics may be NaN (not yet defined, e.g. AUC before both classes were seen) but never outside [0, 1]. */
    static void checkUnitOrNaN(String what, double value) {
        if (!Double.isNaN(value)) {
            checkUnit(what, value);
        }
    }

    /** An unmodifiable copy that keeps the caller's order (Map.copyOf would not). */
    static <V> Map<String, V> frozenCopy(Map<String, V> map) {
        return Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }
}
