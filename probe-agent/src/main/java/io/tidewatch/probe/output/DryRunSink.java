package io.tidewatch.probe.output;

import io.tidewatch.proto.v1.PacketDynamicsBatch;

/**
 * Everything a Kafka sink does to a batch except sending it: serializes it and counts batches, packets and bytes,
 * so a dry run measures the real cost of producing the messages.
 */
public final class DryRunSink implements BatchSink {

    private long batches;
    private long packets;
    private long bytes;

    @Override
    public void accept(PacketDynamicsBatch batch) {
        byte[] wire = batch.toByteArray();
        batches++;
        packets += batch.getIpLengthCount();
        bytes += wire.length;
    }

    public long batches() {
        return batches;
    }

    /** Packets carried by the batches seen. */
    public long packets() {
        return packets;
    }

    /** Serialized bytes of the batches seen. */
    public long bytes() {
        return bytes;
    }
}
