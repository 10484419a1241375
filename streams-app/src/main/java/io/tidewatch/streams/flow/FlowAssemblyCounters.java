package io.tidewatch.streams.flow;

import java.util.concurrent.atomic.LongAdder;

/** What the assembler counted, across its tasks: read by the app's status and by tests. */
public final class FlowAssemblyCounters {

    final LongAdder batches = new LongAdder();
    final LongAdder packets = new LongAdder();
    final LongAdder duplicateBatches = new LongAdder();
    final LongAdder lateBatches = new LongAdder();
    final LongAdder invalidBatches = new LongAdder();
    final LongAdder flowRecords = new LongAdder();
    final LongAdder endMarkers = new LongAdder();
    final LongAdder clockRecords = new LongAdder();
    final LongAdder stateCacheHits = new LongAdder();

    public long batches() { return batches.sum(); }
    public long packets() { return packets.sum(); }
    public long duplicateBatches() { return duplicateBatches.sum(); }
    public long lateBatches() { return lateBatches.sum(); }
    /** Batches that failed validation (bad key, unequal columns) and were skipped. */
    public long invalidBatches() { return invalidBatches.sum(); }
    public long flowRecords() { return flowRecords.sum(); }
    /** Batches without packets that end a flow (the probe's end markers); END_OF_INPUT ones close it. */
    public long endMarkers() { return endMarkers.sum(); }
    /** Records without a flow key that only carry a time (a replay's end-of-input clock). */
    public long clockRecords() { return clockRecords.sum(); }
    /** Batches whose flow state was taken as last written instead of being decoded again. */
    public long stateCacheHits() { return stateCacheHits.sum(); }
}
