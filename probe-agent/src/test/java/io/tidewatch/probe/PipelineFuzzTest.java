package io.tidewatch.probe;

import static io.tidewatch.probe.decode.Frames.v4;
import static io.tidewatch.probe.decode.Frames.v6;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tidewatch.probe.decode.DecodeCounters;
import io.tidewatch.probe.decode.Frames;
import io.tidewatch.probe.decode.LinkTypes;
import io.tidewatch.probe.decode.SkipReason;
import io.tidewatch.probe.flow.FlowTable;
import io.tidewatch.probe.flow.FlowTableConfig;
import io.tidewatch.probe.output.DryRunSink;
import java.nio.ByteBuffer;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Feeds 1.2M seeded mutations of valid frames (bit flips, byte overwrites, truncations, random wire lengths,
 * wrong link types, pure noise) through decoder and flow table: nothing may throw, and every frame is counted.
 */
class PipelineFuzzTest {

    private static final int FRAMES = 1_200_000;

    private static byte[][] seeds() {
        byte[] tcp = Frames.create().ipv4(20 + 32, 64, 6, 0x4000, v4(10, 0, 0, 1), v4(10, 0, 0, 2))
                .tcp(1234, 80, 0x12, 1000, new byte[] {2, 4, 5, (byte) 0xb4, 1, 1, 4, 2, 1, 3, 3, 7}).build();
        byte[] udp6 = Frames.create().ipv6(8 + 16 + 4, 0, 64, v6(1), v6(2)).u8(44).u8(0).zeros(6)
                .u8(17).u8(0).u16(1).u32(9).udp(53, 5353, 12).zeros(4).build();
        byte[] icmp = Frames.create().ipv4(28, 64, 1, 0, v4(1, 2, 3, 4), v4(5, 6, 7, 8)).u8(8).zeros(7).build();
        return new byte[][] {
            Frames.create().ethernet(0x0800).bytes(tcp).build(),
            Frames.create().ethernet(0x8100).u16(5).u16(0x88a8).u16(6).u16(0x86DD).bytes(udp6).build(),
            Frames.create().ethernet(0x86DD).bytes(udp6).build(),
            Frames.create().u16(0).u16(1).u16(6).zeros(8).u16(0x0800).bytes(icmp).build(),
            Frames.create().u16(0x86DD).u16(0).u32(2).u16(1).u8(0).u8(6).zeros(8).bytes(udp6).build(),
            tcp,
            Frames.create().u8(2).zeros(3).bytes(icmp).build(),
            Frames.create().ethernet(0x0806).zeros(28).build(),
        };
    }

    private static final int[] LINKS = {LinkTypes.ETHERNET, LinkTypes.ETHERNET, LinkTypes.ETHERNET,
        LinkTypes.LINUX_SLL, LinkTypes.LINUX_SLL2, LinkTypes.RAW, LinkTypes.NULL, LinkTypes.ETHERNET};
    private static final int[] ANY_LINK = {0, 1, 12, 14, 101, 108, 113, 228, 229, 276, 147, 9999};

    @Test
    void mutatedFramesNeverThrowAndAreAllCounted() {
        byte[][] seeds = seeds();
        SplittableRandom rnd = new SplittableRandom(20_260_101L);
        DryRunSink sink = new DryRunSink();
        FlowTable table = new FlowTable(new FlowTableConfig(1, "fuzz", 16, 50, 2_000, 2048, 100, 0), sink, null);
        ProbePipeline pipeline = new ProbePipeline(table);
        byte[] buf = new byte[4096];
        ByteBuffer bb = ByteBuffer.wrap(buf);
        long ts = 1_700_000_000_000_000_000L;
        for (int i = 0; i < FRAMES; i++) {
            int s = rnd.nextInt(seeds.length);
            byte[] seed = seeds[s];
            int off = rnd.nextInt(64);
            int len;
            int kind = rnd.nextInt(10);
            if (kind == 9) { // noise
                len = rnd.nextInt(200);
                for (int k = 0; k < len; k++) {
                    buf[off + k] = (byte) rnd.nextInt(256);
                }
            } else {
                System.arraycopy(seed, 0, buf, off, seed.length);
                len = seed.length;
                int flips = rnd.nextInt(6);
                for (int k = 0; k < flips; k++) {
                    int at = off + rnd.nextInt(len);
                    buf[at] ^= (byte) (1 << rnd.nextInt(8));
                }
                if (rnd.nextInt(4) == 0) {
                    buf[off + rnd.nextInt(len)] = (byte) rnd.nextInt(256);
                }
                if (rnd.nextInt(3) == 0) {
                    len = rnd.nextInt(len + 1);
                }
            }
            int wire = rnd.nextInt(5) == 0 ? rnd.nextInt(70_000) : len;
            int link = rnd.nextInt(8) == 0 ? ANY_LINK[rnd.nextInt(ANY_LINK.length)] : LINKS[s];
            ts += rnd.nextInt(8) == 0 ? -rnd.nextInt(1_000_000) : rnd.nextInt(2_000_000);
            pipeline.onPacket(link, ts, bb, off, len, wire);
        }
        table.endOfInput();
        DecodeCounters c = pipeline.counters();
        assertEquals(FRAMES, c.fed());
        assertEquals(FRAMES, c.decoded() + c.skippedTotal());
        assertTrue(c.decoded() > FRAMES / 10, "a fair share still decodes: " + c.decoded());
        for (SkipReason r : SkipReason.values()) {
            assertTrue(c.skipped(r) > 0, "mutations reach reason " + r);
        }
        assertEquals(c.decoded(), sink.packets(), "every decoded packet left in some batch");
        assertEquals(0, table.openFlows());
    }
}
