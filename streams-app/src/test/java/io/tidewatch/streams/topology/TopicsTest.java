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

    @Test
    void specsListEveryTopicOnceAndRequireTheLabelsSourceAndTheCompactedModels() {
        Topics t = Topics.from(Settings.of(Map.of("schema.registry.url", URL, "topics.prefix", "x.",
                "topics.models", "corp.models")));
        assertEquals(Topics.LOGICAL.size(), t.specs().size());
        assertEquals(Topics.LOGICAL.size(), t.configsByName().size(), "names are distinct");
        assertEquals(java.util.List.of("x.labels", "corp.models"),
                t.requiredAtStart().stream().map(Topics.Spec::name).toList());
        assertEquals(Map.of("cleanup.policy", "compact"), t.configsByName().get("corp.models"));
        assertEquals(Map.of(), t.configsByName().get("x.flows"));
        var created = t.newTopics(3, (short) 1, Map.of("retention.ms", "-1", "cleanup.policy", "delete"));
        var models = created.stream().filter(n -> n.name().equals("corp.models")).findFirst().orElseThrow();
        assertEquals("compact", models.configs().get("cleanup.policy"), "the topic's own config wins");
        assertEquals("-1", models.configs().get("retention.ms"));
        String m = Topics.missingTopicsMessage(t.requiredAtStart(), "b:9092");
        assertTrue(m.contains("x.labels, corp.models") && m.contains("b:9092")
                && m.contains("--topic corp.models --config cleanup.policy=compact"), m);
    }
}
