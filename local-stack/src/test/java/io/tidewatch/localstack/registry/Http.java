package io.tidewatch.localstack.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Plain HTTP calls to the registry, as curl would make them: no Tidewatch client code involved. */
final class Http {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    private Http() {
    }

    record Answer(int status, String contentType, String body) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }

        int errorCode() {
            return json().path("error_code").asInt(-1);
        }
    }

    static Answer get(String url) {
        return send("GET", url, null, null);
    }

    static Answer post(String url, String body) {
        return send("POST", url, body, null);
    }

    static Answer send(String method, String url, String body, String userInfo) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (body != null) {
            request.header("Content-Type", "application/vnd.schemaregistry.v1+json");
        }
        if (userInfo != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString(userInfo.getBytes(StandardCharsets.UTF_8)));
        }
        try {
            HttpResponse<String> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                    response.body());
        } catch (IOException e) {
            throw new AssertionError(method + " " + url + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** A registration body for {@code schema} of {@code type}, with optional references. */
    static String schemaBody(String type, String schema, String... referenceTriples) {
        var node = JSON.createObjectNode().put("schema", schema);
        if (type != null) {
            node.put("schemaType", type);
        }
        if (referenceTriples.length > 0) {
            var refs = node.putArray("references");
            for (int i = 0; i < referenceTriples.length; i += 3) {
                refs.addObject().put("name", referenceTriples[i]).put("subject", referenceTriples[i + 1])
                        .put("version", Integer.parseInt(referenceTriples[i + 2]));
            }
        }
        return node.toString();
    }
}
