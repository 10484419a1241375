package io.tidewatch.streams.app;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tidewatch.config.Settings;
import io.tidewatch.streams.flow.FlowAssemblyConfig;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The app's list of setting keys names the keys its configuration objects actually read. */
class StreamsKnownKeysTest {

    @Test
    void everyFlowKeyIsKnownAndIsTheOneTheAssemblyReads() {
        for (String key : FlowAssemblyConfig.KEYS) {
            assertTrue(StreamsAppConfig.knownKeys().contains(key), key);
            // A bad value under exactly this key must reach the reader: proof the constant is the key read.
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> FlowAssemblyConfig.from(Settings.of(Map.of(key, "-5"))), key);
            assertTrue(e.getMessage().contains(key), e.getMessage());
        }
    }

    @Test
    void theRocksDbKeysAreTheOnesTheConfigReads() {
        for (String key : new String[] {StreamsAppConfig.ROCKSDB_MEMORY, StreamsAppConfig.ROCKSDB_WRITE_BUFFER_RATIO}) {
            assertTrue(StreamsAppConfig.knownKeys().contains(key), key);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> StreamsAppConfig.properties(Settings.of(Map.of("kafka.bootstrap.servers", "b:9092", key,
                            "lots")), "dlq", new java.util.concurrent.atomic.LongAdder()), key);
            assertTrue(e.getMessage().contains(key), e.getMessage());
        }
        assertTrue(StreamsAppConfig.knownKeys().contains("topics.scored-flows.ecs"));
        assertTrue(StreamsAppConfig.knownKeys().contains("topics.prefix"));
    }
}
