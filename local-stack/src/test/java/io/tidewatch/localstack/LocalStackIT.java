package io.tidewatch.localstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tidewatch.localstack.broker.BrokerSettings;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

/**
 * Broker and registry start together, topics come with the partitions asked, end offsets cover every partition, and
 * close removes everything.
 */
class LocalStackIT {

    @Test
    void startsBothCreatesTopicsAndClosesInReverse() throws Exception {
        Path logDir;
        String registryUrl;
        try (LocalStack stack = LocalStack.start(BrokerSettings.defaults(), 0)) {
            logDir = stack.broker().logDir();
            registryUrl = stack.schemaRegistryUrl();
            HttpResponse<String> subjects = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(registryUrl + "/subjects")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, subjects.statusCode());

            stack.createTopics(List.of("a.packet-dynamics", "a.flows"), 3);
            stack.createTopics(List.of("a.flows"), 3); // already there: left as it is
            try (Admin admin = stack.admin()) {
                var topics = admin.describeTopics(List.of("a.packet-dynamics", "a.flows")).allTopicNames().get();
                topics.values().forEach(d -> assertEquals(3, d.partitions().size(), d.name()));
                var config = admin.describeConfigs(List.of(new ConfigResource(ConfigResource.Type.TOPIC, "a.flows")))
                        .all().get().values().iterator().next();
                assertEquals("-1", config.get("retention.ms").value(), "event-time records are never aged out");
            }
            assertThrows(IllegalArgumentException.class, () -> stack.createTopics(List.of("x"), 0));
            assertThrows(IllegalArgumentException.class, () -> stack.createTopics(List.of(), 1));

            // End offsets: every partition of every topic named, whatever was written to each.
            try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(
                    Map.of("bootstrap.servers", stack.bootstrapServers()), new ByteArraySerializer(),
                    new ByteArraySerializer())) {
                for (int i = 0; i < 5; i++) {
                    producer.send(new ProducerRecord<>("a.flows", 1, null, new byte[] {(byte) i})).get();
                }
                producer.send(new ProducerRecord<>("a.packet-dynamics", 2, null, new byte[] {1})).get();
            }
            Map<TopicPartition, Long> ends = stack.endOffsets(List.of("a.flows", "a.packet-dynamics"));
            assertEquals(6, ends.size(), "three partitions each: " + ends);
            assertEquals(5L, ends.get(new TopicPartition("a.flows", 1)));
            assertEquals(1L, ends.get(new TopicPartition("a.packet-dynamics", 2)));
            assertEquals(6L, ends.values().stream().mapToLong(Long::longValue).sum(), "nothing elsewhere: " + ends);
            IllegalStateException missing = assertThrows(IllegalStateException.class,
                    () -> stack.endOffsets("a.no-such-topic"));
            assertTrue(missing.getMessage().contains("a.no-such-topic"), missing.getMessage());
            assertThrows(IllegalArgumentException.class, () -> stack.endOffsets(List.of()));
        }
        assertFalse(Files.exists(logDir), "the temporary log directory is deleted on close");
        HttpClient client = HttpClient.newHttpClient();
        assertThrows(java.io.IOException.class, () -> client.send(
                HttpRequest.newBuilder(URI.create(registryUrl + "/subjects")).build(), HttpResponse.BodyHandlers.ofString()));
    }

    @Test
    void aBadRegistryPortIsRefusedBeforeAnythingStarts() {
        var e = assertThrows(IllegalArgumentException.class, () -> LocalStack.start(BrokerSettings.defaults(), 70000));
        assertTrue(e.getMessage().contains("70000"), e.getMessage());
    }
}
