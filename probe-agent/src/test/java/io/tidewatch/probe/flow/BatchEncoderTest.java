package io.tidewatch.probe.flow;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.protobuf.ByteString;
import io.tidewatch.probe.decode.DecodedPacket;
import io.tidewatch.probe.output.EncodedBatch;
import io.tidewatch.proto.v1.Direction;
import io.tidewatch.proto.v1.FlowEndReason;
import io.tidewatch.proto.v1.FlowKey;
import io.tidewatch.proto.v1.PacketDynamicsBatch;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The hand-written encoder against the generated classes: for the same values, its bytes must be exactly what
 * {@code toByteArray()} of a message built with the generated builders gives (the way the table built batches
 * before), over every field, empty batches, IPv4 and IPv6 keys, extreme and default values.
 */
class BatchEncoderTest {

    private static final int MAX_24 = (1 << 24) - 1;

    /** The generated classes' encoding of a flow's current batch, built field by field from its columns. */
    private static byte[] reference(Flow f, FlowKey key, String probeId, FlowEndReason end) {
        PacketDynamicsBatch.Builder b = PacketDynamicsBatch.newBuilder()
                .setFlow(key)
                .setProbeId(probeId)
                .setBatchSeq(f.batchSeq)
                .setFlowEnd(end)
                .setInitiator(f.initiator == 1 ? Direction.DIRECTION_A_TO_B : Direction.DIRECTION_B_TO_A)
                .setFlowFirstSeenNs(f.firstSeenNs)
                .setPacketsBefore(f.packetsBefore);
        long[] c = f.columns;
        int n = f.count;
        if (n > 0) {
            long base = f.batchBaseNs;
            b.setBaseTimestampNs(base);
            long prevUs = 0;
            for (int k = 0; k < n; k++) {
                int i = 3 * k;
                long us = Math.max(0, (c[i] - base) / 1000);
                b.addTsDeltaUs(Math.max(0, us - prevUs));
                prevUs = Math.max(prevUs, us);
                long w1 = c[i + 1];
                long w2 = c[i + 2];
                b.addDirection((w2 & 1) == 0 ? Direction.DIRECTION_A_TO_B : Direction.DIRECTION_B_TO_A);
                b.addIpLength((int) (w1 >>> 33));
                b.addPayloadLength((int) ((w1 >>> 9) & MAX_24));
                b.addTcpFlags((int) (w1 & 0x1FF));
                b.addTtl((int) ((w2 >>> 1) & 0xFF));
                b.addTcpWindow((int) (w2 >>> 41));
                b.addTcpOptions((int) (w2 >>> 9));
            }
        }
        return b.build().toByteArray();
    }

    private static FlowKey referenceKey(int domain, byte[] addresses, int aPort, int bPort, int proto, String cid) {
        int len = addresses.length / 2;
        return FlowKey.newBuilder().setObservationDomain(domain).setIpVersion(len == 4 ? 4 : 6)
                .setAIp(ByteString.copyFrom(addresses, 0, len)).setAPort(aPort)
                .setBIp(ByteString.copyFrom(addresses, len, len)).setBPort(bPort)
                .setIpProtocol(proto).setCommunityId(cid).build();
    }

    private static long pick(SplittableRandom r, long... values) {
        return values[r.nextInt(values.length)];
    }

