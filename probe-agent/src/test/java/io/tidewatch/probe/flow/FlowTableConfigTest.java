package io.tidewatch.probe.flow;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class FlowTableConfigTest {

    private static void rejects(String expectedInMessage, Runnable r) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, r::run);
        assertTrue(e.getMessage().contains(expectedInMessage), e.getMessage());
    }

    @Test
    void badValuesAreNamed() {
        rejects("-1", () -> new FlowTableConfig(-1, "p", 64, 1000, 30_000, 10, 0, 0));
        rejects("' '", () -> new FlowTableConfig(0, " ", 64, 1000, 30_000, 10, 0, 0));
        rejects("batch packets 0", () -> new FlowTableConfig(0, "p", 0, 1000, 30_000, 10, 0, 0));
        rejects("batch time 0", () -> new FlowTableConfig(0, "p", 64, 0, 30_000, 10, 0, 0));
        rejects("idle timeout 0", () -> new FlowTableConfig(0, "p", 64, 1000, 0, 10, 0, 0));
        rejects("max flows 0", () -> new FlowTableConfig(0, "p", 64, 1000, 30_000, 0, 0, 0));
        rejects("linger -5", () -> new FlowTableConfig(0, "p", 64, 1000, 30_000, 10, -5, 0));
        rejects("seed 65536", () -> new FlowTableConfig(0, "p", 64, 1000, 30_000, 10, 0, 65536));
        rejects("sink", () -> new FlowTable(FlowTableConfig.defaults(0, "p"), null, null));
    }
}
