package io.tidewatch.cli.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.tidewatch.cli.browser.HeadlessChromium;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Opens the report in a real browser (Debian's headless Chromium): the charts must decode and show, the headings
 * must be there, and a full-page screenshot is left in target/ for a person to look at. Skipped where Chromium is
 * not installed.
 */
class HtmlReportChromiumTest {

    private static final Path OUT = Paths.get("target", "report-test");
    private static Path report;
    private static HeadlessChromium chromium;

    @BeforeAll
    static void writeReport() throws IOException {
        assumeTrue(HeadlessChromium.installed().isPresent(), "Chromium is not installed");
        Files.createDirectories(OUT);
        report = HtmlReport.write(SeededDemoResults.build(7), OUT.resolve("demo-report.html")).toAbsolutePath();
        chromium = HeadlessChromium.open(OUT);
    }

    @AfterAll
    static void closeBrowser() throws IOException {
        if (chromium != null) {
            chromium.close();
        }
    }

    @Test
    void everyPlotDecodesAndEveryHeadingShows() throws Exception {
        String dom = chromium.dumpDom(report);
        assertTrue(dom.contains("data-plots-expected=\"4\""), "the report rendered no plot count: "
                + HeadlessChromium.head(dom));
        assertTrue(dom.contains("data-plots-loaded=\"4\""), "charts that decoded in the browser: "
                + HeadlessChromium.head(dom));
        for (String title : List.of(HtmlReport.SCORE_OVER_TIME, HtmlReport.ROC_CURVES,
                HtmlReport.SCORE_DISTRIBUTIONS, HtmlReport.MODEL_METRICS, "Top alerts",
                "Detection quality per attack class", "Throughput")) {
            assertTrue(dom.contains("<h2>" + HtmlText.escape(title) + "</h2>"), "heading " + title);
        }
        assertTrue(!dom.contains("<script>alert"), "the browser saw no injected script");
    }

    @Test
    void aFullScreenshotIsAPictureWorthLookingAt() throws Exception {
        Path shot = OUT.resolve("demo-report.png").toAbsolutePath();
        Files.deleteIfExists(shot);
        chromium.screenshot(report, shot, 1280, 2400);
        BufferedImage image = ImageIO.read(shot.toFile());
        assertTrue(image != null, "the screenshot is not a PNG: " + shot);
        assertEquals(1280, image.getWidth());
        assertEquals(2400, image.getHeight());
        assertTrue(Files.size(shot) > 100_000, "screenshot of " + Files.size(shot) + " bytes is nearly empty");
        assertTrue(HtmlReportTest.distinctColours(image) > 500, "the screenshot has too few colours to be charts");
    }
}
