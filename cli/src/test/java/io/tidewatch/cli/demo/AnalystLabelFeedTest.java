package io.tidewatch.cli.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tidewatch.proto.v1.Label;
import io.tidewatch.proto.v1.Verdict;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AnalystLabelFeedTest {

    private static List<LabelRow> rows(int n) {
        List<LabelRow> out = new ArrayList<>();
        long t = 1_767_603_600_000_000_000L;
        for (int i = 0; i < n; i++) {
            long first = t + i * 10_000_000L;
            out.add(new LabelRow("1:" + i, "10.0.0." + (i % 200), "10.0.1.1", first, first + 1_000_000_000L,
                    i % 10 == 0, i % 10 == 0 ? "vertical_scan" : ""));
        }
        return out;
    }

    @Test
    void aSeededSampleOfAboutTheFractionInTheOrderAnAnalystGivesThem() {
        List<LabelRow> rows = rows(20_000);
        List<Label> a = new AnalystLabelFeed(rows, 0.05, 9).sample();
        assertEquals(a, new AnalystLabelFeed(rows, 0.05, 9).sample(), "same seed, same labels");
        assertTrue(a.size() > 900 && a.size() < 1100, "about 5 % of 20,000: " + a.size());
        for (int i = 1; i < a.size(); i++) {
            assertTrue(a.get(i - 1).getLabelledAtMs() <= a.get(i).getLabelledAtMs(), "in verdict order");
        }
        for (Label l : a) {
            LabelRow r = rows.get(Integer.parseInt(l.getCommunityId().substring(2)));
            long delayMs = l.getLabelledAtMs() - r.lastNs() / 1_000_000L;
            assertTrue(delayMs >= AnalystLabelFeed.MIN_DELAY_NS / 1_000_000 - 1
                    && delayMs <= AnalystLabelFeed.MAX_DELAY_NS / 1_000_000, "delay " + delayMs + " ms");
            assertEquals(r.malicious() ? Verdict.VERDICT_MALICIOUS : Verdict.VERDICT_BENIGN, l.getVerdict());
            assertEquals(r.attack(), l.getAttackClass());
            assertEquals(r.firstNs(), l.getStartNs());
        }
        assertTrue(!a.equals(new AnalystLabelFeed(rows, 0.05, 10).sample()), "another seed, another sample");
    }

    @Test
    void aFractionOutsideTheUnitIntervalIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new AnalystLabelFeed(rows(1), 0, 1));
        assertTrue(e.getMessage().contains("label fraction 0.0"), e.getMessage());
    }
}
