package io.tidewatch.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A client for the Confluent Schema Registry REST API (also served by Karapace, Redpanda and Apicurio's ccompat
 * API) over the JDK's HTTP client.
 *
 * <p>Answers that never change are cached: the id of a (subject, schema) pair once registered or looked up, and
 * the schema behind an id. Latest versions are not cached here (they do change); callers that need them once
 * keep them. Thread-safe.
 */
public final class SchemaRegistryClient {

    /** The media type Confluent's registry speaks. */
    public static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final SchemaRegistryClientConfig config;
    private final HttpClient http;
    private final String authorization;
    private final Map<SubjectSchema, Integer> idsBySubjectSchema = new ConcurrentHashMap<>();
    private final Map<SubjectSchema, SubjectVersion> lookups = new ConcurrentHashMap<>();
    private final Map<Integer, Schema> schemasById = new ConcurrentHashMap<>();
    /** Index of the URL that answered last: fail over from there, so a dead first URL costs one timeout, not one per request. */
    private volatile int preferredUrl;

    /** A client for the given settings. */
    public SchemaRegistryClient(SchemaRegistryClientConfig config) {
        if (config == null) {
            throw new IllegalArgumentException("schema registry client config is null; expected settings with a URL");
        }
        this.config = config;
        this.http = HttpClient.newBuilder()
                .connectTimeout(config.timeout())
                .sslContext(config.sslContext())
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
        this.authorization = config.userInfo() == null ? null
                : "Basic " + Base64.getEncoder().encodeToString(config.userInfo().getBytes(StandardCharsets.UTF_8));
    }

    /** A client configured from Confluent-style keys ({@code schema.registry.url}, basic auth, TLS stores). */
    public static SchemaRegistryClient fromConfigs(Map<String, ?> configs) {
        return new SchemaRegistryClient(SchemaRegistryClientConfig.fromConfigs(configs));
    }

    /** The settings this client uses. */
    public SchemaRegistryClientConfig config() {
        return config;
    }

    /**
     * Registers {@code schema} under {@code subject} ({@code POST /subjects/{s}/versions}) and answers its global
     * id. Registering the same schema again answers the same id; the answer is cached.
     */
    public int register(String subject, Schema schema) {
        checkSubject(subject);
        checkSchema(schema);
        SubjectSchema key = new SubjectSchema(subject, schema);
        Integer cached = idsBySubjectSchema.get(key);
        if (cached != null) {
            return cached;
        }
        JsonNode answer = send("subject '" + subject + "'", subject, "POST",
                "/subjects/" + encode(subject) + "/versions", body(schema));
        int id = requiredInt(answer, "id", subject);
        idsBySubjectSchema.put(key, id);
        schemasById.putIfAbsent(id, schema);
        return id;
    }

    /**
     * Finds {@code schema} among the versions of {@code subject} ({@code POST /subjects/{s}}) without registering
     * it. Cached.
     *
     * @throws SchemaRegistryException with error code 40401 (no such subject) or 40403 (schema not registered)
     */
    public SubjectVersion lookup(String subject, Schema schema) {
        checkSubject(subject);
        checkSchema(schema);
        SubjectSchema key = new SubjectSchema(subject, schema);
        SubjectVersion cached = lookups.get(key);
        if (cached != null) {
            return cached;
        }
        JsonNode answer = send("subject '" + subject + "'", subject, "POST", "/subjects/" + encode(subject),
                body(schema));
        SubjectVersion found = subjectVersion(answer, subject);
        lookups.put(key, found);
        idsBySubjectSchema.putIfAbsent(key, found.id());
        schemasById.putIfAbsent(found.id(), found.schema());
        return found;
    }

    /** The latest version of {@code subject} ({@code GET /subjects/{s}/versions/latest}); not cached. */
    public SubjectVersion latestVersion(String subject) {
        return version(subject, "latest");
    }

    /** One version of {@code subject} ({@code GET /subjects/{s}/versions/{v}}). */
    public SubjectVersion version(String subject, int version) {
        if (version < 1) {
            throw new IllegalArgumentException("version " + version + " of subject '" + subject
                    + "' is not positive; expected a version >= 1");
        }
        return version(subject, Integer.toString(version));
    }

    private SubjectVersion version(String subject, String version) {
        checkSubject(subject);
        JsonNode answer = send("subject '" + subject + "'", subject, "GET",
                "/subjects/" + encode(subject) + "/versions/" + version, null);
        SubjectVersion found = subjectVersion(answer, subject);
        schemasById.putIfAbsent(found.id(), found.schema());
        return found;
    }

    /**
     * The schema registered under {@code id} ({@code GET /schemas/ids/{id}}); cached, since ids never change.
     *
     * @throws SchemaRegistryException with error code 40403 when no schema has that id
     */
    public Schema schemaById(int id) {
        if (id < 0) {
            throw new IllegalArgumentException("schema id " + id + " is negative; expected an id >= 0");
        }
        Schema cached = schemasById.get(id);
        if (cached != null) {
            return cached;
        }
        JsonNode answer = send("schema id " + id, null, "GET", "/schemas/ids/" + id, null);
        Schema schema = schema(answer, "schema id " + id);
        schemasById.put(id, schema);
        return schema;
    }

    /** All subjects ({@code GET /subjects}). */
    public List<String> subjects() {
        JsonNode answer = send("the subject list", null, "GET", "/subjects", null);
        List<String> subjects = new ArrayList<>();
        answer.forEach(node -> subjects.add(node.asText()));
        return subjects;
    }

