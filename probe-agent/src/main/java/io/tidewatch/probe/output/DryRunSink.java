package io.tidewatch.probe.output;

/**
 * Everything a Kafka sink does to a batch except framing and sending it: the batch arrives already serialized (the
 * flow table encodes it, for every sink alike), and this counts batches, packets and value bytes, so a dry run
 * measures the real cost of producing the messages.
 */
public final class DryRunSink implements BatchSink {

    private long batches;
    private long packets;
    private long bytes;

    @Override
    public void accept(EncodedBatch batch) {
        batches++;
        packets += batch.packets();
        bytes += batch.value().length;
    }

    public long batches() {
        return batches;
    }

    /** Packets carried by the batches seen. */
    public long packets() {
        return packets;
    }

    /** Serialized bytes of the batches seen (the PacketDynamicsBatch values, without framing). */
    public long bytes() {
        return bytes;
    }
}
