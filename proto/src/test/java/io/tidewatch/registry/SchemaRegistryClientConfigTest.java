package io.tidewatch.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Registry URLs may carry credentials ({@code https://user:password@host}); errors about them must not show them. */
class SchemaRegistryClientConfigTest {

    @Test
    void aBadUrlIsNamedWithoutItsCredentials() {
        for (String url : new String[] {"ftp://alice:hunter2@registry:8081", "http://alice:hunter2@:8081/x y"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> SchemaRegistryClientConfig.fromConfigs(Map.of("schema.registry.url", url)));
            assertFalse(e.getMessage().contains("hunter2"), e.getMessage());
            assertTrue(e.getMessage().contains("[redacted]@"), e.getMessage());
        }
    }

    @Test
    void userInfoIsMaskedOnlyWhereItIs() {
        assertEquals("https://[redacted]@registry:8081/a@b",
                SchemaRegistryClientConfig.withoutUserInfo("https://u:p@registry:8081/a@b"));
        assertEquals("http://registry:8081", SchemaRegistryClientConfig.withoutUserInfo("http://registry:8081"));
    }
}
