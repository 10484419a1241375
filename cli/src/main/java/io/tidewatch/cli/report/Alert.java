package io.tidewatch.cli.report;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One alert as published, after suppression folded repeats of it together.
 *
 * @param timeMs     when the alert was raised (the first flow folded into it), Unix epoch ms
 * @param sourceHost the host the alert is about, as text
 * @param count      flows folded into this alert within the suppression window, at least 1
 * @param maxScore   highest flow score among them, in [0, 1]
 * @param reasons    the reasons of the highest-scoring flow, most important first
 * @param truth      what the host's flows really were, when labels are known
 */
public record Alert(long timeMs, String sourceHost, long count, double maxScore, List<String> reasons,
                    Optional<GroundTruth> truth) {

    public Alert {
        if (timeMs < 0) {
            throw new IllegalArgumentException("alert time " + timeMs + " ms: expected a Unix epoch time >= 0");
        }
        Objects.requireNonNull(sourceHost, "sourceHost");
        if (count < 1) {
            throw new IllegalArgumentException("alert count " + count + " for host " + sourceHost
                    + ": expected at least 1 flow folded into an alert");
        }
        Scores.checkUnit("max score of the alert on " + sourceHost, maxScore);
        reasons = List.copyOf(reasons);
        Objects.requireNonNull(truth, "truth (Optional.empty() when unknown)");
    }

    /** The class to group by: the ground truth's class, or "unlabelled". */
    public String displayClass() {
        return truth.map(GroundTruth::displayClass).orElse("unlabelled");
    }
}
