package io.tidewatch.probe.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tidewatch.probe.decode.DecodedPacket;
import io.tidewatch.probe.output.BatchSink;
import io.tidewatch.proto.v1.Direction;
import io.tidewatch.proto.v1.FlowEndReason;
import io.tidewatch.proto.v1.PacketDynamicsBatch;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FlowTableTest {

    private static final long S = 1_000_000_000L;
    private static final long MS = 1_000_000L;
    private static final long T0 = 1_700_000_000L * S;

    private final List<PacketDynamicsBatch> batches = new ArrayList<>();
    private final List<FlowSegment> segments = new ArrayList<>();
    private final BatchSink sink = b -> batches.add(b.decode());
    private final DecodedPacket p = new DecodedPacket();

    private FlowTable table(int batchPackets, long batchMs, long idleMs, int maxFlows, long lingerMs) {
        return new FlowTable(new FlowTableConfig(7, "probe-1", batchPackets, batchMs, idleMs, maxFlows, lingerMs, 0),
                sink, segments::add);
    }

    private static byte[] ip(String s) throws Exception {
        return InetAddress.getByName(s).getAddress();
    }

    private void packet(long ts, String src, int sport, String dst, int dport, int proto, int flags, int ipLen)
            throws Exception {
        byte[] a = ip(src);
        byte[] b = ip(dst);
        p.timestampNs = ts;
        p.ipVersion = a.length == 4 ? 4 : 6;
        p.addressLength = a.length;
        System.arraycopy(a, 0, p.srcIp, 0, a.length);
        System.arraycopy(b, 0, p.dstIp, 0, b.length);
        p.protocol = proto;
        p.srcPort = sport;
        p.dstPort = dport;
        p.ipLength = ipLen;
        p.payloadLength = Math.max(0, ipLen - 40);
        p.tcpFlags = flags;
        p.ttl = 64;
        p.tcpWindow = proto == 6 ? 1000 : 0;
        p.tcpOptions = flags == 0x02 ? 0x114 : 0;
    }

    @Test
    void tcpConversationIsOneFlowEndedByFinBothWaysAfterLinger() throws Exception {
        FlowTable t = table(64, 1000, 30_000, 100, 500);
        // The server (lower address) answers a client: the client is the initiator, B in canonical order.
        String client = "10.0.0.9";
        String server = "10.0.0.1";
        packet(T0, client, 50000, server, 80, 6, 0x02, 60);
        t.offer(p);
        packet(T0 + 1 * MS, server, 80, client, 50000, 6, 0x12, 60);
        t.offer(p);
        packet(T0 + 2 * MS, client, 50000, server, 80, 6, 0x10, 52);
        t.offer(p);
        packet(T0 + 3 * MS, client, 50000, server, 80, 6, 0x11, 52);
        t.offer(p);
        packet(T0 + 4 * MS, server, 80, client, 50000, 6, 0x11, 52);
        t.offer(p);
        packet(T0 + 5 * MS, client, 50000, server, 80, 6, 0x10, 52);
        t.offer(p);
        assertTrue(batches.isEmpty(), "still lingering for the last ACK");
        t.advanceTo(T0 + 600 * MS);
        assertEquals(1, batches.size());
        PacketDynamicsBatch b = batches.get(0);
        assertEquals(FlowEndReason.FLOW_END_REASON_TCP_FIN, b.getFlowEnd());
        assertEquals(6, b.getIpLengthCount());
        assertEquals(Direction.DIRECTION_B_TO_A, b.getInitiator());
        assertEquals(Direction.DIRECTION_B_TO_A, b.getDirection(0));
        assertEquals(Direction.DIRECTION_A_TO_B, b.getDirection(1));
        assertEquals(List.of(0L, 1000L, 1000L, 1000L, 1000L, 1000L), b.getTsDeltaUsList());
        assertEquals(T0, b.getBaseTimestampNs());
        assertEquals(T0, b.getFlowFirstSeenNs());
        assertEquals(0x114, b.getTcpOptions(0));
        assertEquals(0x12, b.getTcpFlags(1));
        assertEquals(7, b.getFlow().getObservationDomain());
        assertEquals(80, b.getFlow().getAPort());
        assertEquals(CommunityId.of(ip(client), ip(server), 6, 50000, 80), b.getFlow().getCommunityId());
        assertEquals("probe-1", b.getProbeId());
        FlowSegment s = segments.get(0);
        assertEquals(50000, s.origPort());
        assertEquals(4, s.origPackets());
        assertEquals(60 + 52 * 3, s.origIpBytes());
        assertEquals(2, s.respPackets());
        assertEquals(T0 + 5 * MS, s.lastTimestampNs());
        assertEquals(1, t.closed(FlowEndReason.FLOW_END_REASON_TCP_FIN));
        assertEquals(0, t.openFlows());
    }

    @Test
    void batchesFlushAtNPacketsAndAtTMillisCarryingSequence() throws Exception {
        FlowTable t = table(4, 1000, 30_000, 100, 1000);
        for (int i = 0; i < 10; i++) {
            packet(T0 + i * MS, "192.0.2.1", 5000, "192.0.2.2", 53, 17, 0, 80);
            t.offer(p);
        }
        assertEquals(2, batches.size());
        assertEquals(0, batches.get(0).getBatchSeq());
        assertEquals(1, batches.get(1).getBatchSeq());
        assertEquals(4, batches.get(1).getPacketsBefore());
        // Two packets wait; 1 s of packet time later (another flow's packet) they flush on age.
        packet(T0 + 1100 * MS, "198.51.100.1", 1, "198.51.100.2", 2, 17, 0, 40);
        t.offer(p);
        assertEquals(3, batches.size());
        PacketDynamicsBatch aged = batches.get(2);
        assertEquals(2, aged.getIpLengthCount());
        assertEquals(8, aged.getPacketsBefore());
        assertEquals(FlowEndReason.FLOW_END_REASON_NONE, aged.getFlowEnd());
        t.endOfInput();
        assertEquals(FlowEndReason.FLOW_END_REASON_END_OF_INPUT, batches.get(batches.size() - 1).getFlowEnd());
        assertEquals(2, t.closed(FlowEndReason.FLOW_END_REASON_END_OF_INPUT));
        long sum = segments.stream().mapToLong(s -> s.origPackets() + s.respPackets()).sum();
        assertEquals(11, sum);
    }

    @Test
    void rstClosesAndIdleFlowsExpire() throws Exception {
        FlowTable t = table(64, 1000, 30_000, 100, 0);
        packet(T0, "10.1.1.1", 1234, "10.1.1.2", 22, 6, 0x02, 60);
        t.offer(p);
        packet(T0 + MS, "10.1.1.2", 22, "10.1.1.1", 1234, 6, 0x14, 40);
        t.offer(p);
        assertEquals(1, t.closed(FlowEndReason.FLOW_END_REASON_TCP_RST));
        packet(T0 + 2 * MS, "10.1.1.3", 1, "10.1.1.4", 2, 17, 0, 40);
        t.offer(p);
        t.advanceTo(T0 + 31 * S);
        assertEquals(1, t.closed(FlowEndReason.FLOW_END_REASON_IDLE));
        assertEquals(0, t.openFlows());
    }

    @Test
    void fullTableEvictsTheIdlestAndCounts() throws Exception {
        FlowTable t = table(64, 10_000, 300_000, 3, 1000);
        for (int i = 1; i <= 3; i++) {
            packet(T0 + i * MS, "10.0.0." + i, 1000, "10.0.1.1", 80, 6, 0x02, 60);
            t.offer(p);
        }
        packet(T0 + 10 * MS, "10.0.0.1", 1000, "10.0.1.1", 80, 6, 0x10, 60); // flow 1 is busy again
        t.offer(p);
        packet(T0 + 11 * MS, "10.0.0.4", 1000, "10.0.1.1", 80, 6, 0x02, 60);
        t.offer(p);
        assertEquals(1, t.evictions());
        assertEquals(3, t.openFlows());
        FlowSegment evicted = segments.get(0);
        assertEquals(FlowEndReason.FLOW_END_REASON_EVICTED, evicted.endReason());
        assertEquals("10.0.0.2", InetAddress.getByAddress(evicted.origIp()).getHostAddress());
    }

    @Test
    void icmpEchoBothWaysIsOneFlowOneWayTypesAreNot() throws Exception {
        FlowTable t = table(64, 1000, 30_000, 100, 1000);
        packet(T0, "2001:db8::5", 128, "2001:db8::1", 0, 58, 0, 104);
        t.offer(p);
        packet(T0 + MS, "2001:db8::1", 129, "2001:db8::5", 0, 58, 0, 104);
        t.offer(p);
        assertEquals(1, t.flowsCreated());
        packet(T0 + 2 * MS, "2001:db8::1", 1, "2001:db8::5", 4, 58, 0, 104);
        t.offer(p);
        assertEquals(2, t.flowsCreated());
        t.endOfInput();
        assertEquals(CommunityId.of(ip("2001:db8::5"), ip("2001:db8::1"), 58, 128, 0),
                batches.get(0).getFlow().getCommunityId());
    }

    @Test
    void newSynDuringLingerStartsANewSegment() throws Exception {
        FlowTable t = table(64, 1000, 30_000, 100, 5000);
        packet(T0, "10.0.0.2", 4000, "10.0.0.1", 80, 6, 0x04, 40);
        t.offer(p);
        packet(T0 + MS, "10.0.0.2", 4000, "10.0.0.1", 80, 6, 0x02, 60);
        t.offer(p);
        assertEquals(1, t.closed(FlowEndReason.FLOW_END_REASON_TCP_RST));
        assertEquals(2, t.flowsCreated());
    }
}
