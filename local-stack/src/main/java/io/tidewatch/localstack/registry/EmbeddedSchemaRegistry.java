package io.tidewatch.localstack.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An in-memory schema registry speaking the subset of Confluent's REST API that serdes and tools use, over real
 * HTTP on the loopback interface, so the serde is exercised over the wire exactly as against Confluent's server.
 *
 * <p>Endpoints: {@code GET /subjects}, {@code POST /subjects/{s}/versions} (register), {@code POST /subjects/{s}}
 * (look up), {@code GET /subjects/{s}/versions}, {@code GET /subjects/{s}/versions/{n|latest}[/schema]},
 * {@code DELETE /subjects/{s}}, {@code GET /schemas/ids/{id}[/schema]}, {@code GET /schemas/types},
 * {@code GET|PUT /config}. Errors carry Confluent's {@code error_code}. Subjects in paths are percent-encoded.
 * Compatibility levels are stored but not enforced. Optional HTTP basic auth.
 */
public final class EmbeddedSchemaRegistry implements AutoCloseable {

    /** The media type of every answer. */
    public static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedSchemaRegistry.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final int requestedPort;
    private final byte[] expectedAuthorization;
    private final SchemaStore store = new SchemaStore();
    private final AtomicLong requests = new AtomicLong();
    private HttpServer server;
    private ExecutorService executor;

    /** A registry on a free loopback port, without authentication. */
    public EmbeddedSchemaRegistry() {
        this(0, null);
    }

    /** A registry on {@code port} (0 for a free one), without authentication. */
    public EmbeddedSchemaRegistry(int port) {
        this(port, null);
    }

