package io.tidewatch.serde;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tidewatch.proto.v1.FlowRecord;
import io.tidewatch.registry.SchemaRegistryClientConfig;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.types.Password;
import org.junit.jupiter.api.Test;

class ProtobufSerdeConfigTest {

    @Test
    void defaultsAreConfluents() {
        ProtobufSerdeConfig config = ProtobufSerdeConfig.fromConfigs(Map.of(), false);
        assertTrue(config.autoRegisterSchemas());
        assertFalse(config.useLatestVersion());
        assertNull(config.specificType());
    }

    @Test
    void readsBooleansAndTypes() {
        ProtobufSerdeConfig config = ProtobufSerdeConfig.fromConfigs(Map.of("auto.register.schemas", "false",
                "use.latest.version", true, "specific.protobuf.key.type", FlowRecord.class), true);
        assertFalse(config.autoRegisterSchemas());
        assertTrue(config.useLatestVersion());
        assertEquals(FlowRecord.class.getName(), config.specificType());
    }

    @Test
    void badBooleanNamesKeyAndValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ProtobufSerdeConfig.fromConfigs(Map.of("auto.register.schemas", "yes"), false));
        assertTrue(e.getMessage().contains("auto.register.schemas") && e.getMessage().contains("'yes'"),
                e.getMessage());
    }

    @Test
    void topicNameStrategy() {
        assertEquals("flows-value", ProtobufSerdeConfig.subject("flows", false));
        assertEquals("flows-key", ProtobufSerdeConfig.subject("flows", true));
        assertThrows(IllegalArgumentException.class, () -> ProtobufSerdeConfig.subject(" ", false));
    }

    @Test
    void registryUrlsAuthAndValidation() {
        SchemaRegistryClientConfig config = SchemaRegistryClientConfig.fromConfigs(Map.of(
                "schema.registry.url", "http://a:8081/, https://b:8082",
                "basic.auth.credentials.source", "USER_INFO",
                "basic.auth.user.info", new Password("alice:s3cret")));
        assertEquals(List.of(URI.create("http://a:8081"), URI.create("https://b:8082")), config.urls());
        assertEquals("alice:s3cret", config.userInfo());
        assertFalse(config.toString().contains("s3cret"));

        SchemaRegistryClientConfig fromUrl = SchemaRegistryClientConfig.fromConfigs(Map.of(
                "schema.registry.url", "http://bob:pw@reg:8081"));
        assertEquals("bob:pw", fromUrl.userInfo());
        assertEquals(List.of(URI.create("http://reg:8081")), fromUrl.urls());

        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> SchemaRegistryClientConfig.fromConfigs(Map.of()));
        assertTrue(missing.getMessage().contains("schema.registry.url"), missing.getMessage());
        IllegalArgumentException scheme = assertThrows(IllegalArgumentException.class,
                () -> SchemaRegistryClientConfig.fromConfigs(Map.of("schema.registry.url", "ftp://x")));
        assertTrue(scheme.getMessage().contains("ftp://x"), scheme.getMessage());
        IllegalArgumentException source = assertThrows(IllegalArgumentException.class,
                () -> SchemaRegistryClientConfig.fromConfigs(Map.of("schema.registry.url", "http://x",
                        "basic.auth.credentials.source", "SASL_INHERIT")));
        assertTrue(source.getMessage().contains("SASL_INHERIT"), source.getMessage());
        IllegalArgumentException store = assertThrows(IllegalArgumentException.class,
                () -> SchemaRegistryClientConfig.fromConfigs(Map.of("schema.registry.url", "https://x",
                        "schema.registry.ssl.truststore.location", "no/such/truststore.jks")));
        assertTrue(store.getMessage().contains("no/such/truststore.jks"), store.getMessage());
    }
}
