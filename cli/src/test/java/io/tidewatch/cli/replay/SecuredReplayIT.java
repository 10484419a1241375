package io.tidewatch.cli.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tidewatch.config.Settings;
import io.tidewatch.localstack.LocalStack;
import io.tidewatch.localstack.broker.BrokerSettings;
import io.tidewatch.probe.ProbeCommand;
import io.tidewatch.testsupport.shareddata.SharedCaptures;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import javax.net.ssl.HttpsURLConnection;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SslAuthenticationException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The whole replay (production probe command, streams app, flows writer) against a secured cluster: the embedded
 * broker's only client listener is SASL_SSL with SCRAM-SHA-512 and a keytool-made certificate, the schema registry
 * serves HTTPS and wants HTTP basic auth, and every client is configured only through {@code kafka.*} passthrough
 * settings, {@code schema.registry.basic.auth.user.info} and {@code schema.registry.ssl.truststore.*}. Also: a wrong
 * password fails in one line naming the mechanism and user, no secret reaches the log file or the console, and the
 * probe produces through an mTLS listener ({@code ssl.client.auth=required}) with its own certificate.
 */
class SecuredReplayIT {

    private static final String MECHANISM = "SCRAM-SHA-512";
    private static final SecureRandom RANDOM = new SecureRandom();

    @TempDir
    static Path dir;
    private static TestCertificates certs;
    private static LocalStack stack;
    private static String alicePassword;
    private static String registryUserInfo;

    @BeforeAll
    static void startSecuredStack() throws Exception {
        certs = new TestCertificates(dir, secret("store"));
        alicePassword = secret("alice");
        String adminPassword = secret("admin");
        registryUserInfo = "tidewatch:" + secret("registry");
        Map<String, String> adminClient = new HashMap<>(saslClient("admin", adminPassword));
        BrokerSettings settings = BrokerSettings.builder()
                .scramCredential(MECHANISM + "=[name=admin,password=" + adminPassword + "]")
                .scramCredential(MECHANISM + "=[name=alice,password=" + alicePassword + "]")
                .brokerProperty("listener.security.protocol.map", "BROKER:SASL_SSL,CONTROLLER:PLAINTEXT")
                .brokerProperty("sasl.enabled.mechanisms", MECHANISM)
                .brokerProperty("sasl.mechanism.inter.broker.protocol", MECHANISM)
                .brokerProperty("listener.name.broker.scram-sha-512.sasl.jaas.config", jaas("admin", adminPassword))
                .brokerProperties(brokerTls())
                .clientProperties(adminClient)
                .build();
        stack = LocalStack.start(settings, 0, registryUserInfo, certs.brokerServerContext());
    }

    @AfterAll
    static void stopStack() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void theWholeReplayRunsOnSaslSslScramAndABasicAuthRegistry() throws Exception {
        Path pcap = SharedCaptures.named("test7-malicious.pcap");
        assertTrue(stack.schemaRegistryUrl().startsWith("https://"), stack.schemaRegistryUrl());
        assertEquals(401, status(stack.schemaRegistryUrl() + "/subjects"), "the registry refuses anonymous requests");

        Settings settings = replaySettings(saslClient("alice", alicePassword), registryUserInfo);
        Path out = dir.resolve("flows.jsonl");
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ReplaySummary summary;
        // Everything the run prints goes through this buffer, which is checked for secrets below.
        try (PrintStream capture = new PrintStream(console, true, StandardCharsets.UTF_8)) {
            System.setOut(capture);
            System.setErr(capture);
            try (Replay replay = new Replay(stack, settings, 1, List.of())) {
                summary = replay.run(pcap, out);
                capture.println(summary.describe());
                capture.println(summary.toJson());
                capture.println(replay.settings());
            }
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }

        assertEquals(0, summary.probe().dropped(), summary.toJson());
        assertEquals(summary.probe().batches(), summary.probe().acked(), "every batch acknowledged over SASL_SSL");
        assertTrue(summary.flows() > 10, "flows through the secured cluster: " + summary.flows());
        assertEquals(0, summary.duplicates());
        List<String> lines = Files.readAllLines(out);
        assertEquals(summary.flows(), lines.size());
        ObjectMapper json = new ObjectMapper();
        for (String line : lines) {
            JsonNode doc = json.readTree(line);
            assertTrue(doc.path("network").hasNonNull("community_id"), line);
        }
        assertTrue(stack.registry().requestCount() > 1, "the serdes went to the registry with credentials");

        String printed = console.toString(StandardCharsets.UTF_8);
        assertTrue(printed.contains("[redacted]"), "the settings dump was printed, redacted: " + printed);
        assertNoSecret("console", printed);
        assertNoSecret("ECS output", Files.readString(out));
        Path log = Path.of("target", "cli-tests.log");
        assertTrue(Files.isRegularFile(log), "the test log file " + log.toAbsolutePath());
        String logged = Files.readString(log);
        // The clients' config dumps are in the log (so the check below can fail), with their secrets hidden.
        assertTrue(logged.contains("sasl.jaas.config = [hidden]"), "client config dumps are logged");
        assertNoSecret("log file", logged);
    }

