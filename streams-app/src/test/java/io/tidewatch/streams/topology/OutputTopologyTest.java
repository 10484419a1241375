package io.tidewatch.streams.topology;

import static io.tidewatch.streams.topology.Batches.ACK;
import static io.tidewatch.streams.topology.Batches.FIN;
import static io.tidewatch.streams.topology.Batches.PSH;
import static io.tidewatch.streams.topology.Batches.SYN;
import static io.tidewatch.streams.topology.Batches.batch;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tidewatch.proto.v1.FlowEndReason;
import io.tidewatch.proto.v1.FlowKey;
import io.tidewatch.proto.v1.FlowRecord;
import io.tidewatch.streams.app.DeadLetterHandler;
import io.tidewatch.streams.features.FeatureSets;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What leaves the topology: ECS documents, host context on flow records, dead letters. */
class OutputTopologyTest {

    @TempDir
    Path stateDir;

    private TopologyHarness h;

    @BeforeEach
    void open() {
        h = new TopologyHarness(stateDir, Map.of());
    }

    @AfterEach
    void close() {
        h.close();
    }

    @Test
    void ecsDocumentHasTheNestedFieldsSiemsRead() throws Exception {
        FlowKey web = Batches.tcp(1, 51000, 2, 443);
        h.send(batch(web, 0)
                .packet(0, true, 60, 0, SYN).packet(1, false, 60, 0, SYN | ACK).packet(2, true, 52, 0, ACK)
                .packet(3, true, 552, 500, PSH | ACK).packet(5, false, 1552, 1500, PSH | ACK)
                .packet(100, true, 52, 0, FIN | ACK).packet(101, false, 52, 0, FIN | ACK).build());
        h.send(batch(web, 1).packet(102, true, 52, 0, ACK).end(FlowEndReason.FLOW_END_REASON_END_OF_INPUT).build());

        List<TestRecord<String, String>> out = h.ecs.readRecordsToList();
        assertEquals(1, out.size());
        FlowRecord flow = h.flowRecords().get(0);
        assertEquals(flow.getFlowId(), out.get(0).key());
        JsonNode doc = new ObjectMapper().readTree(out.get(0).value());

        assertEquals("2023-11-14T22:13:20.102Z", doc.get("@timestamp").asText());
        JsonNode event = doc.get("event");
        assertEquals("event", event.get("kind").asText());
        assertEquals("network", event.get("category").get(0).asText());
        assertEquals("connection", event.get("type").get(0).asText());
        assertEquals("2023-11-14T22:13:20Z", event.get("start").asText());
        assertEquals("2023-11-14T22:13:20.102Z", event.get("end").asText());
        assertEquals(102_000_000L, event.get("duration").asLong());

        JsonNode source = doc.get("source");
        assertEquals("10.0.0.1", source.get("ip").asText());
        assertEquals(51000, source.get("port").asInt());
        assertEquals(5, source.get("packets").asLong());
        assertEquals(60 + 52 + 552 + 52 + 52, source.get("bytes").asLong());
        JsonNode destination = doc.get("destination");
        assertEquals("10.0.0.2", destination.get("ip").asText());
        assertEquals(443, destination.get("port").asInt());
        assertEquals(3, destination.get("packets").asLong());
        assertEquals(60 + 1552 + 52, destination.get("bytes").asLong());

        JsonNode network = doc.get("network");
        assertEquals("tcp", network.get("transport").asText());
        assertEquals("6", network.get("iana_number").asText());
        assertEquals(web.getCommunityId(), network.get("community_id").asText());
        assertEquals(8, network.get("packets").asLong());
        assertEquals(source.get("bytes").asLong() + destination.get("bytes").asLong(), network.get("bytes").asLong());
        assertEquals("ipv4", network.get("type").asText());

        assertEquals("probe-1", doc.get("observer").get("name").asText());
        assertEquals("sensor", doc.get("observer").get("type").asText());

        JsonNode tw = doc.get("tidewatch");
        assertEquals(flow.getFlowId(), tw.get("flow_id").asText());
        assertEquals(0, tw.get("segment").asInt());
        assertEquals("end_of_input", tw.get("end_reason").asText());
        JsonNode features = tw.get("features");
        assertEquals(FeatureSets.names(FeatureSets.FLOW).size(), features.size());
        assertEquals(8, features.get("both.packets").asDouble());
        assertEquals(1, features.get("host.hl1s.weight").asDouble(), 1e-9);
    }

