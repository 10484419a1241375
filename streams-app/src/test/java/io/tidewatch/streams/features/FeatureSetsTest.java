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
        assertEquals(FlowFeatures.names(16).size() + HostContextFeatures.size(), names.size());
        assertEquals(names.size(), new HashSet<>(names).size());
        assertEquals("both.packets", names.get(0));
        assertTrue(names.contains("splt.15.dir"));
        assertTrue(names.contains("host.hl200ms.weight"));
        assertTrue(names.contains("pair.hl100s.correlation"));
        assertTrue(names.contains("host.distinct_dst_ports.10s"));
        assertEquals(HostContextFeatures.size(), HostContextFeatures.names().size());
    }

    @Test
    void otherSpltLengthsAreTheirOwnSets() {
        assertEquals("tw-flow-v1-splt4", FeatureSets.flowV1Id(4));
        assertEquals(FlowFeatures.names(4).size() + HostContextFeatures.size(),
                FeatureSets.names("tw-flow-v1-splt4").size());
    }

    @Test
    void unknownIdsAreRefusedByName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FeatureSets.resolve("tw-flow-v9"));
        assertTrue(e.getMessage().contains("tw-flow-v9"));
    }
}
