package io.tidewatch.cli.report;

import io.tidewatch.learners.evaluation.ConfusionMatrix;
import io.tidewatch.learners.evaluation.RankingMetrics;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How well the score separates each attack class from benign traffic, from the flows whose ground truth is known.
 *
 * <p>Each class is judged against benign flows only (other attacks left out), so a class that is easy to catch is
 * not flattered or penalised by the others. Flows scored during burn-in are left out of the metrics, since they
 * could raise no alert, but still counted and still mark the class's attack period.
 */
public final class DetectionQuality {

    /** The row that pools every attack class against benign. */
    public static final String ALL_ATTACKS = "all attacks";

    /**
     * Figures of one attack class (or {@link #ALL_ATTACKS}).
     *
     * @param attackClass  the class
     * @param flows        labelled flows of the class, burn-in included
     * @param evaluated    of those, flows scored after burn-in (the ones the metrics use)
     * @param detected     evaluated flows scored at or above the alert threshold
     * @param rocAuc       ROC AUC of the class's evaluated flows against evaluated benign flows; NaN if either is
     *                     absent
     * @param precision    at the alert threshold: detected / (detected + benign flows at or above it); 0 if nothing
     *                     crossed it
     * @param recall       at the alert threshold: detected / evaluated; 0 if nothing was evaluated
     * @param firstMs      time of the class's first flow
     * @param lastMs       time of its last flow
     */
    public record ClassQuality(String attackClass, long flows, long evaluated, long detected, double rocAuc,
                               double precision, double recall, long firstMs, long lastMs) {
    }

    private final List<ClassQuality> perClass;
    private final ClassQuality allAttacks;
    private final long benignFlows;
    private final long benignEvaluated;
    private final long falseAlarms;
    private final long unlabelledFlows;
    private final Map<String, RocCurve> rocCurves;
    private final double threshold;

    private DetectionQuality(List<ClassQuality> perClass, ClassQuality allAttacks, long benignFlows,
                             long benignEvaluated, long falseAlarms, long unlabelledFlows,
                             Map<String, RocCurve> rocCurves, double threshold) {
        this.perClass = perClass;
        this.allAttacks = allAttacks;
        this.benignFlows = benignFlows;
        this.benignEvaluated = benignEvaluated;
        this.falseAlarms = falseAlarms;
        this.unlabelledFlows = unlabelledFlows;
        this.rocCurves = rocCurves;
        this.threshold = threshold;
    }

    /** Measures the results' labelled flows at their alert threshold. */
    public static DetectionQuality of(DemoResults results) {
        double threshold = results.alertThreshold();
        // Classes in the order their first flow appeared: the story of the capture.
        Map<String, List<ObservedFlow>> byClass = new LinkedHashMap<>();
        List<ObservedFlow> malicious = new ArrayList<>();
        List<Double> benignScores = new ArrayList<>();
        long benign = 0;
        long unlabelled = 0;
        long falseAlarms = 0;
        for (ObservedFlow f : results.flows()) {
            Optional<GroundTruth> truth = f.truth();
            if (truth.isEmpty()) {
                unlabelled++;
            } else if (truth.get().malicious()) {
                byClass.computeIfAbsent(truth.get().displayClass(), k -> new ArrayList<>()).add(f);
                malicious.add(f);
            } else {
                benign++;
                if (!f.burnIn()) {
                    benignScores.add(f.score());
                    falseAlarms += f.score() >= threshold ? 1 : 0;
                }
            }
        }
        double[] benignArray = benignScores.stream().mapToDouble(Double::doubleValue).toArray();
        List<ClassQuality> rows = new ArrayList<>();
        Map<String, RocCurve> curves = new LinkedHashMap<>();
        for (Map.Entry<String, List<ObservedFlow>> e : byClass.entrySet()) {
            rows.add(measure(e.getKey(), e.getValue(), benignArray, falseAlarms, threshold, curves));
        }
        ClassQuality all = malicious.isEmpty() ? null
                : measure(ALL_ATTACKS, malicious, benignArray, falseAlarms, threshold, curves);
        return new DetectionQuality(List.copyOf(rows), all, benign, benignArray.length, falseAlarms, unlabelled,
                curves, threshold);
    }

    private static ClassQuality measure(String name, List<ObservedFlow> flows, double[] benignScores,
                                        long falseAlarms, double threshold, Map<String, RocCurve> curves) {
        List<ObservedFlow> evaluated = flows.stream().filter(f -> !f.burnIn()).toList();
        int n = evaluated.size() + benignScores.length;
        double[] scores = new double[n];
        boolean[] positive = new boolean[n];
        ConfusionMatrix matrix = new ConfusionMatrix(2);
        int k = 0;
        for (ObservedFlow f : evaluated) {
            scores[k] = f.score();
            positive[k++] = true;
            matrix.add(1, f.score() >= threshold ? 1 : 0, 1);
        }
        for (double s : benignScores) {
            scores[k++] = s;
        }
        // Benign flows at or above the threshold are the false positives of every class's comparison.
        matrix.add(0, 1, falseAlarms);
        matrix.add(0, 0, benignScores.length - falseAlarms);
        double auc = RankingMetrics.rocAuc(scores, positive);
        if (!evaluated.isEmpty() && benignScores.length > 0) {
            curves.put(name, RocCurve.of(scores, positive));
        }
        return new ClassQuality(name, flows.size(), evaluated.size(), Math.round(matrix.count(1, 1)), auc,
                matrix.precision(1), matrix.recall(1), flows.get(0).timeMs(), flows.get(flows.size() - 1).timeMs());
    }

    /** One row per attack class, in the order the classes first appeared. */
    public List<ClassQuality> perClass() {
        return perClass;
    }

    /** Every attack class pooled against benign; empty when no flow was labelled malicious. */
    public Optional<ClassQuality> allAttacks() {
        return Optional.ofNullable(allAttacks);
    }

    /** ROC curve of a class (or {@link #ALL_ATTACKS}) against benign, when both had flows after burn-in. */
    public Optional<RocCurve> rocCurve(String attackClass) {
        return Optional.ofNullable(rocCurves.get(attackClass));
    }

    public long benignFlows() {
        return benignFlows;
    }

    /** Benign flows scored after burn-in. */
    public long benignEvaluated() {
        return benignEvaluated;
    }

    /** Benign flows after burn-in scored at or above the alert threshold. */
    public long falseAlarms() {
        return falseAlarms;
    }

    public long unlabelledFlows() {
        return unlabelledFlows;
    }

    public double threshold() {
        return threshold;
    }
}
