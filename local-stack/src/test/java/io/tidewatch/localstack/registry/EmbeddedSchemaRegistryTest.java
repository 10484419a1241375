package io.tidewatch.localstack.registry;

import static io.tidewatch.localstack.registry.Http.get;
import static io.tidewatch.localstack.registry.Http.post;
import static io.tidewatch.localstack.registry.Http.schemaBody;
import static io.tidewatch.localstack.registry.Http.send;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class EmbeddedSchemaRegistryTest {

    private static final String KEY_PROTO = """
            syntax = "proto3";
            package demo;
            message Key { string id = 1; }
            """;
    private static final String VALUE_PROTO = """
            syntax = "proto3";
            package demo;
            import "demo/key.proto";
            // a brace in a comment does not count: {
            message Value { demo.Key key = 1; string note = 2 [json_name = "n}"]; }
            """;

    private EmbeddedSchemaRegistry registry;
    private String url;

    @BeforeEach
    void start() {
        registry = new EmbeddedSchemaRegistry().start();
        url = registry.url();
    }

    @AfterEach
    void stop() {
        registry.close();
    }

    @Test
    void plainHttpListsSubjectsAsCurlWould() {
        Http.Answer answer = get(url + "/subjects");
        assertEquals(200, answer.status());
        assertEquals("[]", answer.body());
        assertEquals(EmbeddedSchemaRegistry.CONTENT_TYPE, answer.contentType());
        assertEquals(1, registry.requestCount());
        assertEquals("[\"JSON\",\"PROTOBUF\",\"AVRO\"]", get(url + "/schemas/types").body());
    }

    @Test
    void registrationIsIdempotentAndIdsAreGlobal() {
        String avro = "{\"type\":\"record\",\"name\":\"A\",\"fields\":[]}";
        int first = post(url + "/subjects/a-value/versions", schemaBody(null, avro)).json().get("id").asInt();
        assertEquals(first, post(url + "/subjects/a-value/versions", schemaBody(null, avro)).json().get("id").asInt());
        // The same schema under another subject keeps its id, as in Confluent's registry.
        assertEquals(first, post(url + "/subjects/b-value/versions", schemaBody(null, avro)).json().get("id").asInt());
        String avro2 = "{\"type\":\"record\",\"name\":\"A\",\"fields\":[{\"name\":\"x\",\"type\":\"int\"}]}";
        int second = post(url + "/subjects/a-value/versions", schemaBody("AVRO", avro2)).json().get("id").asInt();
        assertNotEquals(first, second);

        assertEquals("[\"a-value\",\"b-value\"]", get(url + "/subjects").body());
        assertEquals("[1,2]", get(url + "/subjects/a-value/versions").body());
        JsonNode latest = get(url + "/subjects/a-value/versions/latest").json();
        assertEquals(2, latest.get("version").asInt());
        assertEquals(second, latest.get("id").asInt());
        assertEquals("a-value", latest.get("subject").asText());
        assertTrue(latest.get("schemaType") == null, "Avro answers leave schemaType out: " + latest);
        assertEquals(avro, get(url + "/subjects/a-value/versions/1/schema").body());
        assertEquals(second, get(url + "/subjects/a-value/versions/-1").json().get("id").asInt());
        assertEquals(avro2, get(url + "/schemas/ids/" + second).json().get("schema").asText());
        assertEquals(avro2, get(url + "/schemas/ids/" + second + "/schema").body());

        JsonNode lookup = post(url + "/subjects/a-value", schemaBody(null, avro)).json();
        assertEquals(1, lookup.get("version").asInt());
        assertEquals(first, lookup.get("id").asInt());
    }

    @Test
    void protobufWithReferencesUnderUrlEncodedSubjects() {
        Http.Answer key = post(url + "/subjects/demo%2Fkey.proto/versions", schemaBody("PROTOBUF", KEY_PROTO));
        assertEquals(200, key.status(), key.body());
        int valueId = post(url + "/subjects/values-value/versions",
                schemaBody("PROTOBUF", VALUE_PROTO, "demo/key.proto", "demo/key.proto", "1")).json().get("id").asInt();

        assertEquals("[\"demo/key.proto\",\"values-value\"]", get(url + "/subjects").body());
        JsonNode byId = get(url + "/schemas/ids/" + valueId).json();
        assertEquals("PROTOBUF", byId.get("schemaType").asText());
        assertEquals(VALUE_PROTO, byId.get("schema").asText());
        assertEquals("demo/key.proto", byId.get("references").get(0).get("name").asText());
        assertEquals("demo/key.proto", byId.get("references").get(0).get("subject").asText());
        assertEquals(1, byId.get("references").get(0).get("version").asInt());
        assertEquals(KEY_PROTO, get(url + "/subjects/demo%2Fkey.proto/versions/1").json().get("schema").asText());

        // A referenced subject cannot go while it is referenced; once the referrer is gone, it can.
        Http.Answer refused = send("DELETE", url + "/subjects/demo%2Fkey.proto", null, null);
        assertEquals(422, refused.status());
        assertEquals(42206, refused.errorCode());
        assertEquals("[1]", send("DELETE", url + "/subjects/values-value", null, null).body());
        assertEquals("[1]", send("DELETE", url + "/subjects/demo%2Fkey.proto", null, null).body());
        assertEquals("[]", get(url + "/subjects").body());
        assertEquals(40401, get(url + "/subjects/values-value/versions").errorCode());
        // Ids outlive their subjects.
        assertEquals(200, get(url + "/schemas/ids/" + valueId).status());
    }

    @Test
    void errorsCarryConfluentCodes() {
        post(url + "/subjects/a-value/versions", schemaBody("PROTOBUF", KEY_PROTO));
        expectError(get(url + "/subjects/nope-value/versions"), 404, 40401);
        expectError(get(url + "/subjects/nope-value/versions/latest"), 404, 40401);
        expectError(get(url + "/subjects/a-value/versions/9"), 404, 40402);
        expectError(get(url + "/subjects/a-value/versions/abc"), 422, 42202);
        expectError(get(url + "/subjects/a-value/versions/0"), 422, 42202);
        expectError(get(url + "/schemas/ids/999"), 404, 40403);
        expectError(post(url + "/subjects/a-value", schemaBody("PROTOBUF", VALUE_PROTO)), 404, 40403);
        expectError(post(url + "/subjects/nope-value", schemaBody("PROTOBUF", KEY_PROTO)), 404, 40401);
        // Invalid schemas: unbalanced, import without reference, reference to nothing, Avro that is not JSON, bad type.
        expectError(post(url + "/subjects/b-value/versions", schemaBody("PROTOBUF", "message A { ")), 422, 42201);
        expectError(post(url + "/subjects/b-value/versions", schemaBody("PROTOBUF", VALUE_PROTO)), 422, 42201);
        expectError(post(url + "/subjects/b-value/versions", schemaBody("PROTOBUF", VALUE_PROTO,
                "demo/key.proto", "demo/key.proto", "1")), 422, 42201);
        expectError(post(url + "/subjects/b-value/versions", schemaBody(null, "{not json")), 422, 42201);
        expectError(post(url + "/subjects/b-value/versions", schemaBody("XML", "<a/>")), 422, 42201);
        expectError(post(url + "/subjects/b-value/versions", "{\"schemaType\":\"PROTOBUF\"}"), 422, 42201);
        expectError(post(url + "/subjects/b-value/versions", "not json"), 400, 400);
        expectError(get(url + "/no/such/endpoint"), 404, 404);
        expectError(send("DELETE", url + "/subjects", null, null), 405, 405);
        assertEquals("[\"a-value\"]", get(url + "/subjects").body(), "failed registrations leave nothing behind");
        Http.Answer message = get(url + "/subjects/nope-value/versions");
        assertTrue(message.json().get("message").asText().contains("nope-value"), message.body());
    }

    @Test
    void compatibilityConfigIsStored() {
        assertEquals("BACKWARD", get(url + "/config").json().get("compatibilityLevel").asText());
        Http.Answer put = send("PUT", url + "/config", "{\"compatibility\":\"FULL\"}", null);
        assertEquals("FULL", put.json().get("compatibility").asText());
        assertEquals("FULL", get(url + "/config").json().get("compatibilityLevel").asText());
        expectError(send("PUT", url + "/config", "{\"compatibility\":\"SOMETIMES\"}", null), 422, 42203);
    }

    @Test
    void basicAuthAnswers401WithoutTheRightCredentials() {
        try (EmbeddedSchemaRegistry secured = new EmbeddedSchemaRegistry(0, "alice:s3cret").start()) {
            expectError(get(secured.url() + "/subjects"), 401, 401);
            expectError(send("GET", secured.url() + "/subjects", null, "alice:wrong"), 401, 401);
            Http.Answer ok = send("GET", secured.url() + "/subjects", null, "alice:s3cret");
            assertEquals(200, ok.status());
            assertEquals("[]", ok.body());
        }
    }

    @Test
    void servesOnAChosenPortAndRefusesBadArguments() throws IOException {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        try (EmbeddedSchemaRegistry chosen = new EmbeddedSchemaRegistry(port).start()) {
            assertEquals("http://127.0.0.1:" + port, chosen.url());
            assertEquals(200, get(chosen.url() + "/subjects").status());
            // The port is taken now: a second registry on it fails, naming it.
            RuntimeException taken = assertThrows(RuntimeException.class,
                    () -> new EmbeddedSchemaRegistry(port).start());
            assertTrue(taken.getMessage().contains(Integer.toString(port)), taken.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> new EmbeddedSchemaRegistry(70000));
        assertThrows(IllegalArgumentException.class, () -> new EmbeddedSchemaRegistry(0, "nocolon"));
        assertThrows(IllegalStateException.class, () -> new EmbeddedSchemaRegistry().url());
    }

    private static void expectError(Http.Answer answer, int status, int errorCode) {
        assertEquals(status, answer.status(), answer.body());
        assertEquals(errorCode, answer.errorCode(), answer.body());
        assertTrue(answer.json().hasNonNull("message"), answer.body());
    }
}
