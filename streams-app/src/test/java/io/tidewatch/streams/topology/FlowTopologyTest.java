package io.tidewatch.streams.topology;

import static io.tidewatch.streams.topology.Batches.ACK;
import static io.tidewatch.streams.topology.Batches.FIN;
import static io.tidewatch.streams.topology.Batches.PSH;
import static io.tidewatch.streams.topology.Batches.RST;
import static io.tidewatch.streams.topology.Batches.SYN;
import static io.tidewatch.streams.topology.Batches.T0_MS;
import static io.tidewatch.streams.topology.Batches.batch;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import io.tidewatch.proto.v1.Direction;
import io.tidewatch.proto.v1.FlowEndReason;
import io.tidewatch.proto.v1.FlowKey;
import io.tidewatch.proto.v1.FlowRecord;
import io.tidewatch.streams.features.FeatureSets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Flow assembly semantics through the whole production topology (TopologyTestDriver, real registry). */
class FlowTopologyTest {

    @TempDir
    Path stateDir;

    private TopologyHarness h;

    private TopologyHarness harness(Map<String, String> settings) {
        h = new TopologyHarness(stateDir, settings);
        return h;
    }

    @AfterEach
    void close() {
        if (h != null) {
            h.close();
        }
    }

    static double feature(FlowRecord r, String name) {
        return TopologyTestsSupport.feature(r, name);
    }

    /** A batch of an unrelated flow at {@code atMs}: moves stream time forward. */
    private void tick(double atMs) {
        h.send(batch(Batches.udp(99, 5353, 98, 5353), (long) atMs).packet(atMs, true, 80, 52, 0).build());
    }

    private static FlowRecord only(List<FlowRecord> records, FlowKey key) {
        List<FlowRecord> of = records.stream().filter(r -> r.getFlow().equals(key)).toList();
        assertEquals(1, of.size(), "records of " + key.getCommunityId() + ": " + of);
        return of.get(0);
    }

    @Test
    void idleTimeoutClosesAFlowOnStreamTime() {
        harness(Map.of());
        FlowKey dns = Batches.udp(1, 40000, 2, 53);
        h.send(batch(dns, 0).packet(0, true, 70, 42, 0).packet(12, false, 120, 92, 0).build());
        tick(10_000);
        assertTrue(h.flowRecords().isEmpty(), "nothing is idle for 30 s yet");
        tick(32_000);
        FlowRecord r = only(h.flowRecords(), dns);
        assertEquals(FlowEndReason.FLOW_END_REASON_IDLE, r.getEndReason());
        assertEquals(1, r.getOriginator().getPackets());
        assertEquals(1, r.getResponder().getPackets());
        assertEquals(70, r.getOriginator().getIpBytes());
        assertEquals(120, r.getResponder().getIpBytes());
        assertEquals(ByteString.copyFrom(new byte[] {10, 0, 0, 1}), r.getOriginator().getIp());
        assertEquals(53, r.getResponder().getPort());
        assertEquals((T0_MS + 12) * 1_000_000L, r.getEndNs());
        assertEquals(12, feature(r, "both.duration_ms"), 1e-9);
        assertEquals(FeatureSets.names(FeatureSets.FLOW).size(), r.getFeaturesCount());
        assertEquals(0, r.getSegment());
    }

    @Test
    void activeTimeoutEmitsInterimSegmentsAndContinues() {
        harness(Map.of("flow.active.timeout", "10s"));
        FlowKey stream = Batches.udp(1, 5004, 2, 5004);
        // One packet a second for 25 s, in 5-packet batches.
        for (int b = 0; b < 5; b++) {
            Batches.Builder batch = batch(stream, b);
            for (int i = 0; i < 5; i++) {
                int s = b * 5 + i;
                batch.packet(s * 1000.0, true, 200, 172, 0);
            }
            h.send(batch.build());
        }
        tick(100_000);
        List<FlowRecord> records = h.flowRecords().stream().filter(r -> r.getFlow().equals(stream)).toList();
        assertEquals(3, records.size(), records.toString());
        assertEquals(FlowEndReason.FLOW_END_REASON_ACTIVE, records.get(0).getEndReason());
        assertEquals(FlowEndReason.FLOW_END_REASON_ACTIVE, records.get(1).getEndReason());
        assertEquals(FlowEndReason.FLOW_END_REASON_IDLE, records.get(2).getEndReason());
        assertEquals(List.of(0, 1, 2), records.stream().map(FlowRecord::getSegment).toList());
        // Segments [0, 10 s), [10 s, 20 s), [20 s, 25 s): 10, 10 and 5 packets, nothing lost or counted twice.
        assertEquals(List.of(10L, 10L, 5L), records.stream().map(r -> r.getOriginator().getPackets()).toList());
        Set<String> ids = new HashSet<>(records.stream().map(FlowRecord::getFlowId).toList());
        assertEquals(3, ids.size(), "a flow id per segment");
        assertEquals((T0_MS + 10_000) * 1_000_000L, records.get(1).getStartNs());
    }

