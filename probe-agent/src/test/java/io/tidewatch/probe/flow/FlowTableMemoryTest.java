package io.tidewatch.probe.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tidewatch.probe.decode.DecodedPacket;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * Holds 100k concurrent flows and measures retained heap per flow (target: 100k flows under 256 MB, i.e. below
 * 2,684 bytes per flow). The figures go to target/figures/flow-memory.txt for the report.
 */
class FlowTableMemoryTest {

    private static final int FLOWS = 100_000;

    @Test
    void hundredThousandFlowsFitIn256Megabytes() throws IOException {
        StringBuilder report = new StringBuilder();
        for (int packetsPerFlow : new int[] {1, 8, 63}) {
            double perFlow = measure(packetsPerFlow);
            report.append(String.format(Locale.ROOT, "flows=%d packets_buffered_per_flow=%d bytes_per_flow=%.0f total_mb=%.1f%n",
                    FLOWS, packetsPerFlow, perFlow, perFlow * FLOWS / (1 << 20)));
            assertTrue(perFlow * FLOWS < 256L << 20, String.format(Locale.ROOT,
                    "%d flows with %d packets each take %.0f bytes per flow: over the 256 MB budget",
                    FLOWS, packetsPerFlow, perFlow));
        }
        Path out = Path.of("target", "figures", "flow-memory.txt");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report.toString(), StandardCharsets.UTF_8);
    }

    private static double measure(int packetsPerFlow) {
        long[] batches = new long[1];
        FlowTableConfig config = new FlowTableConfig(0, "memory", 64, 3_600_000, 3_600_000, 262_144, 1000, 0);
        long before = usedAfterGc();
        FlowTable table = new FlowTable(config, b -> batches[0]++, null);
        DecodedPacket p = new DecodedPacket();
        p.ipVersion = 4;
        p.addressLength = 4;
        p.protocol = 6;
        p.ttl = 64;
        p.ipLength = 1500;
        p.payloadLength = 1448;
        p.tcpFlags = 0x10;
        p.tcpWindow = 500;
        long ts = 1_700_000_000_000_000_000L;
        for (int k = 0; k < packetsPerFlow; k++) {
            for (int i = 0; i < FLOWS; i++) {
                p.timestampNs = ts++;
                p.srcIp[0] = 10;
                p.srcIp[1] = (byte) (i >>> 16);
                p.srcIp[2] = (byte) (i >>> 8);
                p.srcIp[3] = (byte) i;
                p.dstIp[0] = (byte) 192;
                p.dstIp[1] = (byte) 168;
                p.dstIp[2] = 0;
                p.dstIp[3] = 1;
                p.srcPort = 40000 + (i & 0xFFF);
                p.dstPort = 443;
                table.offer(p);
            }
        }
        assertEquals(FLOWS, table.openFlows());
        assertEquals(0, batches[0]);
        long after = usedAfterGc();
        double perFlow = (after - before) / (double) FLOWS;
        // Keep the table reachable until measured.
        assertEquals(FLOWS, table.openFlows());
        return perFlow;
    }

    private static long usedAfterGc() {
        var mem = ManagementFactory.getMemoryMXBean();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 4; i++) {
            System.gc();
            used = Math.min(used, mem.getHeapMemoryUsage().getUsed());
        }
        return used;
    }
}
