package io.tidewatch.localstack.broker;

import java.nio.file.Path;
import java.util.Properties;

/**
 * The Kafka server properties of a single-node, combined broker+controller KRaft node on loopback. Defaults are
 * chosen for one node and a fast start; {@link BrokerSettings#brokerProperties()} win over them.
 */
final class ServerProperties {

    static final String HOST = "127.0.0.1";

    private ServerProperties() {
    }

    static Properties of(BrokerSettings settings, int port, int controllerPort, Path logDir) {
        String broker = BrokerSettings.BROKER_LISTENER;
        String controller = BrokerSettings.CONTROLLER_LISTENER;
        Properties p = new Properties();
        p.setProperty("process.roles", "broker,controller");
        p.setProperty("node.id", Integer.toString(settings.nodeId()));
        // A static voter set (not a dynamic quorum): nothing about the quorum is written at format time, so a
        // restart on the same ports needs no re-format and a reused log dir does not pin old ports.
        p.setProperty("controller.quorum.voters", settings.nodeId() + "@" + HOST + ":" + controllerPort);
        p.setProperty("listeners", broker + "://" + HOST + ":" + port + "," + controller + "://" + HOST + ":" + controllerPort);
        p.setProperty("advertised.listeners", broker + "://" + HOST + ":" + port);
        p.setProperty("listener.security.protocol.map", broker + ":PLAINTEXT," + controller + ":PLAINTEXT");
        p.setProperty("inter.broker.listener.name", broker);
        p.setProperty("controller.listener.names", controller);
        p.setProperty("log.dirs", logDir.toAbsolutePath().toString());

        p.setProperty("num.partitions", Integer.toString(settings.partitions()));
        p.setProperty("auto.create.topics.enable", Boolean.toString(settings.autoCreateTopics()));

        // One node: every internal topic has one replica and needs one in sync.
        p.setProperty("default.replication.factor", "1");
        p.setProperty("min.insync.replicas", "1");
        p.setProperty("offsets.topic.replication.factor", "1");
        p.setProperty("transaction.state.log.replication.factor", "1");
        p.setProperty("transaction.state.log.min.isr", "1");
        p.setProperty("share.coordinator.state.topic.replication.factor", "1");
        p.setProperty("share.coordinator.state.topic.min.isr", "1");
        // Internal topics are created on first use; 50 partitions each would make the first consumer group wait.
        p.setProperty("offsets.topic.num.partitions", "1");
        p.setProperty("transaction.state.log.num.partitions", "1");
        p.setProperty("share.coordinator.state.topic.num.partitions", "1");
        // Consumers join at once instead of waiting 3 s for more members that never come.
        p.setProperty("group.initial.rebalance.delay.ms", "0");

        // A laptop-sized node: the default 128 MiB cleaner buffer and 8 I/O threads serve production clusters.
        p.setProperty("log.cleaner.dedupe.buffer.size", Integer.toString(4 * 1024 * 1024));
        p.setProperty("num.io.threads", "2");
        p.setProperty("num.network.threads", "2");
        p.setProperty("background.threads", "2");

        settings.brokerProperties().forEach(p::setProperty);
        return p;
    }
}
