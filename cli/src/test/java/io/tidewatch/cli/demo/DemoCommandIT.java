package io.tidewatch.cli.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.tidewatch.cli.Tidewatch;
import io.tidewatch.localstack.browser.HeadlessChromium;
import io.tidewatch.cli.report.HtmlReport;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * A short seeded demo end to end, as a user runs it: one minute of synthetic traffic from three workstations with
 * every attack but the SYN flood (whose thousands of one-packet flows would only make the test slower), through the
 * real probe, the embedded broker and registry and the streams app. The command must succeed, print every section
 * of the summary, account for every flow the probe closed, and write a report a real browser renders.
 */
class DemoCommandIT {

    private static final Path OUT = Paths.get("target", "demo-it");
    private static int exitCode;
    private static String stdout;
    private static String stderr;

    @BeforeAll
    static void runTheDemo() throws IOException {
        if (Files.exists(OUT)) {
            try (Stream<Path> files = Files.walk(OUT)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = Tidewatch.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        exitCode = cl.execute("demo", "--seed", "7", "--minutes", "1", "--hosts", "3", "--attacks",
                "vertical_scan,horizontal_scan,ssh_bruteforce,c2_beacon,exfiltration,dns_tunnel",
                "--label-fraction", "0.1", "--out-dir", OUT.toString());
        stdout = out.toString();
        stderr = err.toString();
    }

    @Test
    void succeedsAndPrintsEverySectionOfTheSummary() {
        assertEquals(0, exitCode, "exit code; stderr:\n" + stderr);
        for (String section : List.of("Tidewatch demo: synthetic capture, seed 7", "Alerts by attack class and host",
                "Detection quality per attack class", "Supervised model learning curve", "Throughput", "Report: ")) {
            assertTrue(stdout.contains(section), "section '" + section + "' in:\n" + stdout);
        }
        assertTrue(stderr.contains("packets (100%)"), "the progress line reached the end:\n" + stderr);
        assertTrue(stderr.lines().noneMatch(l -> l.contains(" INFO ") || l.contains(" WARN ")),
                "no log lines on the terminal:\n" + stderr);
    }

    @Test
    void everyFlowTheProbeClosedIsInTheReport() throws IOException {
        assertEquals(0, exitCode, "exit code; stderr:\n" + stderr);
        long reported = figure("flows");
        long probe = figure("flows closed by the probe");
        assertTrue(probe > 100, "the probe closed " + probe + " flows");
        assertEquals(probe, reported, "flows in the report vs flows the probe closed");
        try (Stream<String> lines = Files.lines(OUT.resolve("flows.ecs.jsonl"))) {
            assertEquals(probe, lines.count(), "ECS documents written");
        }
        Matcher scored = Pattern.compile("^  ([\\d,]+) flows scored", Pattern.MULTILINE).matcher(stdout);
        assertTrue(scored.find(), stdout);
        long scoredFlows = Long.parseLong(scored.group(1).replace(",", ""));
        assertEquals(probe, scoredFlows, "every flow the probe closed was scored");
        assertTrue(stdout.contains("\n  examples  accuracy"), "the supervised model learned from the labels:\n"
                + stdout);
        assertTrue(figure("analyst labels fed") > 0, "the analyst fed labels:\n" + stdout);
    }

    @Test
    void theReportRendersInARealBrowser() throws Exception {
        assertEquals(0, exitCode, "exit code; stderr:\n" + stderr);
        Path report = OUT.resolve("report.html");
        assertTrue(Files.size(report) > 1000, "report at " + report);
        HeadlessChromium found = HeadlessChromium.find(OUT).orElse(null);
        assumeTrue(found != null, "Chromium is not installed at " + HeadlessChromium.DEFAULT);
        try (HeadlessChromium chromium = found) {
            String dom = chromium.dumpDom(report.toUri().toString(), 5000);
            Matcher expected = Pattern.compile("data-plots-expected=\"(\\d+)\"").matcher(dom);
            assertTrue(expected.find(), "no plot count: " + head(dom));
            assertTrue(dom.contains("data-plots-loaded=\"" + expected.group(1) + "\""),
                    "every chart decoded in the browser: " + head(dom));
            assertEquals("4", expected.group(1), "plots: score over time, ROC, distributions, model metrics");
            for (String title : List.of(HtmlReport.SCORE_OVER_TIME, HtmlReport.ROC_CURVES,
                    HtmlReport.SCORE_DISTRIBUTIONS, HtmlReport.MODEL_METRICS, "Top alerts",
                    "Detection quality per attack class", "Throughput")) {
                assertTrue(dom.contains("<h2>" + title + "</h2>"), "heading " + title);
            }
        }
    }

    /** A figure of the summary's throughput table, by its name. */
    private static long figure(String name) {
        Matcher m = Pattern.compile("^  " + Pattern.quote(name) + " +([\\d,.]+)", Pattern.MULTILINE).matcher(stdout);
        assertTrue(m.find(), "figure '" + name + "' in:\n" + stdout);
        return Math.round(Double.parseDouble(m.group(1).replace(",", "")));
    }

    /** The start of a dumped page, enough to see what went wrong in a failure message. */
    private static String head(String dom) {
        return dom.length() <= 2000 ? dom : dom.substring(0, 2000) + "...";
    }
}
