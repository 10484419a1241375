package io.tidewatch.cli.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Real TLS material made with the JDK's keytool for one test class: a broker certificate for 127.0.0.1, a client
 * (probe) certificate, and PKCS12 trust stores: the clients trust the broker; the broker trusts the probe and itself
 * (inter-broker traffic goes over the same listener and presents the broker's certificate).
 */
final class TestCertificates {

    final Path brokerKeyStore;
    final Path probeKeyStore;
    final Path clientTrustStore;
    final Path brokerTrustStore;
    final String password;

    TestCertificates(Path dir, String password) throws IOException, InterruptedException {
        this.password = password;
        brokerKeyStore = dir.resolve("broker.p12");
        probeKeyStore = dir.resolve("probe.p12");
        clientTrustStore = dir.resolve("client-trust.p12");
        brokerTrustStore = dir.resolve("broker-trust.p12");
        Path brokerCert = dir.resolve("broker.crt");
        Path probeCert = dir.resolve("probe.crt");
        keyPair(brokerKeyStore, "broker", "CN=localhost", "SAN=ip:127.0.0.1,dns:localhost");
        keyPair(probeKeyStore, "probe", "CN=tidewatch-probe", null);
        export(brokerKeyStore, "broker", brokerCert);
        export(probeKeyStore, "probe", probeCert);
        trust(clientTrustStore, "broker", brokerCert);
        trust(brokerTrustStore, "broker", brokerCert);
        trust(brokerTrustStore, "probe", probeCert);
    }

    /** A TLS server context presenting the broker's certificate (for the schema registry's HTTPS). */
    SSLContext brokerServerContext() throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(brokerKeyStore)) {
            store.load(in, password.toCharArray());
        }
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, password.toCharArray());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), null, null);
        return context;
    }

    /** A TLS client context trusting only the broker's certificate. */
    SSLContext clientContext() throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(clientTrustStore)) {
            store.load(in, password.toCharArray());
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(store);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }

    private void keyPair(Path store, String alias, String dname, String san) throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(List.of("-genkeypair", "-alias", alias, "-keyalg", "EC", "-groupname",
                "secp256r1", "-dname", dname, "-validity", "2", "-keystore", store.toString(), "-storetype", "PKCS12",
                "-storepass", password, "-keypass", password));
        if (san != null) {
            args.addAll(List.of("-ext", san));
        }
        keytool(args);
    }

    private void export(Path store, String alias, Path cert) throws IOException, InterruptedException {
        keytool(List.of("-exportcert", "-alias", alias, "-keystore", store.toString(), "-storepass", password,
                "-file", cert.toString()));
    }

    private void trust(Path store, String alias, Path cert) throws IOException, InterruptedException {
        keytool(List.of("-importcert", "-noprompt", "-alias", alias, "-file", cert.toString(), "-keystore",
                store.toString(), "-storetype", "PKCS12", "-storepass", password));
    }

    private static void keytool(List<String> args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(args);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.waitFor(), "keytool " + args.get(0) + ": " + output);
    }
}
