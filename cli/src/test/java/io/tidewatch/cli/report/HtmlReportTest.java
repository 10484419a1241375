package io.tidewatch.cli.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class HtmlReportTest {

    private static final DemoResults RESULTS = SeededDemoResults.build(7);
    private static final String HTML = HtmlReport.render(RESULTS);

    @Test
    void hostileTextIsEscapedEverywhere() {
        assertFalse(HTML.contains("<script>alert"), "a reason injected a script");
        assertFalse(HTML.contains("<img src=x"), "a reason injected an element");
        assertFalse(HTML.contains("<b>bold</b>"), "the title injected markup");
        assertTrue(HTML.contains("user agent &quot;&lt;script&gt;alert(&#39;pwned&#39;)&lt;/script&gt;&quot; &amp; "
                + "&lt;img src=x onerror=alert(1)&gt;"), "the hostile reason is shown, escaped");
        assertTrue(HTML.contains("seeded run &lt;b&gt;bold&lt;/b&gt; &amp; &quot;quoted&quot;"));
        // Only our own script: the plot counter.
        assertEquals(1, count(HTML, "<script"), "scripts in the page");
        assertEquals("a &lt;b&gt; &amp; &#39;c&#39; &quot;d&quot; e", HtmlText.escape("a <b> & 'c' \"d\"\u0007e"));
    }

    @Test
    void everyPlotIsAnInlinePngThatDecodes() throws IOException {
        Matcher m = Pattern.compile("<img class=\"plot\" src=\"data:image/png;base64,([A-Za-z0-9+/=]+)\" "
                + "width=\"(\\d+)\" height=\"(\\d+)\" alt=\"([^\"]*)\">").matcher(HTML);
        List<String> alts = new ArrayList<>();
        while (m.find()) {
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(m.group(1))));
            assertNotNull(image, "plot " + m.group(4) + " is not a PNG");
            assertEquals(2 * Integer.parseInt(m.group(2)), image.getWidth(), "drawn at twice the layout width");
            assertEquals(2 * Integer.parseInt(m.group(3)), image.getHeight());
            assertTrue(distinctColours(image) > 30, m.group(4) + " is nearly blank");
            alts.add(m.group(4));
        }
        assertEquals(List.of(HtmlReport.SCORE_OVER_TIME, HtmlReport.ROC_CURVES, HtmlReport.SCORE_DISTRIBUTIONS,
                HtmlReport.MODEL_METRICS), alts);
        assertEquals(alts.size(), count(HTML, "<img"), "every image is a plot");
        assertTrue(HTML.contains("<body data-plots-expected=\"4\">"));
        assertFalse(Pattern.compile("(src|href)=\"(https?:)?//").matcher(HTML).find(),
                "the page must load nothing from the network");
        assertFalse(HTML.contains("@import") || HTML.contains("url("), "the CSS must fetch nothing");
    }

    @Test
    void tablesCarryTheFiguresOfTheSummary() {
        DetectionQuality q = DetectionQuality.of(RESULTS);
        for (DetectionQuality.ClassQuality c : q.perClass()) {
            assertTrue(HTML.contains(c.attackClass() + "</span></td><td class=\"num\">" + Formats.count(c.flows())),
                    c.attackClass() + " row");
            assertTrue(HTML.contains("<span class=\"meter-value\">" + Formats.metric(c.rocAuc()) + "</span>"),
                    c.attackClass() + " AUC");
        }
        Alert top = RESULTS.alerts().stream().max(java.util.Comparator.comparingDouble(Alert::maxScore))
                .orElseThrow();
        assertTrue(HTML.contains(HtmlText.escape(top.reasons().get(0))), "top alert's reason");
        assertEquals(Math.min(HtmlReport.TOP_ALERTS, RESULTS.alerts().size()), count(HTML, "<ul class=\"reasons\">"));
        assertTrue(HTML.contains("ADWIN on supervised error"));
        DetectorQuality d = DetectorQuality.of(RESULTS, q);
        assertTrue(HTML.contains("<h3>Which detector sees which attack</h3>"));
        assertTrue(HTML.contains("<td class=\"num best\">" + Formats.metric(d.auc("c2-beacon", "random cut forest"))),
                "the best detector on c2-beacon is highlighted");
        assertTrue(HTML.contains("scoring latency p99"));
    }

    @Test
    void withoutGroundTruthOrLabelsThePageSaysSoAndDrawsOnlyWhatItCan() {
        List<ObservedFlow> unlabelled = RESULTS.flows().stream().map(f -> new ObservedFlow(f.timeMs(), f.flowId(),
                f.communityId(), f.srcIp(), f.dstIp(), f.dstPort(), f.protocol(), f.score(), f.detectorScores(),
                f.burnIn(), Optional.empty(), f.reasons())).toList();
        String html = HtmlReport.render(new DemoResults("own capture", unlabelled, List.of(), List.of(), List.of(),
                RESULTS.throughput(), 0.9, 300));
        assertTrue(html.contains("<body data-plots-expected=\"1\">"), "only the score over time can be drawn");
        assertTrue(html.contains("No ground truth was given."));
        assertTrue(html.contains("No labels were fed"));
        String empty = HtmlReport.render(new DemoResults("nothing", List.of(), List.of(), List.of(), List.of(),
                RESULTS.throughput(), 0.9, 0));
        assertTrue(empty.contains("<body data-plots-expected=\"0\">"), "an empty run still renders");
        assertTrue(empty.contains("No flow was scored."));
    }

    private static int count(String haystack, String needle) {
        int n = 0;
        for (int i = haystack.indexOf(needle); i >= 0; i = haystack.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }

    static int distinctColours(BufferedImage image) {
        java.util.Set<Integer> colours = new java.util.HashSet<>();
        for (int y = 0; y < image.getHeight(); y += 3) {
            for (int x = 0; x < image.getWidth(); x += 3) {
                colours.add(image.getRGB(x, y));
            }
        }
        return colours.size();
    }
}