    @Test
    void tcpFinBothWaysClosesAfterTheLingerWithTheLastAck() {
        harness(Map.of());
        FlowKey web = Batches.tcp(1, 51000, 2, 443);
        h.send(batch(web, 0)
                .packet(0, true, 60, 0, SYN).packet(1, false, 60, 0, SYN | ACK).packet(2, true, 52, 0, ACK)
                .packet(3, true, 552, 500, PSH | ACK).packet(5, false, 1552, 1500, PSH | ACK)
                .packet(100, true, 52, 0, FIN | ACK).packet(101, false, 52, 0, FIN | ACK).build());
        h.send(batch(web, 1).packet(102, true, 52, 0, ACK).build());
        tick(500);
        assertTrue(h.flowRecords().isEmpty(), "still within the 1 s linger");
        // Closed once stream time is past the linger by the 1 s grace (packets the probe still held may follow).
        tick(2_200);
        FlowRecord r = only(h.flowRecords(), web);
        assertEquals(FlowEndReason.FLOW_END_REASON_TCP_FIN, r.getEndReason());
        assertEquals(5, r.getOriginator().getPackets());
        assertEquals(3, r.getResponder().getPackets());
        assertEquals(2, feature(r, "both.flags.fin"));
        assertEquals(8192, feature(r, "fwd.init_window"));
        assertEquals(SYN | ACK | PSH | FIN, r.getOriginator().getTcpFlags());
    }

    @Test
    void tcpRstClosesTheFlow() {
        harness(Map.of());
        FlowKey refused = Batches.tcp(1, 51001, 2, 23);
        h.send(batch(refused, 0).packet(0, true, 60, 0, SYN).packet(1, false, 40, 0, RST | ACK).build());
        tick(3_000);
        FlowRecord r = only(h.flowRecords(), refused);
        assertEquals(FlowEndReason.FLOW_END_REASON_TCP_RST, r.getEndReason());
        assertEquals(1, feature(r, "both.flags.rst"));
    }

    @Test
    void outOfOrderBatchesMergeInTimeOrderAndDuplicatesAreDropped() {
        harness(Map.of());
        FlowKey k = Batches.udp(1, 40000, 2, 9999);
        var first = batch(k, 0).packet(0, true, 100, 72, 0).packet(10, false, 200, 172, 0).build();
        var second = batch(k, 1).packet(20, true, 300, 272, 0).packet(30, false, 400, 372, 0).build();
        h.send(second);
        h.send(first);
        h.send(first);
        tick(40_000);
        FlowRecord r = only(h.flowRecords(), k);
        assertEquals(1, r.getDuplicateBatches());
        assertEquals(0, r.getLateBatches());
        assertEquals(2, r.getOriginator().getPackets());
        assertEquals(2, r.getResponder().getPackets());
        for (int i = 0; i < 4; i++) {
            assertEquals(100 * (i + 1), feature(r, "splt." + i + ".size"));
            assertEquals(i % 2 == 0 ? 1 : -1, feature(r, "splt." + i + ".dir"));
        }
        assertEquals(10, feature(r, "both.iat_ms.min"), 1e-9);
        assertEquals(10, feature(r, "both.iat_ms.max"), 1e-9);
        assertEquals(1, h.app.counters().duplicateBatches());
    }

    @Test
    void twoProbesOfOneDomainMergeIntoOneFlow() {
        harness(Map.of());
        FlowKey k = Batches.tcp(1, 50000, 2, 80);
        // Asymmetric routing: probe-a sees the client's packets, probe-b the server's.
        h.send(batch(k, "probe-b", 0, Direction.DIRECTION_B_TO_A, 1)
                .packet(1, false, 60, 0, SYN | ACK).packet(4, false, 1500, 1448, ACK).build());
        h.send(batch(k, "probe-a", 0, Direction.DIRECTION_A_TO_B, 0)
                .packet(0, true, 60, 0, SYN).packet(2, true, 52, 0, ACK).packet(3, true, 200, 148, PSH | ACK).build());
        tick(40_000);
        FlowRecord r = only(h.flowRecords(), k);
        assertEquals(Set.of("probe-a", "probe-b"), new HashSet<>(r.getProbeIdsList()));
        // The earliest first-seen decides the originator: probe-a saw the SYN.
        assertEquals(ByteString.copyFrom(new byte[] {10, 0, 0, 1}), r.getOriginator().getIp());
        assertEquals(3, r.getOriginator().getPackets());
        assertEquals(2, r.getResponder().getPackets());
        assertEquals((T0_MS) * 1_000_000L, r.getStartNs());
        assertEquals(1, feature(r, "splt.0.dir"));
        assertEquals(-1, feature(r, "splt.1.dir"));
        assertEquals(1, feature(r, "splt.2.dir"));
        assertEquals(-1, feature(r, "splt.4.dir"));
    }

