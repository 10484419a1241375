package io.tidewatch.streams.rest;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.QueryableStoreType;

/**
 * Answers a key lookup where the key lives: on this instance when it owns the key's partition (active task),
 * otherwise by forwarding the same request to the owner that Kafka Streams names for the key
 * ({@code application.server} of each instance). A forwarded request is never forwarded again: if ownership moved
 * in between, the caller gets 503 and retries.
 */
public final class InteractiveQueries {

    /** Marks a request one instance forwarded to another. */
    public static final String FORWARDED_HEADER = "X-Tidewatch-Forwarded";
    /** Names the instance ({@code host:port}) whose stores answered. */
    public static final String SERVED_BY_HEADER = "X-Tidewatch-Served-By";

    private final Supplier<KafkaStreams> streams;
    private final HostInfo self;
    private final Optional<String> token;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .version(HttpClient.Version.HTTP_1_1).build();

    public InteractiveQueries(Supplier<KafkaStreams> streams, HostInfo self, Optional<String> token) {
        this.streams = streams;
        this.self = self;
        this.token = token;
    }

    /** A JSON answer and the instance that produced it. */
    public record Answer(int status, String json, String servedBy) {
    }

    public HostInfo self() {
        return self;
    }

    /**
     * Looks {@code key} up in {@code store}: {@code local} reads the owning partition's store here; otherwise the
     * request ({@code pathAndQuery}, raw) goes to the owner. {@code keySerializer} must write the key as the
     * topology partitioned it; {@code type} is the store's queryable type.
     */
    public <K, T> Answer lookup(String store, K key, Serializer<K> keySerializer, QueryableStoreType<T> type,
            String pathAndQuery, boolean forwarded, Function<T, Answer> local) {
        KafkaStreams s = streams.get();
        if (s == null) {
            return error(503, "the streams client has not started", null);
        }
        KafkaStreams.State state = s.state();
        if (state != KafkaStreams.State.RUNNING && state != KafkaStreams.State.REBALANCING) {
            return error(503, "the streams client is " + state, state);
        }
        KeyQueryMetadata owner = s.queryMetadataForKey(store, key, keySerializer);
        if (owner == null || owner.equals(KeyQueryMetadata.NOT_AVAILABLE) || owner.activeHost() == null) {
            return error(503, "no instance owns the key yet (state " + state + "); retry", state);
        }
        if (owner.activeHost().equals(self)) {
            try {
                T partitionStore = s.store(StoreQueryParameters.fromNameAndType(store, type)
                        .withPartition(owner.partition()));
                return local.apply(partitionStore);
            } catch (InvalidStateStoreException e) {
                return error(503, "store " + store + " partition " + owner.partition() + " is not queryable here now ("
                        + e.getClass().getSimpleName() + "); retry", state);
            }
        }
        if (forwarded) {
            return error(503, "the key moved to " + owner.activeHost() + " while the request was forwarded; retry", state);
        }
        return forward(owner.activeHost(), pathAndQuery);
    }

    private Answer forward(HostInfo owner, String pathAndQuery) {
        HttpRequest.Builder req = HttpRequest.newBuilder(URI.create("http://" + hostPort(owner) + pathAndQuery))
                .timeout(Duration.ofSeconds(10)).header(FORWARDED_HEADER, hostPort(self)).GET();
        token.ifPresent(t -> req.header("Authorization", "Bearer " + t));
        try {
            HttpResponse<String> r = client.send(req.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(r.statusCode(), r.body(), r.headers().firstValue(SERVED_BY_HEADER).orElse(hostPort(owner)));
        } catch (IOException e) {
            return error(502, "the owner of the key, " + hostPort(owner) + ", did not answer: " + e.getClass().getSimpleName(),
                    null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return error(503, "interrupted while asking " + hostPort(owner), null);
        }
    }

    public Answer ok(ObjectNode body) {
        return new Answer(200, body.toString(), hostPort(self));
    }

    public Answer error(int status, String message, KafkaStreams.State state) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("error", message);
        if (state != null) {
            o.put("state", state.name());
        }
        return new Answer(status, o.toString(), hostPort(self));
    }

    public static String hostPort(HostInfo h) {
        return (h.host().contains(":") ? "[" + h.host() + "]" : h.host()) + ":" + h.port();
    }
}
