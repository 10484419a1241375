package io.tidewatch.probe;

import io.tidewatch.probe.capture.PacketListener;
import io.tidewatch.probe.decode.DecodeCounters;
import io.tidewatch.probe.decode.DecodedPacket;
import io.tidewatch.probe.decode.PacketDecoder;
import io.tidewatch.probe.decode.SkipReason;
import io.tidewatch.probe.flow.FlowTable;
import java.nio.ByteBuffer;

/**
 * The probe's per-packet path, fed by a capture file reader or a live capture loop alike: decode the frame's
 * headers into one reused result, count the outcome, hand decoded packets to the edge flow table.
 */
public final class ProbePipeline implements PacketListener {

    private final PacketDecoder decoder = new PacketDecoder();
    private final DecodedPacket packet = new DecodedPacket();
    private final DecodeCounters counters = new DecodeCounters();
    private final FlowTable table;

    public ProbePipeline(FlowTable table) {
        if (table == null) {
            throw new IllegalArgumentException("probe pipeline: a flow table is required, got null");
        }
        this.table = table;
    }

    @Override
    public void onPacket(int linkType, long timestampNs, ByteBuffer data, int offset, int capturedLength,
            int wireLength) {
        SkipReason reason = decoder.decode(linkType, timestampNs, data, offset, capturedLength, wireLength, packet);
        counters.count(reason);
        if (reason == null) {
            table.offer(packet);
        }
    }

    public DecodeCounters counters() {
        return counters;
    }

    public FlowTable table() {
        return table;
    }
}