    @Test
    void aWrongPasswordFailsInOneLineNamingMechanismAndUser() throws Exception {
        String wrong = secret("wrong");
        Settings settings = replaySettings(saslClient("alice", wrong), registryUserInfo);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> new Replay(stack, settings, 1, List.of()).close());
        String message = e.getMessage();
        assertEquals(1, message.lines().count(), message);
        assertTrue(message.contains(MECHANISM) && message.contains("user 'alice'") && message.contains("SASL_SSL"),
                message);
        assertFalse(message.contains(wrong) || message.contains(alicePassword), "no password in: " + message);

        // As the command line shows it: the same single line.
        StringWriter err = new StringWriter();
        CommandLine cl = io.tidewatch.cli.Tidewatch.commandLine();
        cl.setErr(new PrintWriter(err, true));
        int code = cl.getExecutionExceptionHandler().handleExecutionException(e, cl.getSubcommands().get("replay"),
                null);
        assertEquals(1, code);
        assertEquals(1, err.toString().lines().count(), err.toString());
        assertFalse(err.toString().contains(wrong), err.toString());
    }

    @Test
    void aProbeWithAWrongPasswordFailsInOneLineNamingMechanismAndUser() throws Exception {
        Path pcap = SharedCaptures.named("test8-malicious.pcap");
        String wrong = secret("wrong");
        Properties config = new Properties();
        config.setProperty("kafka.bootstrap.servers", stack.bootstrapServers());
        config.setProperty("schema.registry.url", stack.schemaRegistryUrl());
        config.setProperty("schema.registry.basic.auth.user.info", registryUserInfo);
        registryTrust().forEach(config::setProperty);
        saslClient("alice", wrong).forEach((k, v) -> config.setProperty("kafka." + k, v));
        Path file = dir.resolve("probe-wrong.properties");
        try (var w = Files.newBufferedWriter(file)) {
            config.store(w, null);
        }
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine probe = new CommandLine(new ProbeCommand(Map.of()));
        probe.setOut(new PrintWriter(out, true));
        probe.setErr(new PrintWriter(err, true));
        assertEquals(1, probe.execute("--pcap", pcap.toString(), "--config", file.toString(), "--stop-flush-ms", "3000"));
        String message = err.toString();
        assertEquals(1, message.lines().count(), message);
        assertTrue(message.contains(MECHANISM) && message.contains("user 'alice'") && message.contains("refused the login"),
                message);
        assertNoSecret("probe output", out + message);
        assertFalse((out + message).contains(wrong), message);
    }

    @Test
    void theProbeProducesThroughAnMtlsListenerWithItsOwnCertificate() throws Exception {
        Path pcap = SharedCaptures.named("test8-malicious.pcap");
        Map<String, String> brokerSelf = Map.of("security.protocol", "SSL",
                "ssl.keystore.location", certs.brokerKeyStore.toString(), "ssl.keystore.password", certs.password,
                "ssl.keystore.type", "PKCS12", "ssl.truststore.location", certs.clientTrustStore.toString(),
                "ssl.truststore.password", certs.password, "ssl.truststore.type", "PKCS12");
        BrokerSettings settings = BrokerSettings.builder()
                .brokerProperty("listener.security.protocol.map", "BROKER:SSL,CONTROLLER:PLAINTEXT")
                .brokerProperty("listener.name.broker.ssl.client.auth", "required")
                .brokerProperties(brokerTls())
                .clientProperties(brokerSelf)
                .build();
        try (LocalStack mtls = LocalStack.start(settings, 0)) {
            mtls.createTopics(List.of("tidewatch.packet-dynamics"), 1);
            Map<String, Object> probeTls = new HashMap<>(Map.of("security.protocol", "SSL",
                    "ssl.keystore.location", certs.probeKeyStore.toString(), "ssl.keystore.password", certs.password,
                    "ssl.keystore.type", "PKCS12", "ssl.truststore.location", certs.clientTrustStore.toString(),
                    "ssl.truststore.password", certs.password, "ssl.truststore.type", "PKCS12"));

            // Without a client certificate the listener refuses the handshake.
            Map<String, Object> noCertificate = new HashMap<>(probeTls);
            noCertificate.keySet().removeIf(k -> k.startsWith("ssl.keystore."));
            IllegalStateException refused = assertThrows(IllegalStateException.class,
                    () -> ClusterLogin.check(mtls.bootstrapServers(), noCertificate, Duration.ofSeconds(20)));
            assertInstanceOf(SslAuthenticationException.class, refused.getCause(), refused.getMessage());
            assertFalse(refused.getMessage().contains(certs.password), refused.getMessage());

            Properties config = new Properties();
            config.setProperty("kafka.bootstrap.servers", mtls.bootstrapServers());
            config.setProperty("schema.registry.url", mtls.schemaRegistryUrl());
            probeTls.forEach((k, v) -> config.setProperty("kafka." + k, v.toString()));
            Path file = dir.resolve("probe-mtls.properties");
            try (var w = Files.newBufferedWriter(file)) {
                config.store(w, null);
            }
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            CommandLine probe = new CommandLine(new ProbeCommand(Map.of()));
            probe.setOut(new PrintWriter(out, true));
            probe.setErr(new PrintWriter(err, true));
            assertEquals(0, probe.execute("--pcap", pcap.toString(), "--config", file.toString(), "--json"),
                    err.toString());
            ProbeFigures figures = ProbeFigures.parse(out.toString().lines().filter(l -> l.startsWith("{"))
                    .reduce((a, b) -> b).orElseThrow());
            assertEquals(0, figures.dropped(), figures.json());
            assertTrue(figures.batches() > 0 && figures.acked() == figures.batches(), figures.json());
            assertFalse((out.toString() + err).contains(certs.password), "no store password printed");

            Map<String, Object> consumerConfig = ClusterLogin.clientConfig(mtls.bootstrapServers(), probeTls);
            TopicPartition tp = new TopicPartition("tidewatch.packet-dynamics", 0);
            try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerConfig,
                    new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
                assertEquals(figures.acked(), consumer.endOffsets(List.of(tp)).get(tp).longValue(),
                        "every acknowledged batch is in the topic");
            }
        }
    }

    private static Settings replaySettings(Map<String, String> client, String userInfo) {
        Map<String, String> values = new HashMap<>(Replay.DEFAULTS);
        client.forEach((k, v) -> values.put("kafka." + k, v));
        values.put("kafka.ssl.truststore.location", certs.clientTrustStore.toString());
        values.put("kafka.ssl.truststore.password", certs.password);
        values.put("kafka.ssl.truststore.type", "PKCS12");
        values.put("schema.registry.basic.auth.user.info", userInfo);
        values.putAll(registryTrust());
        values.put("replay.timeout", "3m");
        return Settings.of(values);
    }

    private static Map<String, String> registryTrust() {
        return Map.of("schema.registry.ssl.truststore.location", certs.clientTrustStore.toString(),
                "schema.registry.ssl.truststore.password", certs.password,
                "schema.registry.ssl.truststore.type", "PKCS12");
    }

    private static Map<String, String> saslClient(String user, String password) {
        return Map.of("security.protocol", "SASL_SSL", "sasl.mechanism", MECHANISM,
                "sasl.jaas.config", jaas(user, password),
                "ssl.truststore.location", certs.clientTrustStore.toString(),
                "ssl.truststore.password", certs.password, "ssl.truststore.type", "PKCS12");
    }

    private static Map<String, String> brokerTls() {
        return Map.of("listener.name.broker.ssl.keystore.location", certs.brokerKeyStore.toString(),
                "listener.name.broker.ssl.keystore.password", certs.password,
                "listener.name.broker.ssl.keystore.type", "PKCS12",
                "listener.name.broker.ssl.truststore.location", certs.brokerTrustStore.toString(),
                "listener.name.broker.ssl.truststore.password", certs.password,
                "listener.name.broker.ssl.truststore.type", "PKCS12");
    }

    private static String jaas(String user, String password) {
        return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + user
                + "\" password=\"" + password + "\";";
    }

    private static String secret(String label) {
        byte[] b = new byte[12];
        RANDOM.nextBytes(b);
        return label + "-" + HexFormat.of().formatHex(b);
    }

    private static void assertNoSecret(String where, String text) {
        String registryPassword = registryUserInfo.substring(registryUserInfo.indexOf(':') + 1);
        for (String secret : List.of(alicePassword, registryPassword, certs.password)) {
            assertFalse(text.contains(secret), where + " contains a secret (" + secret.substring(0, secret.indexOf('-'))
                    + " password)");
        }
    }

    private static int status(String url) throws Exception {
        HttpsURLConnection c = (HttpsURLConnection) URI.create(url).toURL().openConnection();
        c.setSSLSocketFactory(certs.clientContext().getSocketFactory());
        try {
            return c.getResponseCode();
        } finally {
            c.disconnect();
        }
    }
}
