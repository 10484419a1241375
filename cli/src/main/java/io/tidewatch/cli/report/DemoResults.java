package io.tidewatch.cli.report;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Everything a demo run observed, handed to the summary and the report once the pipeline has stopped.
 *
 * @param title          what was run, e.g. "synthetic capture, seed 42" or the capture file's name
 * @param flows          scored flows (any order; kept sorted by time)
 * @param alerts         alerts (any order; kept sorted by time)
 * @param learningCurve  the supervised model's progressive validation (any order; kept sorted by examples)
 * @param driftEvents    drift signals (any order; kept sorted by time)
 * @param throughput     volume and speed
 * @param alertThreshold score at or above which a flow past burn-in raises an alert, in [0, 1]
 * @param burnInFlows    flows the unsupervised models learned from before they could alert
 */
public record DemoResults(String title, List<ObservedFlow> flows, List<Alert> alerts,
                          List<LearningPoint> learningCurve, List<DriftEvent> driftEvents, Throughput throughput,
                          double alertThreshold, long burnInFlows) {

    public DemoResults {
        Objects.requireNonNull(title, "title");
        flows = sorted(flows, Comparator.comparingLong(ObservedFlow::timeMs), "flows");
        alerts = sorted(alerts, Comparator.comparingLong(Alert::timeMs), "alerts");
        learningCurve = sorted(learningCurve, Comparator.comparingLong(LearningPoint::examplesSeen), "learningCurve");
        driftEvents = sorted(driftEvents, Comparator.comparingLong(DriftEvent::timeMs), "driftEvents");
        Objects.requireNonNull(throughput, "throughput");
        if (!(alertThreshold > 0 && alertThreshold <= 1)) {
            throw new IllegalArgumentException("alert threshold " + alertThreshold + ": expected a number in (0, 1]");
        }
        if (burnInFlows < 0) {
            throw new IllegalArgumentException("burn-in length " + burnInFlows + " flows: expected >= 0");
        }
    }

    private static <T> List<T> sorted(List<T> items, Comparator<T> order, String what) {
        Objects.requireNonNull(items, what);
        // The sort is stable, so records with equal keys keep the order the pipeline gave them.
        return items.stream().map(i -> Objects.requireNonNull(i, "an element of " + what)).sorted(order).toList();
    }

    /** True when at least one flow carries ground truth, so detection quality can be measured. */
    public boolean hasGroundTruth() {
        return flows.stream().anyMatch(ObservedFlow::labelled);
    }
}
