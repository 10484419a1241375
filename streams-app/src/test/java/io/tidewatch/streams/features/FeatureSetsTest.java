package io.tidewatch.streams.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tidewatch.proto.v1.FeatureSet;
import io.tidewatch.streams.host.HostContextFeatures;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class FeatureSetsTest {

    @Test
    void flowV1ResolvesToFlowThenHostNamesWithoutDuplicates() {
        FeatureSet set = FeatureSets.resolve(FeatureSets.FLOW_V1);
        List<String> names = set.getNamesList();
        assertEquals(FlowFeatures.names(16).size() + HostContextFeatures.size(1), names.size());
        assertEquals(names.size(), new HashSet<>(names).size());
        assertEquals("both.packets", names.get(0));
        assertTrue(names.contains("splt.15.dir"));
        assertTrue(names.contains("host.hl200ms.weight"));
        assertTrue(names.contains("pair.hl100s.correlation"));
        assertTrue(names.contains("host.distinct_dst_ports.10s"));
        assertEquals(HostContextFeatures.size(1), HostContextFeatures.names(1).size());
        assertTrue(!names.contains("pair.beacon") && !names.contains("pair.service_repeats"), "v1 keeps its names");
        assertEquals(1, FeatureSets.hostContextVersion(FeatureSets.FLOW_V1));
    }

    @Test
    void flowV2IsV1WithTheTwoPairIndicatorsAtTheEnd() {
        List<String> v1 = FeatureSets.names(FeatureSets.FLOW_V1);
        List<String> v2 = FeatureSets.names(FeatureSets.FLOW_V2);
        assertEquals(v1.size() + 2, v2.size());
        assertEquals(v1, v2.subList(0, v1.size()));
        assertEquals(List.of("pair.beacon", "pair.service_repeats"), v2.subList(v1.size(), v2.size()));
        assertEquals(2, FeatureSets.hostContextVersion("tw-flow-v2-splt4"));
    }

    @Test
    void flowV3IsV2WithTheSourceIndicatorAtTheEndAndNewRecordsCarryIt() {
        List<String> v2 = FeatureSets.names(FeatureSets.FLOW_V2);
        List<String> v3 = FeatureSets.names(FeatureSets.FLOW_V3);
        assertEquals(v2, v3.subList(0, v2.size()));
        assertEquals(List.of("host.empty_tcp"), v3.subList(v2.size(), v3.size()));
        assertEquals(HostContextFeatures.size(), HostContextFeatures.names().size());
        assertEquals("tw-flow-v3", FeatureSets.flowId(16));
        assertEquals(FeatureSets.FLOW_V3, FeatureSets.FLOW);
        assertEquals(3, FeatureSets.hostContextVersion("tw-flow-v3-splt4"));
    }

    @Test
    void otherSpltLengthsAreTheirOwnSets() {
        assertEquals("tw-flow-v3-splt4", FeatureSets.flowId(4));
        assertEquals("tw-flow-v1-splt4", FeatureSets.flowId(1, 4));
        assertEquals(FlowFeatures.names(4).size() + HostContextFeatures.size(1),
                FeatureSets.names("tw-flow-v1-splt4").size());
        assertEquals(FlowFeatures.names(4).size() + HostContextFeatures.size(2),
                FeatureSets.names("tw-flow-v2-splt4").size());
    }

    @Test
    void unknownIdsAreRefusedByName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FeatureSets.resolve("tw-flow-v9"));
        assertTrue(e.getMessage().contains("tw-flow-v9"));
        e = assertThrows(IllegalArgumentException.class, () -> FeatureSets.hostContextVersion("tw-flow-v4"));
        assertTrue(e.getMessage().contains("'tw-flow-v4'") && e.getMessage().contains("1..3"), e.getMessage());
    }
}