    @Test
    void everyFieldOfRandomBatchesEncodesExactlyAsTheGeneratedBuilder() {
        SplittableRandom r = new SplittableRandom(42);
        FlowEndReason[] reasons = {FlowEndReason.FLOW_END_REASON_NONE, FlowEndReason.FLOW_END_REASON_TCP_FIN,
            FlowEndReason.FLOW_END_REASON_TCP_RST, FlowEndReason.FLOW_END_REASON_IDLE,
            FlowEndReason.FLOW_END_REASON_EVICTED, FlowEndReason.FLOW_END_REASON_END_OF_INPUT};
        int empty = 0;
        for (int t = 0; t < 5_000; t++) {
            int len = r.nextBoolean() ? 4 : 16;
            byte[] addresses = new byte[2 * len];
            r.nextBytes(addresses);
            int proto = (int) pick(r, 0, 1, 6, 17, 58, 132, 255);
            int aPort = (int) pick(r, 0, 1, 80, 443, 65535, r.nextInt(65536));
            int bPort = (int) pick(r, 0, 22, 53, 65535, r.nextInt(65536));
            String probeId = r.nextInt(4) == 0 ? "" : (r.nextBoolean() ? "probe-1" : "sensor-é-" + t);
            int domain = (int) pick(r, 0, 1, 300, 0xFFFFFFFFL, r.nextInt());
            String cid = r.nextInt(8) == 0 ? "" : "1:" + Integer.toHexString(r.nextInt()) + "=";
            long firstSeen = pick(r, 0, 1, -5, Long.MAX_VALUE, 1_700_000_000_000_000_000L + r.nextLong(1L << 40));
            Flow f = new Flow(0, proto, aPort, bPort, addresses, firstSeen, r.nextBoolean() ? 1 : 2, 4);
            f.batchSeq = pick(r, 0, 1, 127, 128, Long.MAX_VALUE, r.nextLong(1_000_000));
            f.packetsBefore = pick(r, 0, 1, 300, r.nextLong(1L << 50));
            int n = r.nextInt(6) == 0 ? 0 : 1 + r.nextInt(r.nextBoolean() ? 8 : 300);
            if (n == 0) {
                empty++;
            }
            f.count = n;
            f.columns = new long[3 * Math.max(n, 1)];
            f.batchBaseNs = pick(r, 0, 1, 1_700_000_000_000_000_000L + r.nextLong(1L << 40), -1000);
            long ts = f.batchBaseNs;
            for (int k = 0; k < n; k++) {
                // Mostly forward in time, sometimes backwards (reordered capture), sometimes far apart.
                ts += pick(r, 0, 999, 1000, 1_000_000, -3_000, r.nextLong(10_000_000_000L));
                int ipLen = (int) pick(r, 0, 20, 1500, MAX_24, r.nextInt(65536));
                int payload = (int) pick(r, 0, 1460, MAX_24, r.nextInt(65536));
                int flags = (int) pick(r, 0, 0x02, 0x12, 0x1FF, r.nextInt(512));
                long window = pick(r, 0, 0xFFFF, r.nextInt(65536));
                long options = pick(r, 0, 1, 0x80000000L, 0xFFFFFFFFL, r.nextInt() & 0xFFFFFFFFL);
                long ttl = pick(r, 0, 1, 64, 255);
                int i = 3 * k;
                f.columns[i] = ts;
                f.columns[i + 1] = ((long) ipLen << 33) | ((long) payload << 9) | flags;
                f.columns[i + 2] = (window << 41) | (options << 9) | (ttl << 1) | (r.nextBoolean() ? 0 : 1);
            }
            FlowKey key = referenceKey(domain, addresses, aPort, bPort, proto, cid);
            f.keyBytes = BatchEncoder.encodeKey(domain, addresses, aPort, bPort, proto, cid);
            assertArrayEquals(key.toByteArray(), f.keyBytes, "flow key " + key);
            FlowEndReason end = reasons[r.nextInt(reasons.length)];
            byte[] expected = reference(f, key, probeId, end);
            byte[] actual = new BatchEncoder(probeId).encode(f, end.getNumber(), f.initiator == 1
                    ? Direction.DIRECTION_A_TO_B_VALUE : Direction.DIRECTION_B_TO_A_VALUE);
            assertArrayEquals(expected, actual, "batch " + t + " of " + n + " packets");
        }
        assertEquals(true, empty > 100, "empty batches were covered: " + empty);
    }

    @Test
    void batchesOfTheTableAreTheGeneratedEncodingOfWhatItWasFed() throws Exception {
        List<EncodedBatch> out = new ArrayList<>();
        FlowTable table = new FlowTable(new FlowTableConfig(3, "edge", 4, 1000, 5000, 64, 0, 0), out::add, null);
        DecodedPacket p = new DecodedPacket();
        byte[] v6a = java.net.InetAddress.getByName("2001:db8::1").getAddress();
        byte[] v6b = java.net.InetAddress.getByName("2001:db8::2").getAddress();
        long t0 = 1_700_000_000_000_000_000L;
        for (int i = 0; i < 10; i++) {
            boolean fromA = i % 3 != 1;
            p.timestampNs = t0 + i * 1_234_567L;
            p.protocol = 6;
            p.ipVersion = 6;
            p.addressLength = 16;
            System.arraycopy(fromA ? v6a : v6b, 0, p.srcIp, 0, 16);
            System.arraycopy(fromA ? v6b : v6a, 0, p.dstIp, 0, 16);
            p.srcPort = fromA ? 40000 : 443;
            p.dstPort = fromA ? 443 : 40000;
            p.tcpFlags = i == 9 ? 0x04 : 0x10;
            p.ipLength = 60 + i;
            p.payloadLength = i;
            p.ttl = 64;
            p.tcpWindow = 65535;
            p.tcpOptions = 0x80000002;
            table.offer(p);
        }
        table.endOfInput();
        assertEquals(3, out.size(), "4 + 4 + 2 packets, the last batch ended by the RST");
        int packets = 0;
        for (EncodedBatch b : out) {
            PacketDynamicsBatch parsed = b.decode();
            assertArrayEquals(parsed.toByteArray(), b.value(), "canonical encoding");
            assertArrayEquals(parsed.getFlow().toByteArray(), b.key(), "the key is the batch's FlowKey");
            assertEquals(6, parsed.getFlow().getIpVersion());
            assertEquals(ByteString.copyFrom(v6a), parsed.getFlow().getAIp());
            assertEquals("edge", parsed.getProbeId());
            assertEquals(parsed.getIpLengthCount(), b.packets());
            packets += b.packets();
        }
        assertEquals(10, packets);
        assertEquals(FlowEndReason.FLOW_END_REASON_TCP_RST, out.get(2).decode().getFlowEnd());
        assertEquals(0x80000002, out.get(0).decode().getTcpOptions(0));
    }
}
