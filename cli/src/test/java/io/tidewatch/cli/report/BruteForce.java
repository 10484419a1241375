package io.tidewatch.cli.report;

import java.util.List;
import java.util.function.Predicate;

/** Detection figures computed the slow, obvious way, to check the report's own against. */
final class BruteForce {

    private BruteForce() {
    }

    static boolean isBenign(ObservedFlow f) {
        return f.truth().isPresent() && !f.truth().get().malicious();
    }

    static Predicate<ObservedFlow> ofClass(String attackClass) {
        return f -> f.truth().isPresent() && f.truth().get().malicious()
                && (attackClass.equals(DetectionQuality.ALL_ATTACKS)
                    || f.truth().get().attackClass().equals(attackClass));
    }

    /** Every (attack, benign) pair after burn-in: 1 if the attack scores higher, 1/2 on a tie. */
    static double auc(List<ObservedFlow> flows, Predicate<ObservedFlow> attack) {
        List<ObservedFlow> pos = flows.stream().filter(f -> !f.burnIn()).filter(attack).toList();
        List<ObservedFlow> neg = flows.stream().filter(f -> !f.burnIn()).filter(BruteForce::isBenign).toList();
        double wins = 0;
        for (ObservedFlow p : pos) {
            for (ObservedFlow n : neg) {
                wins += p.score() > n.score() ? 1 : p.score() == n.score() ? 0.5 : 0;
            }
        }
        return wins / ((double) pos.size() * neg.size());
    }

    static double precision(List<ObservedFlow> flows, Predicate<ObservedFlow> attack, double threshold) {
        long tp = flows.stream().filter(f -> !f.burnIn() && f.score() >= threshold).filter(attack).count();
        long fp = flows.stream().filter(f -> !f.burnIn() && f.score() >= threshold).filter(BruteForce::isBenign)
                .count();
        return tp + fp == 0 ? 0 : (double) tp / (tp + fp);
    }

    static double recall(List<ObservedFlow> flows, Predicate<ObservedFlow> attack, double threshold) {
        long all = flows.stream().filter(f -> !f.burnIn()).filter(attack).count();
        long tp = flows.stream().filter(f -> !f.burnIn() && f.score() >= threshold).filter(attack).count();
        return all == 0 ? 0 : (double) tp / all;
    }
}
