package io.tidewatch.cli.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TerminalSummaryTest {

    private static final DemoResults RESULTS = SeededDemoResults.build(7);
    private static final String SUMMARY = TerminalSummary.render(RESULTS);
    private static final List<String> LINES = SUMMARY.lines().toList();

    /** The quality table's row for a class: the numbers after the class name. */
    private static double[] qualityRow(String attackClass) {
        int section = indexOf("Detection quality per attack class");
        for (String line : LINES.subList(section, LINES.size())) {
            if (line.startsWith("  " + attackClass + " ")) {
                return Arrays.stream(line.substring(2 + attackClass.length()).trim().split("\\s+"))
                        .mapToDouble(s -> Double.parseDouble(s.replace(",", ""))).toArray();
            }
        }
        throw new AssertionError("no quality row for " + attackClass + " in:\n" + SUMMARY);
    }

    private static int indexOf(String heading) {
        for (int i = 0; i < LINES.size(); i++) {
            if (LINES.get(i).startsWith(heading)) {
                return i;
            }
        }
        throw new AssertionError("no section " + heading + " in:\n" + SUMMARY);
    }

    private static Set<String> attackClasses() {
        Set<String> classes = new LinkedHashSet<>();
        RESULTS.flows().forEach(f -> f.truth().filter(GroundTruth::malicious)
                .ifPresent(t -> classes.add(t.attackClass())));
        return classes;
    }

    @Test
    void qualityRowsAgreeWithBruteForcePairCountsAndDirectCounts() {
        Set<String> classes = attackClasses();
        assertEquals(4, classes.size(), "the seeded run has four attack classes");
        classes.add(DetectionQuality.ALL_ATTACKS);
        for (String c : classes) {
            double[] row = qualityRow(c);
            // flows, evaluated, ROC AUC, precision, recall, detected
            long flows = RESULTS.flows().stream().filter(BruteForce.ofClass(c)).count();
            long evaluated = RESULTS.flows().stream().filter(f -> !f.burnIn()).filter(BruteForce.ofClass(c)).count();
            long detected = RESULTS.flows().stream()
                    .filter(f -> !f.burnIn() && f.score() >= SeededDemoResults.THRESHOLD)
                    .filter(BruteForce.ofClass(c)).count();
            assertEquals(flows, row[0], c + " flows");
            assertEquals(evaluated, row[1], c + " evaluated");
            assertEquals(BruteForce.auc(RESULTS.flows(), BruteForce.ofClass(c)), row[2], 5.01e-4, c + " ROC AUC");
            assertEquals(BruteForce.precision(RESULTS.flows(), BruteForce.ofClass(c), SeededDemoResults.THRESHOLD),
                    row[3], 5.01e-4, c + " precision");
            assertEquals(BruteForce.recall(RESULTS.flows(), BruteForce.ofClass(c), SeededDemoResults.THRESHOLD),
                    row[4], 5.01e-4, c + " recall");
            assertEquals(detected, row[5], c + " detected");
        }
        // The classes differ enough that a mix-up between rows would show.
        assertTrue(qualityRow("port-scan")[2] > qualityRow("c2-beacon")[2] + 0.05, SUMMARY);
    }

    @Test
    void benignAndFalseAlarmFiguresAreCountedFromTheFlows() {
        long benign = RESULTS.flows().stream().filter(BruteForce::isBenign).count();
        long benignAfter = RESULTS.flows().stream().filter(f -> !f.burnIn()).filter(BruteForce::isBenign).count();
        long falseAlarms = RESULTS.flows().stream().filter(f -> !f.burnIn() && f.score() >= 0.9)
                .filter(BruteForce::isBenign).count();
        long unlabelled = RESULTS.flows().stream().filter(f -> f.truth().isEmpty()).count();
        assertTrue(falseAlarms > 0 && unlabelled > 0, "the seeded run has false alarms and unlabelled flows");
        double[] row = qualityRow("benign");
        assertEquals(benign, row[0]);
        assertEquals(benignAfter, row[1]);
        assertTrue(SUMMARY.contains("false alarms: " + String.format(Locale.ROOT, "%,d", falseAlarms)
                + " benign flows (" + String.format(Locale.ROOT, "%.2f %%", 100.0 * falseAlarms / benignAfter)),
                SUMMARY);
        assertTrue(SUMMARY.contains(String.format(Locale.ROOT, "%,d flows unlabelled", unlabelled)), SUMMARY);
    }

    @Test
    void alertsAreGroupedByClassAndHostWithTheirReasons() {
        int section = indexOf("Alerts by attack class and host");
        for (String host : List.of("10.0.5.66", "10.0.5.77", "10.0.5.99")) {
            List<Alert> mine = RESULTS.alerts().stream().filter(a -> a.sourceHost().equals(host)).toList();
            assertFalse(mine.isEmpty(), "the seeded run alerts on " + host);
            long folded = mine.stream().mapToLong(Alert::count).sum();
            double max = mine.stream().mapToDouble(Alert::maxScore).max().orElseThrow();
            String line = LINES.stream().skip(section).filter(l -> l.contains(" " + host + " ")).findFirst()
                    .orElseThrow(() -> new AssertionError(host + " missing from:\n" + SUMMARY));
            String[] cells = line.trim().split("\\s+");
            assertEquals(mine.get(0).truth().orElseThrow().attackClass(), cells[0], line);
            assertEquals(mine.size(), Long.parseLong(cells[2].replace(",", "")), "alerts on " + host);
            assertEquals(folded, Long.parseLong(cells[3].replace(",", "")), "flows folded on " + host);
            assertEquals(max, Double.parseDouble(cells[4]), 5.01e-4, "max score on " + host);
            String reasons = LINES.get(LINES.indexOf(line) + 1);
            assertTrue(reasons.contains(mine.get(0).reasons().get(0).substring(0, 20)), reasons);
        }
    }

    @Test
    void learningCurveShowsAFewRowsEndingWithTheLastPoint() {
        int section = indexOf("Supervised model learning curve");
        LearningPoint last = RESULTS.learningCurve().get(RESULTS.learningCurve().size() - 1);
        List<String> rows = LINES.subList(section + 2, section + 2 + TerminalSummary.LEARNING_ROWS);
        String[] cells = rows.get(rows.size() - 1).trim().split("\\s+");
        assertEquals(String.format(Locale.ROOT, "%,d", last.examplesSeen()), cells[0]);
        assertEquals(last.f1(), Double.parseDouble(cells[4]), 5.01e-4, "F1");
        assertEquals(last.rocAuc(), Double.parseDouble(cells[5]), 5.01e-4, "ROC AUC");
        assertEquals("-", rows.get(0).trim().split("\\s+")[5], "AUC undefined at the first point shows as -");
        assertTrue(SUMMARY.contains("drift signalled 2 times"), SUMMARY);
        assertTrue(SUMMARY.contains("ADWIN on supervised error: drift -> background model promoted"), SUMMARY);
    }

    @Test
    void throughputRatesAreDerivedFromCountsAndElapsedTime() {
        int section = indexOf("Throughput");
        List<String> rows = LINES.subList(section + 1, LINES.size());
        assertEquals(String.format(Locale.ROOT, "%,.0f", 51_234 / 18.75), value(rows, "packets/s"));
        assertEquals(String.format(Locale.ROOT, "%,.0f", RESULTS.flows().size() / 18.75), value(rows, "flows/s"));
        assertEquals("3.40", value(rows, "scoring latency p99"));
    }

    private static String value(List<String> rows, String name) {
        String line = rows.stream().filter(l -> l.startsWith("  " + name + " ")).findFirst()
                .orElseThrow(() -> new AssertionError(name + " missing from:\n" + SUMMARY));
        return line.substring(2 + name.length()).trim().split("\\s+")[0];
    }

    @Test
    void everyLineFitsAHundredColumns() {
        for (String line : LINES) {
            assertTrue(line.length() <= TerminalSummary.WIDTH, line.length() + " columns: " + line);
        }
        assertTrue(LINES.size() > 30, SUMMARY);
    }

    @Test
    void terminalControlSequencesInDataAreNeutralised() {
        Alert hostile = new Alert(SeededDemoResults.START_MS, "10.9.9.9\u001b]0;owned\u0007", 3, 0.99,
                List.of("\u001b[2J\u001b[31mred\u001b[0m reason\u009b1m\u202e"), java.util.Optional.empty());
        DemoResults r = new DemoResults("title\u001b[1m", RESULTS.flows(), List.of(hostile), List.of(), List.of(),
                RESULTS.throughput(), 0.9, 300);
        String text = TerminalSummary.render(r);
        assertFalse(text.matches("(?s).*[\u001b\u0007\u009b\u202e].*"), "a control character reached the terminal");
        assertTrue(text.contains("[31mred"), "the text itself is still shown: " + text);
    }

    @Test
    void summaryIsKeptForPeopleToRead() throws java.io.IOException {
        // Not a check: a copy in target/ for reviewers and for the README's trimmed capture.
        java.nio.file.Path out = java.nio.file.Paths.get("target", "report-test");
        java.nio.file.Files.createDirectories(out);
        java.nio.file.Files.writeString(out.resolve("summary.txt"), SUMMARY);
        assertTrue(java.nio.file.Files.size(out.resolve("summary.txt")) > 1000);
    }

    @Test
    void withoutGroundTruthOrLabelsTheSummarySaysSo() {
        List<ObservedFlow> unlabelled = RESULTS.flows().stream().map(f -> new ObservedFlow(f.timeMs(), f.flowId(),
                f.communityId(), f.srcIp(), f.dstIp(), f.dstPort(), f.protocol(), f.score(), f.detectorScores(),
                f.burnIn(), java.util.Optional.empty(), f.reasons())).toList();
        DemoResults bare = new DemoResults("own capture", unlabelled, List.of(), List.of(), List.of(),
                RESULTS.throughput(), 0.9, 300);
        String text = TerminalSummary.render(bare);
        assertTrue(text.contains("no ground truth: give labels to measure detection quality"), text);
        assertTrue(text.contains("no labels were fed"), text);
        assertTrue(text.contains("no alerts"), text);
    }
}