    @Test
    void batchesBeyondTheGracePeriodAreCountedAsLate() {
        harness(Map.of());
        FlowKey k = Batches.udp(1, 40001, 2, 123);
        h.send(batch(k, 0).packet(0, true, 76, 48, 0).build());
        h.send(batch(k, 2).packet(5_000, true, 76, 48, 0).build());
        h.send(batch(k, 3).packet(7_000, true, 76, 48, 0).build());
        // Stream time 7 s, grace 1 s: packets up to 5 s are folded, so a batch from 2 s can no longer be merged.
        h.send(batch(k, 1).packet(2_000, true, 76, 48, 0).build());
        tick(40_000);
        FlowRecord r = only(h.flowRecords(), k);
        assertEquals(1, r.getLateBatches());
        assertEquals(3, r.getOriginator().getPackets());
        // After the flow closed, a batch from its lifetime is late too (counted, not a new flow).
        h.send(batch(k, 4).packet(6_000, true, 76, 48, 0).build());
        tick(80_000);
        assertTrue(h.flowRecords().stream().noneMatch(x -> x.getFlow().equals(k)));
        assertEquals(2, h.app.counters().lateBatches());
    }

    @Test
    void wallClockFallbackClosesFlowsOfAQuietPartition() {
        harness(Map.of());
        FlowKey k = Batches.udp(1, 40002, 2, 161);
        h.send(batch(k, 0).packet(0, true, 90, 62, 0).packet(3, false, 300, 272, 0).build());
        h.driver.advanceWallClockTime(Duration.ofSeconds(1));
        assertTrue(h.flowRecords().isEmpty());
        h.driver.advanceWallClockTime(Duration.ofSeconds(45));
        FlowRecord r = only(h.flowRecords(), k);
        assertEquals(FlowEndReason.FLOW_END_REASON_IDLE, r.getEndReason());
        assertEquals(2, r.getOriginator().getPackets() + r.getResponder().getPackets());
    }

    @Test
    void endOfInputClosesTheFlowAtOnce() {
        harness(Map.of());
        FlowKey k = Batches.tcp(1, 40003, 2, 22);
        h.send(batch(k, 0).packet(0, true, 60, 0, SYN).packet(1, false, 60, 0, SYN | ACK)
                .end(FlowEndReason.FLOW_END_REASON_END_OF_INPUT).build());
        FlowRecord r = only(h.flowRecords(), k);
        assertEquals(FlowEndReason.FLOW_END_REASON_END_OF_INPUT, r.getEndReason());
        assertEquals(2, r.getOriginator().getPackets() + r.getResponder().getPackets());
    }

    @Test
    void flowIdsAreStableForTheSameInputAndDifferForANewConnection() {
        harness(Map.of());
        FlowKey k = Batches.tcp(1, 40004, 2, 80);
        h.send(batch(k, 0).packet(0, true, 60, 0, RST).build());
        tick(5_000);
        // Port reuse after the close: a new flow of the same 5-tuple.
        h.send(batch(k, "probe-1", 0, Direction.DIRECTION_A_TO_B, 40_000).packet(40_000, true, 60, 0, RST).build());
        tick(45_000);
        List<FlowRecord> rs = h.flowRecords().stream().filter(r -> r.getFlow().equals(k)).toList();
        assertEquals(2, rs.size());
        assertNotEquals(rs.get(0).getFlowId(), rs.get(1).getFlowId());
        assertEquals(io.tidewatch.streams.flow.FlowAssembler.flowId(k, T0_MS * 1_000_000L, 0), rs.get(0).getFlowId());
    }

    @Test
    void invalidBatchesAreCountedAndSkipped() {
        harness(Map.of());
        FlowKey k = Batches.udp(1, 40005, 2, 53);
        var bad = batch(k, 0).packet(0, true, 70, 42, 0).build().toBuilder().addIpLength(99).build();
        h.send(bad);
        h.send(batch(k, 1).packet(1, true, 70, 42, 0).build());
        tick(40_000);
        assertEquals(1, h.app.counters().invalidBatches());
        assertEquals(1, only(h.flowRecords(), k).getOriginator().getPackets());
    }

