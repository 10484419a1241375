package io.tidewatch.probe;

import io.tidewatch.localstack.broker.BrokerSettings;
import io.tidewatch.localstack.broker.EmbeddedKafkaBroker;
import io.tidewatch.localstack.registry.EmbeddedSchemaRegistry;
import io.tidewatch.proto.v1.FlowKey;
import io.tidewatch.proto.v1.PacketDynamicsBatch;
import io.tidewatch.serde.ProtobufDeserializer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import picocli.CommandLine;

/** The embedded broker and schema registry the probe's integration tests publish to, and a reader of its topics. */
final class KafkaStack implements AutoCloseable {

    final EmbeddedKafkaBroker broker;
    final EmbeddedSchemaRegistry registry;

    KafkaStack() {
        this.registry = new EmbeddedSchemaRegistry().start();
        this.broker = EmbeddedKafkaBroker.launch(BrokerSettings.builder().partitions(2).build());
    }

    /**
     * Every record now in {@code topic}, keys and values read with the real schema-registry deserializers; fails if
     * a record's key is not its value's flow key.
     */
    List<PacketDynamicsBatch> readAll(String topic) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        ProtobufDeserializer<PacketDynamicsBatch> values = new ProtobufDeserializer<>(
                PacketDynamicsBatch.getDefaultInstance(), Map.of("schema.registry.url", registry.url()), false);
        ProtobufDeserializer<FlowKey> keys = new ProtobufDeserializer<>(
                FlowKey.getDefaultInstance(), Map.of("schema.registry.url", registry.url()), true);
        try (KafkaConsumer<FlowKey, PacketDynamicsBatch> consumer = new KafkaConsumer<>(config, keys, values)) {
            List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(30));
            Set<TopicPartition> parts = infos.stream().map(p -> new TopicPartition(topic, p.partition()))
                    .collect(Collectors.toSet());
            consumer.assign(parts);
            consumer.seekToBeginning(parts);
            Map<TopicPartition, Long> end = consumer.endOffsets(parts, Duration.ofSeconds(30));
            List<PacketDynamicsBatch> out = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (parts.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("could not read " + topic + " up to " + end);
                }
                for (ConsumerRecord<FlowKey, PacketDynamicsBatch> r : consumer.poll(Duration.ofMillis(500))) {
                    if (!r.key().equals(r.value().getFlow())) {
                        throw new AssertionError("record key " + r.key() + " is not the batch's flow " + r.value().getFlow());
                    }
                    out.add(r.value());
                }
            }
            return out;
        }
    }

    /** Runs {@code tidewatch probe} in this JVM against the stack. */
    ProbeRun probe(Map<String, String> env, String... args) {
        List<String> all = new ArrayList<>(List.of("--bootstrap-servers", broker.bootstrapServers(),
                "--schema-registry-url", registry.url()));
        all.addAll(List.of(args));
        return ProbeRun.run(env, all.toArray(String[]::new));
    }

    @Override
    public void close() {
        try {
            broker.close();
        } finally {
            registry.close();
        }
    }

    /** One probe command's exit code, stdout and stderr. */
    record ProbeRun(int exit, String out, String err) {

        static ProbeRun run(Map<String, String> env, String... args) {
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            return run(env, out, err, args);
        }

        /** With caller-owned writers, so a test can watch stderr while the probe runs on another thread. */
        static ProbeRun run(Map<String, String> env, StringWriter out, StringWriter err, String... args) {
            CommandLine cl = new CommandLine(new ProbeCommand(env));
            cl.setOut(new PrintWriter(out, true));
            cl.setErr(new PrintWriter(err, true));
            cl.setExecutionExceptionHandler((ex, cmd, parse) -> {
                cmd.getErr().println("tidewatch probe: " + ex);
                return 1;
            });
            int exit = cl.execute(args);
            return new ProbeRun(exit, out.toString(), err.toString());
        }

        /** A whole number from the JSON line: {@code path} is {@code key} or {@code object.key}. */
        long number(String path) {
            String json = out.trim();
            String key = path;
            int dot = path.indexOf('.');
            if (dot > 0) {
                String object = "\"" + path.substring(0, dot) + "\":{";
                int at = json.indexOf(object);
                if (at < 0) {
                    throw new AssertionError(path + " missing from " + json);
                }
                json = json.substring(at + object.length(), closing(json, at + object.length()));
                key = path.substring(dot + 1);
                if (key.contains(".")) {
                    return new ProbeRun(exit, "{" + json + "}", err).number(key);
                }
            }
            var m = java.util.regex.Pattern.compile("\"" + java.util.regex.Pattern.quote(key) + "\":(\\d+)").matcher(json);
            if (!m.find()) {
                throw new AssertionError(path + " missing from " + out);
            }
            return Long.parseLong(m.group(1));
        }

        private static int closing(String s, int from) {
            int depth = 1;
            for (int i = from; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c == '{') {
                    depth++;
                } else if (c == '}' && --depth == 0) {
                    return i;
                }
            }
            return s.length();
        }
    }
}
