package io.tidewatch.probe.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tidewatch.probe.capture.CaptureStats;
import io.tidewatch.probe.decode.SkipReason;
import io.tidewatch.probe.kafka.DropReason;
import io.tidewatch.probe.kafka.KafkaSinkStats;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The meters show exactly the published snapshot, under the documented names. */
class ProbeMetricsTest {

    @Test
    void aPublishedSnapshotIsWhatAScrapeShows() {
        ProbeMetrics m = new ProbeMetrics();
        assertTrue(m.scrape().contains("tidewatch_probe_packets_total 0.0"), "zero before any source");
        Map<SkipReason, Long> skipped = ProbeFigures.skipCounts(r -> r.ordinal() + 1);
        Map<DropReason, Long> drops = new EnumMap<>(DropReason.class);
        drops.put(DropReason.QUEUE_FULL, 7L);
        KafkaSinkStats kafka = new KafkaSinkStats(50, 45, 40, 4500, 4000, drops, 3, 300, 9);
        m.source(() -> new ProbeFigures(1000, 990, skipped, 40, 2, 5, 50, 5000, kafka, new CaptureStats(1010, 11, 1)));
        m.publish();
        String text = m.scrape();
        for (String line : new String[] {"tidewatch_probe_packets_total 1000.0", "tidewatch_probe_decoded_total 990.0",
                "tidewatch_probe_flows_total 40.0", "tidewatch_probe_evictions_total 2.0",
                "tidewatch_probe_open_flows 5.0", "tidewatch_probe_batches_total 50.0",
                "tidewatch_probe_bytes_out_total 5000.0",
                "tidewatch_probe_kafka_dropped_total{reason=\"queue_full\"} 7.0",
                "tidewatch_probe_kafka_dropped_total{reason=\"closed\"} 0.0",
                "tidewatch_probe_kafka_queue_batches 3.0", "tidewatch_probe_pcap_received_total 1010.0",
                "tidewatch_probe_pcap_dropped_total 11.0", "tidewatch_probe_pcap_if_dropped_total 1.0"}) {
            assertTrue(text.lines().anyMatch(line::equals), "missing: " + line + "\n" + text);
        }
        for (SkipReason r : SkipReason.values()) {
            String line = "tidewatch_probe_skipped_total{reason=\"" + r.label() + "\"} " + (r.ordinal() + 1) + ".0";
            assertTrue(text.lines().anyMatch(line::equals), "missing: " + line);
        }
        assertEquals(1000, m.latest().packets());
    }
}
