package io.tidewatch.compose;

import io.tidewatch.config.Settings;
import io.tidewatch.probe.ProbeCommand;
import io.tidewatch.streams.app.StreamsAppConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;

/**
 * What one of the apps reads from its settings: the keys it reads by name, the prefixes it hands on, and, for the
 * {@code kafka.*} prefix, the Kafka client's own configuration names (so a misspelt Kafka property is caught too).
 */
record AppSettingKeys(String app, Set<String> known, Set<String> prefixes, Set<String> kafkaNames) {

    /**
     * Keys of the streams app's REST server ({@code rest.host}, {@code rest.port}), built on its own branch and not
     * yet read by the code here; the stack sets them so the health check can reach the app. Once that server is in,
     * {@link StreamsAppConfig#knownKeys()} lists them and this allowance should go.
     */
    static final Set<String> STREAMS_REST_KEYS_PENDING = Set.of("rest.host", "rest.port");

    static AppSettingKeys probe() {
        return new AppSettingKeys("probe", ProbeCommand.knownKeys(), ProbeCommand.passthroughPrefixes(),
                ProducerConfig.configNames());
    }

    static AppSettingKeys streams() {
        Set<String> known = new TreeSet<>(StreamsAppConfig.knownKeys());
        known.addAll(STREAMS_REST_KEYS_PENDING);
        Set<String> kafka = new TreeSet<>(StreamsConfig.configDef().names());
        // Kafka Streams passes client properties through, bare or under a client prefix.
        Set<String> clients = new TreeSet<>(ProducerConfig.configNames());
        clients.addAll(ConsumerConfig.configNames());
        clients.addAll(AdminClientConfig.configNames());
        kafka.addAll(clients);
        for (String prefix : List.of(StreamsConfig.PRODUCER_PREFIX, StreamsConfig.CONSUMER_PREFIX,
                StreamsConfig.MAIN_CONSUMER_PREFIX, StreamsConfig.RESTORE_CONSUMER_PREFIX,
                StreamsConfig.GLOBAL_CONSUMER_PREFIX, StreamsConfig.ADMIN_CLIENT_PREFIX)) {
            clients.forEach(name -> kafka.add(prefix + name));
        }
        return new AppSettingKeys("streams", known, StreamsAppConfig.PASSTHROUGH_PREFIXES, kafka);
    }

    /**
     * The variables of {@code environment} this app would not read, each with the reason: not a {@code TIDEWATCH_*}
     * name, a key the app does not know, or a {@code kafka.*} key the Kafka client does not know.
     */
    List<String> unread(Map<String, String> environment) {
        List<String> out = new ArrayList<>();
        for (String name : new TreeSet<>(environment.keySet())) {
            if (!name.startsWith(Settings.ENV_PREFIX)) {
                out.add(name + ": not a " + Settings.ENV_PREFIX + "* variable, " + app + " does not read it");
                continue;
            }
            String key = Settings.envToKey(name);
            if (known.contains(key)) {
                continue;
            }
            if (key.startsWith(Settings.KAFKA_PREFIX)) {
                String kafkaKey = key.substring(Settings.KAFKA_PREFIX.length());
                if (!kafkaNames.contains(kafkaKey)) {
                    out.add(name + ": " + key + " passes '" + kafkaKey + "' to Kafka, which has no such " + app
                            + " client property");
                }
                continue;
            }
            if (prefixes.stream().noneMatch(key::startsWith)) {
                out.add(name + ": " + key + " is not a setting " + app + " reads");
            }
        }
        return out;
    }
}
