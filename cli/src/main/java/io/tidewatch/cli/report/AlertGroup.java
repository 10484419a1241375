package io.tidewatch.cli.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The alerts on one host for one ground-truth class, folded into a line an analyst reads.
 *
 * @param attackClass the class (see {@link Alert#displayClass()})
 * @param sourceHost  the host
 * @param alerts      alerts raised
 * @param flows       flows folded into them
 * @param maxScore    highest score among them
 * @param firstMs     time of the first alert
 * @param reasons     reasons of the highest-scoring alert
 */
public record AlertGroup(String attackClass, String sourceHost, long alerts, long flows, double maxScore,
                         long firstMs, List<String> reasons) {

    /**
     * Groups alerts by class and host: attack classes first, in the order of their first alert, then false alarms
     * on benign hosts, then alerts without ground truth; hosts within a class by highest score first.
     */
    public static List<AlertGroup> of(List<Alert> alerts) {
        Map<String, Map<String, List<Alert>>> byClass = new LinkedHashMap<>();
        alerts.stream().sorted(Comparator.comparingInt(AlertGroup::rank).thenComparingLong(Alert::timeMs)).forEach(a -> byClass
                .computeIfAbsent(a.displayClass(), k -> new LinkedHashMap<>())
                .computeIfAbsent(a.sourceHost(), k -> new ArrayList<>())
                .add(a));
        List<AlertGroup> groups = new ArrayList<>();
        for (Map.Entry<String, Map<String, List<Alert>>> c : byClass.entrySet()) {
            List<AlertGroup> hosts = new ArrayList<>();
            for (Map.Entry<String, List<Alert>> h : c.getValue().entrySet()) {
                List<Alert> list = h.getValue();
                Alert top = list.stream().max(Comparator.comparingDouble(Alert::maxScore)).orElseThrow();
                hosts.add(new AlertGroup(c.getKey(), h.getKey(), list.size(),
                        list.stream().mapToLong(Alert::count).sum(), top.maxScore(), list.get(0).timeMs(),
                        top.reasons()));
            }
            hosts.sort(Comparator.comparingDouble(AlertGroup::maxScore).reversed());
            groups.addAll(hosts);
        }
        return List.copyOf(groups);
    }

    private static int rank(Alert a) {
        return a.truth().map(t -> t.malicious() ? 0 : 1).orElse(2);
    }
}
