package io.tidewatch.probe.flow;

import com.google.protobuf.ByteString;
import io.tidewatch.proto.v1.Direction;
import io.tidewatch.proto.v1.FlowEndReason;
import io.tidewatch.proto.v1.FlowKey;
import io.tidewatch.proto.v1.PacketDynamicsBatch;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * A benchmark main, not a test (the suite never runs it): encodes the same seeded batches with the table's
 * {@link BatchEncoder} and with the generated builders plus {@code toByteArray()} (what the table did before),
 * and prints each one's nanoseconds per batch after warm-up rounds. Batch sizes follow what a synthesized capture
 * gives: mostly a handful of packets, some full batches, some empty end-of-flow markers.
 *
 * <p>Run: {@code java -cp <test classpath> io.tidewatch.probe.flow.BatchEncodeBenchmark [batches] [rounds]}
 */
public final class BatchEncodeBenchmark {

    private static final int MAX_24 = (1 << 24) - 1;

    private BatchEncodeBenchmark() {
    }

    public static void main(String[] args) {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        Flow[] flows = flows(count, new SplittableRandom(7));
        FlowKey[] keys = new FlowKey[count];
        for (int i = 0; i < count; i++) {
            Flow f = flows[i];
            int len = f.addressLength();
            keys[i] = FlowKey.newBuilder().setObservationDomain(1).setIpVersion(len == 4 ? 4 : 6)
                    .setAIp(ByteString.copyFrom(f.addresses, 0, len)).setAPort(f.aPort)
                    .setBIp(ByteString.copyFrom(f.addresses, len, len)).setBPort(f.bPort)
                    .setIpProtocol(f.protocol).setCommunityId("1:0123456789abcdefghijklmnopq=").build();
            f.keyBytes = keys[i].toByteArray();
        }
        BatchEncoder encoder = new BatchEncoder("probe-1");
        long sink = 0;
        for (int r = 0; r < rounds; r++) {
            long t0 = System.nanoTime();
            for (Flow f : flows) {
                sink += encoder.encode(f, 0, Direction.DIRECTION_A_TO_B_VALUE).length;
            }
            long t1 = System.nanoTime();
            for (int i = 0; i < count; i++) {
                sink += builder(flows[i], keys[i]).length;
            }
            long t2 = System.nanoTime();
            System.out.printf(Locale.ROOT, "round %d: encoder %.0f ns/batch, builder %.0f ns/batch%n", r,
                    (t1 - t0) / (double) count, (t2 - t1) / (double) count);
        }
        System.out.println("(checksum " + sink + ")");
    }

    private static Flow[] flows(int count, SplittableRandom r) {
        Flow[] flows = new Flow[count];
        for (int i = 0; i < count; i++) {
            int len = r.nextInt(10) == 0 ? 16 : 4;
            byte[] addresses = new byte[2 * len];
            r.nextBytes(addresses);
            Flow f = new Flow(i, 6, 40000 + r.nextInt(20000), 443, addresses, 1_700_000_000_000_000_000L, 1, 4);
            int roll = r.nextInt(10);
            int n = roll < 3 ? 0 : roll < 9 ? 1 + r.nextInt(7) : 64;
            f.count = n;
            f.columns = new long[3 * Math.max(1, n)];
            f.batchBaseNs = 1_700_000_000_000_000_000L + r.nextLong(1L << 30);
            f.batchSeq = r.nextInt(5);
            f.packetsBefore = 64L * f.batchSeq;
            long ts = f.batchBaseNs;
            for (int k = 0; k < n; k++) {
                ts += r.nextLong(50_000_000L);
                int ipLen = 40 + r.nextInt(1460);
                f.columns[3 * k] = ts;
                f.columns[3 * k + 1] = ((long) ipLen << 33) | ((long) Math.max(0, ipLen - 52) << 9) | 0x18;
                f.columns[3 * k + 2] = (65535L << 41) | (0x1AL << 9) | (64L << 1) | (k & 1);
            }
            flows[i] = f;
        }
        return flows;
    }

    /** The table's former way: a message built with the generated builder, then serialized. */
    private static byte[] builder(Flow f, FlowKey key) {
        PacketDynamicsBatch.Builder b = PacketDynamicsBatch.newBuilder().setFlow(key).setProbeId("probe-1")
                .setBatchSeq(f.batchSeq).setFlowEnd(FlowEndReason.FLOW_END_REASON_NONE)
                .setInitiator(Direction.DIRECTION_A_TO_B).setFlowFirstSeenNs(f.firstSeenNs)
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
                b.addDirectionValue((w2 & 1) == 0 ? 1 : 2);
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
}
