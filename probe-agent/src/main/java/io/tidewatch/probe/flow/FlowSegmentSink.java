package io.tidewatch.probe.flow;

/** Receives each flow segment the edge table closes (for conn.log-like summaries). */
@FunctionalInterface
public interface FlowSegmentSink {

    void onSegmentClosed(FlowSegment segment);
}