    @Test
    void anEmptyEndOfInputMarkerClosesTheFlowAtOnce() {
        harness(Map.of());
        FlowKey k = Batches.udp(1, 40007, 2, 53);
        h.send(batch(k, 0).packet(0, true, 70, 42, 0).packet(5, false, 120, 92, 0).build());
        // The probe's last batch was sent already when its input ended: the end comes as a batch without packets.
        h.send(batch(k, 1).end(FlowEndReason.FLOW_END_REASON_END_OF_INPUT).build());
        FlowRecord r = only(h.flowRecords(), k);
        assertEquals(FlowEndReason.FLOW_END_REASON_END_OF_INPUT, r.getEndReason());
        assertEquals(2, r.getOriginator().getPackets() + r.getResponder().getPackets());
        assertEquals(1, h.app.counters().endMarkers());
        assertEquals(0, h.app.counters().invalidBatches());
    }

    @Test
    void otherEndMarkersAreCountedAndLeaveTheEndToTheAppsOwnTimeouts() {
        harness(Map.of());
        FlowKey dns = Batches.udp(1, 40008, 2, 53);
        FlowKey web = Batches.tcp(1, 40009, 2, 443);
        h.send(batch(dns, 0).packet(0, true, 70, 42, 0).build());
        h.send(batch(web, 0).packet(0, true, 60, 0, SYN).build());
        h.send(batch(dns, 1).end(FlowEndReason.FLOW_END_REASON_IDLE).build());
        h.send(batch(web, 1).end(FlowEndReason.FLOW_END_REASON_EVICTED).build());
        tick(10_000);
        assertTrue(h.flowRecords().isEmpty(), "the app's idle timeout (30 s) decides, not the probe's");
        tick(31_000);
        List<FlowRecord> rs = h.flowRecords();
        assertEquals(FlowEndReason.FLOW_END_REASON_IDLE, only(rs, dns).getEndReason());
        assertEquals(FlowEndReason.FLOW_END_REASON_IDLE, only(rs, web).getEndReason());
        assertEquals(2, h.app.counters().endMarkers());
        assertEquals(0, h.app.counters().invalidBatches());
    }

    @Test
    void aClockRecordMovesTimeAndAnEmptyBatchWithoutEndOrTimeIsInvalid() {
        harness(Map.of());
        FlowKey k = Batches.udp(1, 40010, 2, 123);
        h.send(batch(k, 0).packet(0, true, 76, 48, 0).build());
        // An empty batch of a flow that ends nothing, and a keyless one without a time: both say nothing.
        h.send(batch(k, 1).build());
        h.send(io.tidewatch.proto.v1.PacketDynamicsBatch.newBuilder().setProbeId("replay").build());
        assertEquals(2, h.app.counters().invalidBatches());
        h.send(io.tidewatch.proto.v1.PacketDynamicsBatch.newBuilder().setProbeId("replay")
                .setBaseTimestampNs((T0_MS + 40_000) * 1_000_000L).build());
        assertEquals(FlowEndReason.FLOW_END_REASON_IDLE, only(h.flowRecords(), k).getEndReason());
        assertEquals(1, h.app.counters().clockRecords());
        assertEquals(2, h.app.counters().invalidBatches());
    }

    @Test
    void aNewConnectionAfterTheIdleDeadlineIsANewFlowWhenThePunctuationComesLater() {
        harness(Map.of());
        FlowKey k = Batches.udp(1, 40011, 2, 53);
        h.send(batch(k, 0).packet(0, true, 70, 42, 0).build());
        tick(30_000);
        // Stream time jumps to 31.9 s: the punctuation closes the flow, whose idle deadline was 30 s (acted on
        // after the 1 s grace).
        tick(31_900);
        assertEquals(1, only(h.flowRecords(), k).getOriginator().getPackets());
        // The probe's next connection on the same 5-tuple began at 31.5 s, after that deadline: a new flow, not
        // a late batch of the old one.
        h.send(batch(k, "probe-1", 0, Direction.DIRECTION_A_TO_B, 31_500).packet(31_500, true, 70, 42, 0).build());
        tick(70_000);
        FlowRecord second = only(h.flowRecords(), k);
        assertEquals((T0_MS + 31_500) * 1_000_000L, second.getStartNs());
        assertEquals(0, second.getLateBatches());
        assertEquals(0, h.app.counters().lateBatches());
    }