    /** The versions of {@code subject} ({@code GET /subjects/{s}/versions}). */
    public List<Integer> versions(String subject) {
        checkSubject(subject);
        JsonNode answer = send("subject '" + subject + "'", subject, "GET",
                "/subjects/" + encode(subject) + "/versions", null);
        List<Integer> versions = new ArrayList<>();
        answer.forEach(node -> versions.add(node.asInt()));
        return versions;
    }

    private JsonNode send(String about, String subject, String method, String path, String body) {
        List<URI> urls = config.urls();
        int start = preferredUrl;
        IOException lastFailure = null;
        for (int attempt = 0; attempt < urls.size(); attempt++) {
            int index = (start + attempt) % urls.size();
            URI target = URI.create(urls.get(index) + path);
            HttpRequest.Builder request = HttpRequest.newBuilder(target)
                    .timeout(config.timeout())
                    .header("Accept", CONTENT_TYPE + ", application/json");
            if (authorization != null) {
                request.header("Authorization", authorization);
            }
            if (body == null) {
                request.method(method, HttpRequest.BodyPublishers.noBody());
            } else {
                request.header("Content-Type", CONTENT_TYPE)
                        .method(method, HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
            }
            HttpResponse<String> response;
            try {
                response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            } catch (IOException e) {
                // Unreachable: try the next URL, as Confluent's client does. An HTTP error answer is not retried.
                lastFailure = e;
                continue;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SchemaRegistryException(about, subject, -1, -1, "interrupted during " + method + " "
                        + target, e);
            }
            preferredUrl = index;
            return parse(about, subject, method, target, response);
        }
        throw new SchemaRegistryException(about, subject, -1, -1, "no schema registry reachable at " + urls
                + " (" + (lastFailure == null ? "no URL" : lastFailure.toString()) + ")", lastFailure);
    }

    private static JsonNode parse(String about, String subject, String method, URI target,
                                  HttpResponse<String> response) {
        int status = response.statusCode();
        JsonNode json = null;
        try {
            json = response.body() == null || response.body().isBlank() ? null : JSON.readTree(response.body());
        } catch (IOException e) {
            // Not JSON: report the status and the raw body below.
        }
        if (status >= 200 && status < 300) {
            if (json == null) {
                throw new SchemaRegistryException(about, subject, status, -1, "answer to " + method + " " + target
                        + " is not JSON: '" + abbreviate(response.body()) + "'", null);
            }
            return json;
        }
        int errorCode = json != null && json.has("error_code") ? json.get("error_code").asInt(-1) : -1;
        String message = json != null && json.hasNonNull("message") ? json.get("message").asText()
                : abbreviate(response.body());
        throw new SchemaRegistryException(about, subject, status, errorCode, message + " (" + method + " " + target
                + ")", null);
    }

    private static String abbreviate(String body) {
        if (body == null) {
            return "";
        }
        return body.length() > 300 ? body.substring(0, 300) + "..." : body;
    }

    private static String body(Schema schema) {
        ObjectNode node = JSON.createObjectNode();
        node.put("schema", schema.schema());
        // Confluent omits schemaType for Avro, its default; older registries reject the field.
        if (!"AVRO".equals(schema.schemaType())) {
            node.put("schemaType", schema.schemaType());
        }
        if (!schema.references().isEmpty()) {
            ArrayNode references = node.putArray("references");
            for (SchemaReference reference : schema.references()) {
                references.addObject()
                        .put("name", reference.name())
                        .put("subject", reference.subject())
                        .put("version", reference.version());
            }
        }
        return node.toString();
    }

    private static SubjectVersion subjectVersion(JsonNode answer, String subject) {
        return new SubjectVersion(answer.hasNonNull("subject") ? answer.get("subject").asText() : subject,
                requiredInt(answer, "version", subject), requiredInt(answer, "id", subject),
                schema(answer, "subject '" + subject + "'"));
    }

    private static Schema schema(JsonNode answer, String about) {
        if (!answer.hasNonNull("schema")) {
            throw new SchemaRegistryException(about, null, 200, -1, "answer has no 'schema' field: " + answer, null);
        }
        String type = answer.hasNonNull("schemaType") ? answer.get("schemaType").asText() : "AVRO";
        List<SchemaReference> references = new ArrayList<>();
        JsonNode refs = answer.get("references");
        if (refs != null) {
            for (JsonNode ref : refs) {
                references.add(new SchemaReference(ref.path("name").asText(), ref.path("subject").asText(),
                        ref.path("version").asInt()));
            }
        }
        return new Schema(type, answer.get("schema").asText(), references);
    }

    private static int requiredInt(JsonNode answer, String field, String subject) {
        JsonNode value = answer.get(field);
        if (value == null || !value.canConvertToInt()) {
            throw new SchemaRegistryException("subject '" + subject + "'", subject, 200, -1, "answer has no integer '"
                    + field + "': " + answer, null);
        }
        return value.asInt();
    }

    private static void checkSubject(String subject) {
        if (subject == null || subject.isBlank()) {
            throw new IllegalArgumentException("subject '" + subject + "' is blank; expected e.g. flows-value");
        }
    }

    private static void checkSchema(Schema schema) {
        if (schema == null) {
            throw new IllegalArgumentException("schema is null; expected a schema to register or look up");
        }
    }

    /** Subjects such as {@code tidewatch/v1/flow_key.proto} carry slashes: they travel percent-encoded. */
    private static String encode(String subject) {
        return URLEncoder.encode(subject, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private record SubjectSchema(String subject, Schema schema) {
    }
}
