package io.tidewatch.localstack.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tidewatch.registry.Schema;
import io.tidewatch.registry.SchemaReference;
import io.tidewatch.registry.SchemaRegistryClient;
import io.tidewatch.registry.SchemaRegistryClientConfig;
import io.tidewatch.registry.SchemaRegistryException;
import io.tidewatch.registry.SubjectVersion;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SchemaRegistryClientTest {

    private static final Schema KEY = Schema.protobuf("""
            syntax = "proto3";
            package demo;
            message Key { string id = 1; }
            """, List.of());

    private EmbeddedSchemaRegistry registry;

    @BeforeEach
    void start() {
        registry = new EmbeddedSchemaRegistry().start();
    }

    @AfterEach
    void stop() {
        registry.close();
    }

    private static Schema valueReferencingKey(int keyVersion) {
        return Schema.protobuf("""
                syntax = "proto3";
                package demo;
                import "demo/key.proto";
                message Value { demo.Key key = 1; }
                """, List.of(new SchemaReference("demo/key.proto", "demo/key.proto", keyVersion)));
    }

    @Test
    void registersWithReferencesAndReadsBack() {
        SchemaRegistryClient client = new SchemaRegistryClient(SchemaRegistryClientConfig.of(registry.url()));
        int keyId = client.register("demo/key.proto", KEY);
        SubjectVersion keyVersion = client.lookup("demo/key.proto", KEY);
        assertEquals(keyId, keyVersion.id());
        assertEquals(1, keyVersion.version());

        Schema value = valueReferencingKey(keyVersion.version());
        int valueId = client.register("values-value", value);
        assertEquals(List.of("demo/key.proto", "values-value"), client.subjects());
        assertEquals(List.of(1), client.versions("values-value"));

        SubjectVersion latest = client.latestVersion("values-value");
        assertEquals(valueId, latest.id());
        assertEquals(value, latest.schema());

        // A second client has empty caches: what it reads comes over HTTP.
        SchemaRegistryClient other = new SchemaRegistryClient(SchemaRegistryClientConfig.of(registry.url()));
        assertEquals(value, other.schemaById(valueId));
        assertEquals(KEY, other.version("demo/key.proto", 1).schema());
    }

    @Test
    void cachesRegistrationsLookupsAndIdsButNotLatest() {
        SchemaRegistryClient client = new SchemaRegistryClient(SchemaRegistryClientConfig.of(registry.url()));
        long before = registry.requestCount();
        int id = client.register("k-value", KEY);
        for (int i = 0; i < 10; i++) {
            assertEquals(id, client.register("k-value", KEY));
            assertEquals(KEY, client.schemaById(id));
        }
        assertEquals(before + 1, registry.requestCount(), "one registration call, the rest from cache");

        client.lookup("k-value", KEY);
        client.lookup("k-value", KEY);
        assertEquals(before + 2, registry.requestCount());

        SchemaRegistryClient reader = new SchemaRegistryClient(SchemaRegistryClientConfig.of(registry.url()));
        for (int i = 0; i < 10; i++) {
            reader.schemaById(id);
        }
        assertEquals(before + 3, registry.requestCount(), "ids are fetched once");

        client.latestVersion("k-value");
        client.latestVersion("k-value");
        assertEquals(before + 5, registry.requestCount(), "latest versions change, so they are asked each time");
    }

    @Test
    void registryErrorsNameSubjectStatusAndCode() {
        SchemaRegistryClient client = new SchemaRegistryClient(SchemaRegistryClientConfig.of(registry.url()));
        SchemaRegistryException noSubject = assertThrows(SchemaRegistryException.class,
                () -> client.latestVersion("nope-value"));
        assertEquals(404, noSubject.status());
        assertEquals(40401, noSubject.errorCode());
        assertEquals("nope-value", noSubject.subject());
        assertTrue(noSubject.getMessage().contains("'nope-value'") && noSubject.getMessage().contains("40401"),
                noSubject.getMessage());

        SchemaRegistryException noId = assertThrows(SchemaRegistryException.class, () -> client.schemaById(4242));
        assertEquals(40403, noId.errorCode());
        assertTrue(noId.getMessage().contains("4242"), noId.getMessage());

        SchemaRegistryException missingReference = assertThrows(SchemaRegistryException.class,
                () -> client.register("values-value", valueReferencingKey(3)));
        assertEquals(42201, missingReference.errorCode());
        assertTrue(missingReference.registryMessage().contains("demo/key.proto"), missingReference.getMessage());

        client.register("k-value", KEY);
        SchemaRegistryException noVersion = assertThrows(SchemaRegistryException.class,
                () -> client.version("k-value", 7));
        assertEquals(40402, noVersion.errorCode());
        assertThrows(IllegalArgumentException.class, () -> client.version("k-value", 0));
        assertThrows(IllegalArgumentException.class, () -> client.register(" ", KEY));
        assertThrows(IllegalArgumentException.class, () -> client.schemaById(-1));
    }

    @Test
    void basicAuthCredentialsAreSentAndTheirAbsenceSurfaces() {
        try (EmbeddedSchemaRegistry secured = new EmbeddedSchemaRegistry(0, "alice:s3cret").start()) {
            SchemaRegistryClient anonymous = new SchemaRegistryClient(SchemaRegistryClientConfig.of(secured.url()));
            SchemaRegistryException refused = assertThrows(SchemaRegistryException.class,
                    () -> anonymous.register("k-value", KEY));
            assertEquals(401, refused.status());
            assertTrue(refused.getMessage().contains("k-value"), refused.getMessage());

            SchemaRegistryClient wrong = SchemaRegistryClient.fromConfigs(Map.of("schema.registry.url", secured.url(),
                    "basic.auth.credentials.source", "USER_INFO", "basic.auth.user.info", "alice:nope"));
            assertEquals(401, assertThrows(SchemaRegistryException.class, wrong::subjects).status());

            SchemaRegistryClient alice = SchemaRegistryClient.fromConfigs(Map.of("schema.registry.url", secured.url(),
                    "basic.auth.credentials.source", "USER_INFO", "basic.auth.user.info", "alice:s3cret"));
            int id = alice.register("k-value", KEY);
            assertEquals(KEY, alice.schemaById(id));

            // Credentials in the URL, Confluent's default credentials source.
            SchemaRegistryClient inUrl = SchemaRegistryClient.fromConfigs(Map.of("schema.registry.url",
                    secured.url().replace("http://", "http://alice:s3cret@")));
            assertEquals(List.of("k-value"), inUrl.subjects());
        }
    }

    @Test
    void failsOverToTheNextUrlAndReportsWhenNoneAnswers() throws IOException {
        int deadPort;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            deadPort = probe.getLocalPort();
        }
        String dead = "http://127.0.0.1:" + deadPort;
        SchemaRegistryClient client = new SchemaRegistryClient(SchemaRegistryClientConfig.of(dead + "," + registry.url()));
        int id = client.register("k-value", KEY);
        assertEquals(KEY, new SchemaRegistryClient(SchemaRegistryClientConfig.of(dead + ", " + registry.url()))
                .schemaById(id));

        SchemaRegistryClient nowhere = new SchemaRegistryClient(SchemaRegistryClientConfig.of(dead));
        SchemaRegistryException unreachable = assertThrows(SchemaRegistryException.class, nowhere::subjects);
        assertEquals(-1, unreachable.status());
        assertTrue(unreachable.getMessage().contains(dead), unreachable.getMessage());
    }
}
