package io.tidewatch.streams.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tidewatch.proto.v1.FlowRecord;
import io.tidewatch.streams.features.FeatureSets;
import io.tidewatch.streams.host.HostContextFeatures;
import io.tidewatch.streams.topology.ProbeCapture;
import io.tidewatch.streams.topology.TopologyHarness;
import io.tidewatch.testsupport.shareddata.SharedCaptures;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The production host context's {@code pair.beacon} and {@code pair.service_repeats} equal the lab's indicators
 * ({@link LabFeatures#withBeaconing}: keep 20, rarity over 3600 s, 2 intervals, TCP, feature b; {@link
 * LabFeatures#withRepeats}: 60 s, shape {@code bwd.ip_bytes}, TCP) on the flows of real captures, taken from the
 * topology in the order its host-context stage saw them. Hosts and pairs are kept two hours here: the lab forgets
 * nothing, and the end of input moves stream time an hour on.
 */
class HostIndicatorsMatchLabTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource({"test-cc-capture-1.pcap, beacon", "test-cc-capture-2.pcap, beacon",
            "malicious-ssh-bruteforce.pcap, repeats", "test7-malicious.pcap, none"})
    void productionValuesAreTheLabsOnARealCapture(String capture, String shows) throws Exception {
        Path pcap = SharedCaptures.named(capture);
        List<FlowRecord> records;
        try (TopologyHarness h = new TopologyHarness(dir.resolve("state"), Map.of("host.retention", "2h"))) {
            h.sendWholeCapture(ProbeCapture.batches(pcap));
            records = h.flowRecords();
        }
        List<String> names = FeatureSets.names(FeatureSets.FLOW);
        int beacon = names.indexOf(HostContextFeatures.BEACON);
        int repeats = names.indexOf(HostContextFeatures.SERVICE_REPEATS);
        List<ScoringLab.Flow> flows = new ArrayList<>();
        for (FlowRecord r : records) {
            assertEquals(FeatureSets.FLOW, r.getFeatureSet());
            double[] x = r.getFeaturesList().stream().mapToDouble(Double::doubleValue).toArray();
            flows.add(new ScoringLab.Flow("", ip(r.getOriginator().getIp().toByteArray()), r.getStartNs(),
                    r.getEndNs(), x, ip(r.getResponder().getIp().toByteArray()), r.getFlow().getIpProtocol(),
                    r.getResponder().getPort()));
        }
        List<ScoringLab.Flow> labBeacon = LabFeatures.withBeaconing(flows, names, 20, 3600_000_000_000L, "b", 1, 2,
                true);
        List<ScoringLab.Flow> labRepeats = LabFeatures.withRepeats(flows, names, 60_000_000_000L, "bwd.ip_bytes",
                true);
        int beaconing = 0;
        int repeating = 0;
        for (int i = 0; i < flows.size(); i++) {
            double[] x = flows.get(i).x();
            assertEquals(last(labBeacon.get(i)), x[beacon], 1e-9, capture + " flow " + i + " pair.beacon");
            assertEquals(last(labRepeats.get(i)), x[repeats], 1e-9, capture + " flow " + i + " pair.service_repeats");
            beaconing += x[beacon] > 0 ? 1 : 0;
            repeating += x[repeats] > 0 ? 1 : 0;
        }
        assertTrue(flows.size() > 10, capture + ": " + flows.size() + " flows");
        // The comparison means something where the capture shows what it is known for.
        switch (shows) {
            case "beacon" -> assertTrue(beaconing > 10, capture + ": " + beaconing + " flows with a beacon score");
            case "repeats" -> assertTrue(repeating > 10, capture + ": " + repeating + " flows with repeats");
            default -> assertTrue(flows.size() > 300, capture + ": many hosts, rarity below 1 and flows out of order");
        }
    }

    private static double last(ScoringLab.Flow f) {
        return f.x()[f.x().length - 1];
    }

    private static String ip(byte[] address) throws UnknownHostException {
        return address.length == 0 ? "" : InetAddress.getByAddress(address).getHostAddress();
    }
}
