package io.tidewatch.streams.topology;

import io.tidewatch.proto.v1.FlowRecord;
import io.tidewatch.streams.features.FeatureSets;

/** Reading a named feature off a flow record, for assertions. */
final class TopologyTestsSupport {

    private TopologyTestsSupport() {
    }

    static double feature(FlowRecord r, String name) {
        int i = FeatureSets.names(r.getFeatureSet()).indexOf(name);
        if (i < 0) {
            throw new AssertionError("no feature " + name + " in " + r.getFeatureSet());
        }
        return r.getFeatures(i);
    }
}
