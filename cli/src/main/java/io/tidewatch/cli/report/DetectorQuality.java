package io.tidewatch.cli.report;

import io.tidewatch.learners.evaluation.RankingMetrics;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * ROC AUC of each detector's own calibrated score, per attack class against benign flows after burn-in: which
 * detector sees which attack, so an analyst knows what the combined score rests on. A flow without a score from a
 * detector is left out of that detector's figures.
 */
final class DetectorQuality {

    private final List<String> detectors;
    private final List<String> classes;
    /** class -> detector -> AUC (NaN when a side is empty). */
    private final Map<String, Map<String, Double>> auc;

    private DetectorQuality(List<String> detectors, List<String> classes, Map<String, Map<String, Double>> auc) {
        this.detectors = detectors;
        this.classes = classes;
        this.auc = auc;
    }

    static DetectorQuality of(DemoResults results, DetectionQuality quality) {
        Set<String> detectorNames = new LinkedHashSet<>();
        results.flows().forEach(f -> detectorNames.addAll(f.detectorScores().keySet()));
        List<String> classes = new ArrayList<>();
        quality.perClass().forEach(c -> classes.add(c.attackClass()));
        quality.allAttacks().ifPresent(c -> classes.add(c.attackClass()));
        List<ObservedFlow> evaluated = results.flows().stream().filter(f -> !f.burnIn() && f.labelled()).toList();
        Map<String, Map<String, Double>> auc = new LinkedHashMap<>();
        for (String c : classes) {
            Map<String, Double> row = new LinkedHashMap<>();
            for (String d : detectorNames) {
                double[] sa = new double[evaluated.size()];
                boolean[] pa = new boolean[evaluated.size()];
                int n = 0;
                for (ObservedFlow f : evaluated) {
                    Double s = f.detectorScores().get(d);
                    GroundTruth t = f.truth().orElseThrow();
                    boolean inClass = t.malicious()
                            && (c.equals(DetectionQuality.ALL_ATTACKS) || t.displayClass().equals(c));
                    if (s != null && (inClass || !t.malicious())) {
                        sa[n] = s;
                        pa[n++] = inClass;
                    }
                }
                sa = java.util.Arrays.copyOf(sa, n);
                pa = java.util.Arrays.copyOf(pa, n);
                row.put(d, RankingMetrics.rocAuc(sa, pa));
            }
            auc.put(c, row);
        }
        return new DetectorQuality(List.copyOf(detectorNames), List.copyOf(classes), auc);
    }

    List<String> detectors() {
        return detectors;
    }

    List<String> classes() {
        return classes;
    }

    double auc(String attackClass, String detector) {
        return auc.get(attackClass).get(detector);
    }
}
