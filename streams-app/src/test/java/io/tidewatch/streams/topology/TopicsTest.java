package io.tidewatch.streams.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tidewatch.config.Settings;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TopicsTest {

    private static final String URL = "http://127.0.0.1:1";

    @Test
    void defaultNames() {
        Topics t = Topics.from(Settings.of(Map.of("schema.registry.url", URL)));
        assertEquals("tidewatch.packet-dynamics", t.packetDynamics().name());
        assertEquals("tidewatch.flows", t.flows().name());
        assertEquals("tidewatch.scored-flows.ecs", t.scoredFlowsEcs().name());
        assertEquals("tidewatch.dead-letter", t.deadLetter().name());
        assertEquals("tidewatch.alerts", t.name(Topics.ALERTS));
    }

    @Test
    void prefixAndSingleOverrides() {
        Topics t = Topics.from(Settings.of(Map.of("schema.registry.url", URL, "topics.prefix", "corp.nsm.",
                "topics.flows", "corp.netflow.enriched")));
        assertEquals("corp.nsm.packet-dynamics", t.packetDynamics().name());
        assertEquals("corp.netflow.enriched", t.flows().name());
    }

    @Test
    void illegalNamesAndMissingRegistryAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Topics.from(
                Settings.of(Map.of("schema.registry.url", URL, "topics.flows", "bad name"))));
        assertTrue(e.getMessage().contains("bad name") && e.getMessage().contains("topics.flows"), e.getMessage());
        IllegalArgumentException r = assertThrows(IllegalArgumentException.class, () -> Topics.from(Settings.of(Map.of())));
        assertTrue(r.getMessage().contains("schema.registry.url"), r.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Topics.from(
                Settings.of(Map.of("schema.registry.url", URL))).name("nope"));
    }
}
