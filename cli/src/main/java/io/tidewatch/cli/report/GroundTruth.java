package io.tidewatch.cli.report;

import java.util.Objects;

/**
 * What a flow (or the flows behind an alert) really was, when labels are known.
 *
 * @param malicious   true for an attack
 * @param attackClass the attack's class (e.g. "port-scan"); empty for benign, and may be empty for an attack whose
 *                    class is unknown
 */
public record GroundTruth(boolean malicious, String attackClass) {

    /** Shown for attacks whose class was not given. */
    public static final String UNNAMED_ATTACK = "malicious";

    public GroundTruth {
        Objects.requireNonNull(attackClass, "attackClass");
        attackClass = attackClass.strip();
        if (!malicious && !attackClass.isEmpty()) {
            throw new IllegalArgumentException("attack class \"" + attackClass
                    + "\" on a benign ground truth: expected an empty class for benign");
        }
    }

    public static GroundTruth benign() {
        return new GroundTruth(false, "");
    }

    public static GroundTruth attack(String attackClass) {
        return new GroundTruth(true, attackClass);
    }

    /** The class name to group by: the attack class, {@value #UNNAMED_ATTACK} for an unnamed attack, or "benign". */
    public String displayClass() {
        if (!malicious) {
            return "benign";
        }
        return attackClass.isEmpty() ? UNNAMED_ATTACK : attackClass;
    }
}