    @Test
    void everyFlowCarriesItsSourceHostContextWhenItCloses() {
        // A sweep: one source touches 50 ports of one host, a SYN each, 2 ms apart; then a flow of another host.
        for (int port = 1; port <= 50; port++) {
            FlowKey k = Batches.tcp(7, 40000, 9, port);
            h.send(batch(k, 0).packet(port * 2.0, true, 44, 0, SYN)
                    .end(FlowEndReason.FLOW_END_REASON_END_OF_INPUT).build());
        }
        FlowKey other = Batches.udp(8, 40000, 9, 53);
        h.send(batch(other, 0).packet(200, true, 70, 42, 0).end(FlowEndReason.FLOW_END_REASON_END_OF_INPUT).build());
        // The sweeping source then opens a connection that carries a request, and an idle connection of its cut
        // by the idle timeout sends a keepalive: no payload, but no connection attempt either.
        FlowKey talk = Batches.tcp(7, 40001, 9, 443);
        h.send(batch(talk, 0).packet(300, true, 60, 0, SYN).packet(301, true, 140, 100, PSH | ACK)
                .end(FlowEndReason.FLOW_END_REASON_END_OF_INPUT).build());
        FlowKey keepalive = Batches.tcp(7, 40002, 9, 22);
        h.send(batch(keepalive, 0).packet(310, true, 52, 0, ACK).packet(311, false, 52, 0, ACK)
                .end(FlowEndReason.FLOW_END_REASON_END_OF_INPUT).build());

        List<FlowRecord> records = h.flowRecords();
        assertEquals(53, records.size());
        FlowRecord lastProbe = records.get(49);
        assertEquals(50, TopologyTestsSupport.feature(lastProbe, "host.distinct_dst_ports.10s"), 50 * 0.03);
        assertEquals(1, TopologyTestsSupport.feature(lastProbe, "host.distinct_dst_hosts.10s"), 0.01);
        assertTrue(TopologyTestsSupport.feature(lastProbe, "host.hl1s.weight") > 40);
        // 50 empty connections within 0.1 s, at a 60 s half-life: 50 less under 0.1% of decay.
        assertEquals(50, TopologyTestsSupport.feature(lastProbe, "host.empty_tcp"), 0.05);
        assertEquals(1, TopologyTestsSupport.feature(records.get(0), "host.empty_tcp"), 1e-12);
        FlowRecord quiet = records.get(50);
        assertEquals(1, TopologyTestsSupport.feature(quiet, "host.distinct_dst_ports.10s"), 0.01);
        assertEquals(1, TopologyTestsSupport.feature(quiet, "host.hl1s.weight"), 1e-9);
        assertEquals(0, TopologyTestsSupport.feature(quiet, "host.empty_tcp"), "UDP is never an empty connection");
        assertEquals(0, TopologyTestsSupport.feature(records.get(51), "host.empty_tcp"),
                "a connection that carried payload indicates nothing, whatever its source did before");
        assertEquals(0, TopologyTestsSupport.feature(records.get(52), "host.empty_tcp"), "a keepalive is no attempt");
    }

    @Test
    void corruptRecordsGoToTheDeadLetterTopicWithTheReasonAndProcessingContinues() {
        byte[] garbage = "not a protobuf batch".getBytes(StandardCharsets.UTF_8);
        h.rawInput.pipeInput(new byte[] {42}, garbage);
        FlowKey k = Batches.udp(1, 40000, 2, 53);
        h.send(batch(k, 0).packet(0, true, 70, 42, 0).end(FlowEndReason.FLOW_END_REASON_END_OF_INPUT).build());

        List<TestRecord<byte[], byte[]>> dead = h.deadLetters.readRecordsToList();
        assertEquals(1, dead.size());
        assertArrayEquals(garbage, dead.get(0).value());
        assertArrayEquals(new byte[] {42}, dead.get(0).key());
        Header reason = dead.get(0).headers().lastHeader(DeadLetterHandler.REASON);
        assertTrue(reason != null && new String(reason.value(), StandardCharsets.UTF_8).length() > 0);
        Header topic = dead.get(0).headers().lastHeader(DeadLetterHandler.SOURCE_TOPIC);
        assertEquals("tidewatch.packet-dynamics", new String(topic.value(), StandardCharsets.UTF_8));
        assertEquals(1, h.app.deadLetters());
        assertEquals(1, h.flowRecords().size(), "the good record after the bad one was processed");
    }
}
