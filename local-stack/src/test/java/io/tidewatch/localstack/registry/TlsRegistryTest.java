package io.tidewatch.localstack.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tidewatch.proto.v1.FlowRecord;
import io.tidewatch.registry.SchemaRegistryClient;
import io.tidewatch.registry.SchemaRegistryException;
import io.tidewatch.serde.ProtobufSerde;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The client's TLS settings against the registry serving HTTPS with a certificate made by the JDK's keytool. */
class TlsRegistryTest {

    private static final String PASSWORD = "changeit";

    @TempDir
    static Path dir;
    private static Path serverStore;
    private static Path trustStore;

    @BeforeAll
    static void makeCertificates() throws IOException, InterruptedException {
        serverStore = dir.resolve("server.p12");
        trustStore = dir.resolve("trust.p12");
        Path certificate = dir.resolve("server.crt");
        keytool("-genkeypair", "-alias", "registry", "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "CN=localhost", "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-validity", "2",
                "-keystore", serverStore.toString(), "-storetype", "PKCS12", "-storepass", PASSWORD,
                "-keypass", PASSWORD);
        keytool("-exportcert", "-alias", "registry", "-keystore", serverStore.toString(), "-storepass", PASSWORD,
                "-file", certificate.toString());
        keytool("-importcert", "-noprompt", "-alias", "registry", "-file", certificate.toString(),
                "-keystore", trustStore.toString(), "-storetype", "PKCS12", "-storepass", PASSWORD);
    }

    private static void keytool(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.waitFor(), "keytool " + args[0] + ": " + output);
    }

    private static SSLContext serverContext() throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(serverStore)) {
            store.load(in, PASSWORD.toCharArray());
        }
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, PASSWORD.toCharArray());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), null, null);
        return context;
    }

    @Test
    void serdeWorksOverHttpsWithTheConfiguredTrustStore() throws Exception {
        try (EmbeddedSchemaRegistry registry = new EmbeddedSchemaRegistry(0, null, serverContext()).start()) {
            assertTrue(registry.url().startsWith("https://127.0.0.1:"), registry.url());
            Map<String, Object> configs = Map.of("schema.registry.url", registry.url(),
                    "schema.registry.ssl.truststore.location", trustStore.toString(),
                    "schema.registry.ssl.truststore.password", PASSWORD,
                    "schema.registry.ssl.truststore.type", "PKCS12");
            ProtobufSerde<FlowRecord> serde = new ProtobufSerde<>(FlowRecord.getDefaultInstance(), configs, false);
            byte[] bytes = serde.serializer().serialize("flows", SampleMessages.flowRecord(1));
            assertEquals(SampleMessages.flowRecord(1), new ProtobufSerde<>(FlowRecord.getDefaultInstance(), configs,
                    false).deserializer().deserialize("flows", bytes));
            assertTrue(SchemaRegistryClient.fromConfigs(configs).subjects().contains("flows-value"));

            // The JDK's default trust store does not know this certificate: the handshake failure surfaces.
            SchemaRegistryClient untrusting = SchemaRegistryClient.fromConfigs(
                    Map.of("schema.registry.url", registry.url()));
            SchemaRegistryException e = assertThrows(SchemaRegistryException.class, untrusting::subjects);
            assertEquals(-1, e.status());
            assertInstanceOf(SSLHandshakeException.class, e.getCause(), e.getMessage());
            assertTrue(e.getMessage().contains(registry.url()), e.getMessage());
        }
    }
}