    @Test
    void packetsAfterTheIdleDeadlineStartANewFlowEvenBeforeThePunctuation() {
        harness(Map.of());
        FlowKey k = Batches.udp(1, 40012, 2, 53);
        h.send(batch(k, 0).packet(0, true, 70, 42, 0).build());
        tick(29_500);
        // 30.2 s: past the idle deadline (30 s), but no punctuation has run since 29.5 s.
        h.send(batch(k, "probe-1", 0, Direction.DIRECTION_A_TO_B, 30_200).packet(30_200, true, 70, 42, 0).build());
        tick(70_000);
        List<FlowRecord> rs = h.flowRecords().stream().filter(r -> r.getFlow().equals(k)).toList();
        assertEquals(2, rs.size(), rs.toString());
        assertEquals(FlowEndReason.FLOW_END_REASON_IDLE, rs.get(0).getEndReason());
        assertEquals(List.of(1L, 1L), rs.stream().map(r -> r.getOriginator().getPackets()).toList());
        assertEquals(0, h.app.counters().lateBatches());
    }

    @Test
    void packetsTheProbeStillHeldAtTheIdleDeadlineJoinTheirFlow() {
        harness(Map.of());
        FlowKey k = Batches.udp(1, 40014, 2, 53);
        h.send(batch(k, 0).packet(0, true, 70, 42, 0).build());
        tick(29_000);
        // Other flows' batches take stream time past the idle deadline (30 s) ...
        tick(30_600);
        // ... while the probe still held this packet of 29.9 s in its one-second batch: within the grace, it
        // belongs to the flow, which is not closed yet.
        h.send(batch(k, 1).packet(29_900, true, 70, 42, 0).build());
        tick(70_000);
        FlowRecord r = only(h.flowRecords(), k);
        assertEquals(2, r.getOriginator().getPackets());
        assertEquals(0, h.app.counters().lateBatches());
    }

    @Test
    void aSynReusingThePortsOfAnEndedConnectionStartsANewFlow() {
        harness(Map.of());
        FlowKey k = Batches.tcp(1, 40013, 2, 80);
        h.send(batch(k, 0).packet(0, true, 60, 0, SYN).packet(1, false, 60, 0, SYN | ACK)
                .packet(2, true, 60, 0, RST).build());
        // 0.5 s later, inside the 1 s linger of the RST: a new connection on the same ports (a flood's reuse).
        h.send(batch(k, "probe-1", 0, Direction.DIRECTION_A_TO_B, 500).packet(500, true, 60, 0, SYN).build());
        tick(1_500);
        // The rest of the new connection, flushed by the probe after the old flow's linger ran out.
        h.send(batch(k, "probe-1", 1, Direction.DIRECTION_A_TO_B, 500).packet(600, false, 60, 0, SYN | ACK)
                .packet(700, true, 60, 0, RST).build());
        tick(10_000);
        List<FlowRecord> rs = h.flowRecords().stream().filter(r -> r.getFlow().equals(k)).toList();
        assertEquals(2, rs.size(), rs.toString());
        assertEquals(List.of(3L, 3L), rs.stream()
                .map(r -> r.getOriginator().getPackets() + r.getResponder().getPackets()).toList());
        assertEquals(FlowEndReason.FLOW_END_REASON_TCP_RST, rs.get(0).getEndReason());
        assertEquals(0, h.app.counters().lateBatches());
    }

    @Test
    void aFastFlowKeepsABoundedReorderBufferWithoutLosingPackets() {
        harness(Map.of("flow.max.pending.packets", "8", "flow.active.timeout", "2s", "flow.grace", "5s"));
        FlowKey bulk = Batches.udp(1, 40006, 2, 9000);
        // 60 packets, 100 ms apart, in batches of 6: the grace alone would hold 50 of them back.
        for (int b = 0; b < 10; b++) {
            Batches.Builder batch = batch(bulk, b);
            for (int i = 0; i < 6; i++) {
                batch.packet((b * 6 + i) * 100.0, true, 1000, 972, 0);
            }
            h.send(batch.build());
        }
        tick(60_000);
        List<FlowRecord> rs = h.flowRecords().stream().filter(r -> r.getFlow().equals(bulk)).toList();
        // Active timeout 2 s: segments [0, 2 s), [2, 4 s), [4, 6 s): 20 packets each.
        assertEquals(List.of(20L, 20L, 20L), rs.stream().map(r -> r.getOriginator().getPackets()).toList());
        assertEquals(0, h.app.counters().lateBatches());
        assertTrue(h.app.counters().stateCacheHits() >= 9, "later batches reuse the state last written, not decode it");
    }
}
