package io.tidewatch.streams.topology;

import com.google.protobuf.ByteString;
import io.tidewatch.proto.v1.Direction;
import io.tidewatch.proto.v1.FlowKey;
import io.tidewatch.proto.v1.PacketDynamicsBatch;
import io.tidewatch.testsupport.tshark.Tshark;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A stand-in probe for tests on real captures: tshark decodes the pcap (an independent decoder, not ours), and
 * this class micro-batches the TCP and UDP packets per bidirectional flow as a probe does (flush at 10 packets or
 * when a batch's first packet is 500 ms behind the capture clock).
 */
final class TsharkPackets {

    static final int MAX_BATCH = 10;
    static final long FLUSH_NS = 500_000_000L;
    /** The per-packet fields read, in the order the indices below use them. */
    private static final List<String> FIELDS = List.of("frame.time_epoch", "ip.src", "ip.dst", "ipv6.src",
            "ipv6.dst", "ip.proto", "ipv6.nxt", "tcp.srcport", "tcp.dstport", "udp.srcport", "udp.dstport", "ip.len",
            "ipv6.plen", "tcp.flags", "tcp.window_size_value", "tcp.len", "udp.length", "ip.ttl", "ipv6.hlim",
            "icmp.type", "icmpv6.type");

    private TsharkPackets() {
    }

    private static final class Open {
        final FlowKey key;
        final Direction initiator;
        final long firstSeenNs;
        long seq;
        PacketDynamicsBatch.Builder batch;
        long batchFirstNs;
        long lastNs;

        Open(FlowKey key, Direction initiator, long firstSeenNs) {
            this.key = key;
            this.initiator = initiator;
            this.firstSeenNs = firstSeenNs;
        }
    }

    /**
     * Decodes {@code pcap} with tshark and hands every batch to {@code sink} in the order a probe would send
     * them. Returns the capture time of the last packet, ns.
     */
    static long replay(Path pcap, String probeId, Consumer<PacketDynamicsBatch> sink) throws IOException, InterruptedException {
        Map<String, Open> open = new LinkedHashMap<>();
        long now = 0;
        for (String[] c : Tshark.fields(pcap, null, FIELDS)) {
            boolean v4 = !c[1].isEmpty();
            boolean v6 = !v4 && !c[3].isEmpty();
            if (!v4 && !v6 || !c[19].isEmpty() || !c[20].isEmpty()) {
                continue; // not IP, or ICMP (whose error messages quote TCP/UDP headers of other packets)
            }
            int proto = Integer.parseInt(v4 ? c[5] : c[6]);
            boolean tcp = proto == 6 && !c[7].isEmpty();
            boolean udp = proto == 17 && !c[9].isEmpty();
            if (!tcp && !udp) {
                continue;
            }
            long ts = new BigDecimal(c[0]).movePointRight(9).longValueExact();
            now = Math.max(now, ts);
            byte[] src = InetAddress.getByName(v4 ? c[1] : c[3]).getAddress();
            byte[] dst = InetAddress.getByName(v4 ? c[2] : c[4]).getAddress();
            int sport = Integer.parseInt(tcp ? c[7] : c[9]);
            int dport = Integer.parseInt(tcp ? c[8] : c[10]);
            int ipLen = v4 ? Integer.parseInt(c[11]) : 40 + Integer.parseInt(c[12]);
            int payload = tcp ? Integer.parseInt(c[15]) : Math.max(0, Integer.parseInt(c[16]) - 8);
            int flags = tcp ? Integer.decode(c[13]) : 0;
            int window = tcp && !c[14].isEmpty() ? Integer.parseInt(c[14]) : 0;
            int ttl = Integer.parseInt(v4 ? c[17] : c[18]);
            boolean srcIsA = compare(src, sport, dst, dport) <= 0;
            FlowKey key = FlowKey.newBuilder().setObservationDomain(0).setIpVersion(v4 ? 4 : 6)
                    .setAIp(ByteString.copyFrom(srcIsA ? src : dst)).setAPort(srcIsA ? sport : dport)
                    .setBIp(ByteString.copyFrom(srcIsA ? dst : src)).setBPort(srcIsA ? dport : sport)
                    .setIpProtocol(proto).build();
            Direction dir = srcIsA ? Direction.DIRECTION_A_TO_B : Direction.DIRECTION_B_TO_A;
            String id = key.toString();
            Open f = open.computeIfAbsent(id, k -> new Open(key, dir, ts));
            if (f.batch == null) {
                f.batch = PacketDynamicsBatch.newBuilder().setFlow(key).setProbeId(probeId).setBatchSeq(f.seq++)
                        .setInitiator(f.initiator).setFlowFirstSeenNs(f.firstSeenNs).setBaseTimestampNs(ts);
                f.batchFirstNs = ts;
                f.lastNs = ts;
            }
            // Capture files can step back in time by a few microseconds; a probe clamps to keep deltas unsigned.
            long t = Math.max(ts, f.lastNs);
            f.batch.addTsDeltaUs((t - f.lastNs) / 1000).addDirection(dir).addIpLength(ipLen).addPayloadLength(payload)
                    .addTcpFlags(flags).addTtl(ttl).addTcpWindow(window).addTcpOptions(0);
            f.lastNs = f.lastNs + ((t - f.lastNs) / 1000) * 1000;
            if (f.batch.getTsDeltaUsCount() >= MAX_BATCH) {
                sink.accept(f.batch.build());
                f.batch = null;
            }
            for (Iterator<Open> it = open.values().iterator(); it.hasNext(); ) {
                Open o = it.next();
                if (o.batch != null && o.batchFirstNs < now - FLUSH_NS) {
                    sink.accept(o.batch.build());
                    o.batch = null;
                }
            }
        }
        for (Open o : open.values()) {
            if (o.batch != null) {
                sink.accept(o.batch.build());
            }
        }
        return now;
    }

    private static int compare(byte[] ipA, int portA, byte[] ipB, int portB) {
        int c = Arrays.compareUnsigned(ipA, ipB);
        return c != 0 ? c : Integer.compare(portA, portB);
    }
}
