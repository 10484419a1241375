package io.tidewatch.streams.labels;

import io.tidewatch.proto.v1.FlowRecord;
import io.tidewatch.proto.v1.Label;

/** One record for the label join: a flow to index or a label to apply (exactly one is set). */
record JoinInput(FlowRecord flow, Label label) {

    static JoinInput of(FlowRecord flow) {
        return new JoinInput(flow, null);
    }

    static JoinInput of(Label label) {
        return new JoinInput(null, label);
    }
}
