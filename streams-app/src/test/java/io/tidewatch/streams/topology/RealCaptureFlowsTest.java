package io.tidewatch.streams.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tidewatch.proto.v1.FlowRecord;
import io.tidewatch.proto.v1.PacketDynamicsBatch;
import io.tidewatch.testsupport.shareddata.SharedCaptures;
import io.tidewatch.testsupport.tshark.Conversation;
import io.tidewatch.testsupport.tshark.Tshark;
import io.tidewatch.testsupport.tshark.TsharkConversations;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real captures (../shared/data/pcap) decoded by tshark, batched as a probe would, through the production
 * topology: per conversation, the packets of all its flow segments add up to tshark's own conversation table,
 * and every ECS document carries the documented fields. Skips when the data or tshark is absent.
 */
class RealCaptureFlowsTest {

    @TempDir
    Path stateDir;

    @TestFactory
    List<DynamicTest> flowsMatchTsharkConversations() throws Exception {
        List<Path> pcaps = SharedCaptures.pcaps();
        Tshark.assumeInstalled();
        List<DynamicTest> tests = new ArrayList<>();
        for (Path pcap : pcaps) {
            tests.add(DynamicTest.dynamicTest(pcap.getFileName().toString(), () -> check(pcap)));
        }
        return tests;
    }

    private void check(Path pcap) throws Exception {
        Map<Conversation, Long> expected = TsharkConversations.frames(pcap, "tcp", "udp");
        Map<Conversation, Long> actual = new TreeMap<>();
        List<String> ecs;
        try (TopologyHarness h = new TopologyHarness(stateDir.resolve(pcap.getFileName().toString()), Map.of())) {
            List<PacketDynamicsBatch> batches = new ArrayList<>();
            long last = TsharkPackets.replay(pcap, "tshark", batches::add);
            batches.forEach(h::send);
            h.closeEverythingAfter(last);
            for (FlowRecord r : h.flowRecords()) {
                if (r.getFlow().getAIp().byteAt(3) == (byte) 250 && r.getFlow().getObservationDomain() == 1) {
                    continue;
                }
                Conversation conv = Conversation.of(r.getFlow().getIpProtocol(),
                        InetAddress.getByAddress(r.getFlow().getAIp().toByteArray()).getHostAddress(), r.getFlow().getAPort(),
                        InetAddress.getByAddress(r.getFlow().getBIp().toByteArray()).getHostAddress(), r.getFlow().getBPort());
                actual.merge(conv, r.getOriginator().getPackets() + r.getResponder().getPackets(), Long::sum);
            }
            ecs = h.ecs.readValuesToList();
        }
        assertEquals(new TreeMap<>(expected), actual, pcap.getFileName() + ": packets per conversation");
        assertEquals(expected.isEmpty(), ecs.isEmpty(), pcap.getFileName() + ": an ECS document per flow");
        ObjectMapper json = new ObjectMapper();
        for (String doc : ecs) {
            JsonNode d = json.readTree(doc);
            for (String path : new String[] {"/@timestamp", "/event/kind", "/event/category", "/event/type",
                    "/event/start", "/event/end", "/event/duration", "/source/ip", "/source/port", "/source/bytes",
                    "/source/packets", "/destination/ip", "/destination/port", "/destination/bytes",
                    "/destination/packets", "/network/transport", "/network/iana_number", "/network/bytes",
                    "/network/packets", "/network/type", "/observer/name", "/observer/type", "/tidewatch/flow_id",
                    "/tidewatch/features"}) {
                assertTrue(!d.at(path).isMissingNode(), pcap.getFileName() + ": ECS field " + path + " missing in " + doc);
            }
        }
    }
}
