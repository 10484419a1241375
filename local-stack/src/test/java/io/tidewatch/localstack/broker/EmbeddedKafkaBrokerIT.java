package io.tidewatch.localstack.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real in-process KRaft broker, exercised with the plain Kafka clients. */
class EmbeddedKafkaBrokerIT {

    private static EmbeddedKafkaBroker shared;

    @BeforeAll
    static void startShared() {
        shared = EmbeddedKafkaBroker.launch(BrokerSettings.builder().partitions(3).build());
    }

    @AfterAll
    static void closeShared() {
        if (shared != null) {
            shared.close();
        }
    }

    @Test
    void createsTopicsWithTheRequestedAndTheDefaultPartitionCounts() throws Exception {
        try (Admin admin = admin(shared.bootstrapServers())) {
            admin.createTopics(List.of(new NewTopic("explicit", 5, (short) 1),
                    new NewTopic("defaulted", java.util.Optional.empty(), java.util.Optional.empty()))).all()
                    .get(30, TimeUnit.SECONDS);
            Map<String, TopicDescription> topics = admin.describeTopics(List.of("explicit", "defaulted"))
                    .allTopicNames().get(30, TimeUnit.SECONDS);
            assertEquals(5, topics.get("explicit").partitions().size());
            assertEquals(3, topics.get("defaulted").partitions().size(), "num.partitions comes from the settings");
        }
    }

    @Test
    void producedRecordsAreConsumedInOrder() throws Exception {
        List<String> sent = List.of("one", "two", "three", "four");
        try (Admin admin = admin(shared.bootstrapServers())) {
            // One partition, so the order of the records is the order they were sent in.
            admin.createTopics(List.of(new NewTopic("ordered", 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
        Records.produce(shared.bootstrapServers(), "ordered", sent);
        assertEquals(sent, Records.consume(shared.bootstrapServers(), "ordered", sent.size()));
    }

    @Test
    void autoCreatesUnknownTopicsWithTheDefaultPartitionCount() throws Exception {
        Records.produce(shared.bootstrapServers(), "auto-created", List.of("x"));
        try (Admin admin = admin(shared.bootstrapServers())) {
            TopicDescription d = admin.describeTopics(List.of("auto-created")).allTopicNames()
                    .get(30, TimeUnit.SECONDS).get("auto-created");
            assertEquals(3, d.partitions().size());
        }
    }

    @Test
    void keepsPortsAndDataAcrossStopAndStart(@TempDir Path dir) throws Exception {
        Path logDir = dir.resolve("kafka");
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.launch(BrokerSettings.builder().logDir(logDir).build())) {
            String bootstrap = broker.bootstrapServers();
            int controllerPort = broker.controllerPort();
            Records.produce(bootstrap, "survivor", List.of("before-1", "before-2"));

            broker.stop();
            assertFalse(broker.isRunning());
            assertTrue(Files.isDirectory(logDir), "stop keeps the log dir");
            assertPortFree(broker.port());

            broker.start();
            assertEquals(bootstrap, broker.bootstrapServers());
            assertEquals(controllerPort, broker.controllerPort());
            Records.produce(bootstrap, "survivor", List.of("after"));
            assertEquals(List.of("before-1", "before-2", "after"), Records.consume(bootstrap, "survivor", 3));
        }
        assertTrue(Files.exists(logDir.resolve("meta.properties")), "a given log dir outlives close()");
    }

    @Test
    void aGivenLogDirIsReusedByANewBrokerObject(@TempDir Path dir) throws Exception {
        Path logDir = dir.resolve("kafka");
        try (EmbeddedKafkaBroker first = EmbeddedKafkaBroker.launch(BrokerSettings.builder().logDir(logDir).build())) {
            Records.produce(first.bootstrapServers(), "kept", List.of("a"));
        }
        // New free ports this time: nothing about the old ports is kept in the formatted directory.
        try (EmbeddedKafkaBroker second = EmbeddedKafkaBroker.launch(BrokerSettings.builder().logDir(logDir).build())) {
            assertEquals(List.of("a"), Records.consume(second.bootstrapServers(), "kept", 1));
        }
    }

    @Test
    void twoBrokersSideBySideKeepTheirOwnData() throws Exception {
        try (EmbeddedKafkaBroker other = EmbeddedKafkaBroker.launch(BrokerSettings.defaults())) {
            assertNotEquals(shared.port(), other.port());
            assertNotEquals(shared.logDir(), other.logDir());
            Records.produce(shared.bootstrapServers(), "side", List.of("shared"));
            Records.produce(other.bootstrapServers(), "side", List.of("other"));
            assertEquals(List.of("other"), Records.consume(other.bootstrapServers(), "side", 1));
            assertEquals(List.of("shared"), Records.consume(shared.bootstrapServers(), "side", 1));
        }
        assertTrue(shared.isRunning());
    }

    @Test
    void closeDeletesATemporaryLogDirAndRefusesToStartAgain() {
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.launch(BrokerSettings.defaults());
        Path logDir = broker.logDir();
        assertTrue(broker.hasTemporaryLogDir());
        broker.close();
        assertFalse(Files.exists(logDir));
        IllegalStateException e = assertThrows(IllegalStateException.class, broker::start);
        assertTrue(e.getMessage().contains("closed"), e.getMessage());
    }

    @Test
    void aTakenPortFailsTheStartWithTheAddress() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(BrokerSettings.builder().port(taken.getLocalPort()).build());
            try {
                IllegalStateException e = assertThrows(IllegalStateException.class, broker::start);
                assertTrue(e.getMessage().contains("127.0.0.1:" + taken.getLocalPort()), e.getMessage());
                assertTrue(e.getMessage().contains("Address already in use"), e.getMessage());
                assertFalse(broker.isRunning());
            } finally {
                broker.close();
            }
        }
    }

    static Admin admin(String bootstrap) {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        return Admin.create(p);
    }

    private static void assertPortFree(int port) throws Exception {
        try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getByName("127.0.0.1"))) {
            assertEquals(port, s.getLocalPort());
        }
    }
}
