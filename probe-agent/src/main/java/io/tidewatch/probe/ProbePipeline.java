package io.tidewatch.probe;

import io.tidewatch.probe.anonymize.AddressPseudonymizer;
import io.tidewatch.probe.capture.PacketListener;
import io.tidewatch.probe.decode.DecodeCounters;
import io.tidewatch.probe.decode.DecodedPacket;
import io.tidewatch.probe.decode.PacketDecoder;
import io.tidewatch.probe.decode.SkipReason;
import io.tidewatch.probe.flow.FlowTable;
import java.nio.ByteBuffer;

/**
 * The probe's per-packet path, fed by a capture file reader or a live capture loop alike: decode the frame's
 * headers into one reused result, count the outcome, pseudonymize its addresses when configured (so flow keys and
 * Community IDs are computed on pseudonyms and no raw address leaves the probe), hand it to the edge flow table.
 */
public final class ProbePipeline implements PacketListener {

    private final PacketDecoder decoder = new PacketDecoder();
    private final DecodedPacket packet = new DecodedPacket();
    private final DecodeCounters counters = new DecodeCounters();
    private final FlowTable table;
    private final AddressPseudonymizer pseudonymizer;

    public ProbePipeline(FlowTable table) {
        this(table, null);
    }

    /** A pipeline that pseudonymizes every address with {@code pseudonymizer} (null: addresses pass unchanged). */
    public ProbePipeline(FlowTable table, AddressPseudonymizer pseudonymizer) {
        if (table == null) {
            throw new IllegalArgumentException("probe pipeline: a flow table is required, got null");
        }
        this.table = table;
        this.pseudonymizer = pseudonymizer;
    }

    @Override
    public void onPacket(int linkType, long timestampNs, ByteBuffer data, int offset, int capturedLength,
            int wireLength) {
        SkipReason reason = decoder.decode(linkType, timestampNs, data, offset, capturedLength, wireLength, packet);
        counters.count(reason);
        if (reason == null) {
            if (pseudonymizer != null) {
                pseudonymizer.apply(packet);
            }
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