    /**
     * A registry on {@code port} (0 for a free one) that answers 401 to any request without the HTTP basic
     * credentials {@code basicAuthUserInfo} ({@code user:password}), or open when that is null.
     */
    public EmbeddedSchemaRegistry(int port, String basicAuthUserInfo) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " is out of range; expected 0 (free port) to 65535");
        }
        if (basicAuthUserInfo != null && basicAuthUserInfo.indexOf(':') < 1) {
            throw new IllegalArgumentException("basic auth user info has no 'user:' part; expected user:password");
        }
        this.requestedPort = port;
        this.expectedAuthorization = basicAuthUserInfo == null ? null : ("Basic " + Base64.getEncoder()
                .encodeToString(basicAuthUserInfo.getBytes(StandardCharsets.UTF_8))).getBytes(StandardCharsets.UTF_8);
    }

    /** Binds the port and starts serving; answers this registry. */
    public synchronized EmbeddedSchemaRegistry start() {
        if (server != null) {
            throw new IllegalStateException("schema registry already started at " + url());
        }
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), requestedPort), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot bind the schema registry to 127.0.0.1:" + requestedPort
                    + " (in use?)", e);
        }
        AtomicInteger threads = new AtomicInteger();
        executor = Executors.newFixedThreadPool(4, runnable -> {
            Thread thread = new Thread(runnable, "schema-registry-http-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
        LOG.info("Schema registry listening at {}", url());
        return this;
    }

    /** The base URL, e.g. {@code http://127.0.0.1:8081}. */
    public String url() {
        return "http://127.0.0.1:" + port();
    }

    /** The bound port. */
    public synchronized int port() {
        if (server == null) {
            throw new IllegalStateException("schema registry is not started; call start() first");
        }
        return server.getAddress().getPort();
    }

    /** HTTP requests served so far (all endpoints, errors included): lets tests see what a client's cache saved. */
    public long requestCount() {
        return requests.get();
    }

    /** Stops serving and frees the port. */
    @Override
    public synchronized void close() {
        if (server != null) {
            server.stop(0);
            executor.shutdownNow();
            try {
                executor.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            LOG.info("Schema registry at port {} stopped", server.getAddress().getPort());
            server = null;
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        requests.incrementAndGet();
        try (exchange) {
            int status = 200;
            String body;
            try {
                checkAuthorization(exchange);
                body = route(exchange);
            } catch (RegistryError e) {
                status = e.status();
                body = error(e.errorCode(), e.getMessage());
                if (status == 401) {
                    exchange.getResponseHeaders().set("WWW-Authenticate", "Basic realm=\"SchemaRegistry\"");
                }
            } catch (RuntimeException e) {
                LOG.warn("Schema registry failed on {} {}", exchange.getRequestMethod(), exchange.getRequestURI(), e);
                status = 500;
                body = error(RegistryError.STORE_ERROR, "Error in the backend data store: " + e);
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", CONTENT_TYPE);
            exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            }
        }
    }

    private void checkAuthorization(HttpExchange exchange) {
        if (expectedAuthorization == null) {
            return;
        }
        String given = exchange.getRequestHeaders().getFirst("Authorization");
        if (given == null || !MessageDigest.isEqual(expectedAuthorization, given.getBytes(StandardCharsets.UTF_8))) {
            throw new RegistryError(401, 401, "Unauthorized");
        }
    }

    private String route(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        List<String> path = segments(exchange.getRequestURI().getRawPath());
        int n = path.size();
        if (n == 0) {
            return allow(method, "GET") ? "{}" : null;
        }
        switch (path.get(0)) {
            case "subjects" -> {
                if (n == 1) {
                    allow(method, "GET");
                    return JSON.writeValueAsString(store.subjects());
                }
                String subject = path.get(1);
                if (n == 2) {
                    if (method.equals("DELETE")) {
                        return JSON.writeValueAsString(store.delete(subject));
                    }
                    allow(method, "POST");
                    SchemaStore.Version found = store.lookup(subject, readSchema(exchange));
                    return versionJson(found).toString();
                }
                if (!path.get(2).equals("versions")) {
                    break;
                }
                if (n == 3) {
                    if (method.equals("POST")) {
                        SchemaStore.StoredSchema schema = readSchema(exchange);
                        SchemaValidator.validate(schema);
                        return JSON.createObjectNode().put("id", store.register(subject, schema)).toString();
                    }
                    allow(method, "GET");
                    return JSON.writeValueAsString(store.versions(subject).stream()
                            .map(SchemaStore.Version::version).toList());
                }
                allow(method, "GET");
                SchemaStore.Version version = store.version(subject, versionNumber(path.get(3)));
                if (n == 4) {
                    return versionJson(version).toString();
                }
                if (n == 5 && path.get(4).equals("schema")) {
                    return version.schema().schema();
                }
            }
            case "schemas" -> {
                if (n == 2 && path.get(1).equals("types")) {
                    allow(method, "GET");
                    return JSON.writeValueAsString(List.of("JSON", "PROTOBUF", "AVRO"));
                }
                if ((n == 3 || n == 4 && path.get(3).equals("schema")) && path.get(1).equals("ids")) {
                    allow(method, "GET");
                    int id;
                    try {
                        id = Integer.parseInt(path.get(2));
                    } catch (NumberFormatException e) {
                        throw RegistryError.of(RegistryError.SCHEMA_NOT_FOUND, "Schema " + path.get(2) + " not found");
                    }
                    SchemaStore.StoredSchema schema = store.schema(id);
                    return n == 4 ? schema.schema() : schemaJson(JSON.createObjectNode(), schema).toString();
                }
            }
            case "config" -> {
                if (n == 1) {
                    if (method.equals("PUT")) {
                        JsonNode request = readJson(exchange);
                        String level = request.path("compatibility").asText("");
                        store.compatibility(level);
                        return JSON.createObjectNode().put("compatibility", level).toString();
                    }
                    allow(method, "GET");
                    return JSON.createObjectNode().put("compatibilityLevel", store.compatibility()).toString();
                }
            }
            default -> {
                // falls through to 404
            }
        }
        throw new RegistryError(404, 404, "HTTP 404 Not Found");
    }

    private static boolean allow(String method, String allowed) {
        if (!method.equals(allowed)) {
            throw new RegistryError(405, 405, "HTTP 405 Method Not Allowed");
        }
        return true;
    }

    /** Path segments, percent-decoded one by one so an encoded '/' stays inside its subject. */
    private static List<String> segments(String rawPath) {
        List<String> segments = new ArrayList<>();
        for (String segment : rawPath.split("/")) {
            if (!segment.isEmpty()) {
                segments.add(URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8));
            }
        }
        return segments;
    }

    private static int versionNumber(String text) {
        if (text.equals("latest")) {
            return -1;
        }
        try {
            int version = Integer.parseInt(text);
            if (version >= 1 || version == -1) {
                return version;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw RegistryError.of(RegistryError.INVALID_VERSION, "The specified version '" + text + "' is not a valid"
                + " version id. Allowed values are between [1, 2^31-1] and the string \"latest\"");
    }

    private static JsonNode readJson(HttpExchange exchange) throws IOException {
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        try {
            JsonNode node = JSON.readTree(body);
            if (node == null || !node.isObject()) {
                throw new RegistryError(400, 400, "Request body is not a JSON object");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new RegistryError(400, 400, "Request body is not JSON: " + e.getOriginalMessage());
        }
    }

    private static SchemaStore.StoredSchema readSchema(HttpExchange exchange) throws IOException {
        JsonNode request = readJson(exchange);
        JsonNode schema = request.get("schema");
        if (schema == null || !schema.isTextual()) {
            throw RegistryError.of(RegistryError.INVALID_SCHEMA, "Invalid schema: request has no string 'schema'");
        }
        String type = request.hasNonNull("schemaType") ? request.get("schemaType").asText() : "AVRO";
        List<SchemaStore.Reference> references = new ArrayList<>();
        JsonNode refs = request.get("references");
        if (refs != null && !refs.isNull()) {
            if (!refs.isArray()) {
                throw RegistryError.of(RegistryError.INVALID_SCHEMA, "Invalid schema: 'references' is not an array");
            }
            for (JsonNode ref : refs) {
                if (!ref.path("name").isTextual() || !ref.path("subject").isTextual()
                        || !ref.path("version").canConvertToInt()) {
                    throw RegistryError.of(RegistryError.INVALID_SCHEMA, "Invalid schema: reference " + ref
                            + " lacks a name, subject or version");
                }
                references.add(new SchemaStore.Reference(ref.get("name").asText(), ref.get("subject").asText(),
                        ref.get("version").asInt()));
            }
        }
        return new SchemaStore.StoredSchema(type, schema.asText(), List.copyOf(references));
    }

    private static ObjectNode versionJson(SchemaStore.Version version) {
        ObjectNode node = JSON.createObjectNode()
                .put("subject", version.subject())
                .put("version", version.version())
                .put("id", version.id());
        return schemaJson(node, version.schema());
    }

    private static ObjectNode schemaJson(ObjectNode node, SchemaStore.StoredSchema schema) {
        // As Confluent's server: schemaType is left out for Avro, references when there are none.
        if (!schema.schemaType().equals("AVRO")) {
            node.put("schemaType", schema.schemaType());
        }
        if (!schema.references().isEmpty()) {
            ArrayNode references = node.putArray("references");
            for (SchemaStore.Reference reference : schema.references()) {
                references.addObject().put("name", reference.name()).put("subject", reference.subject())
                        .put("version", reference.version());
            }
        }
        node.put("schema", schema.schema());
        return node;
    }

    private static String error(int code, String message) {
        return JSON.createObjectNode().put("error_code", code).put("message", message).toString();
    }
}
