package io.tidewatch.localstack.broker;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import kafka.server.KafkaConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.metadata.properties.MetaPropertiesEnsemble;
import org.apache.kafka.metadata.storage.Formatter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Formats a KRaft log directory the way {@code kafka-storage.sh format} does, in process, through the storage tool's
 * own {@link Formatter}. A directory that already holds {@code meta.properties} is left alone, so a broker restarted
 * on the same directory keeps its cluster id and data.
 */
final class KraftStorage {

    private static final Logger LOG = LoggerFactory.getLogger(KraftStorage.class);

    private KraftStorage() {
    }

    static boolean isFormatted(Path logDir) {
        return Files.exists(logDir.resolve(MetaPropertiesEnsemble.META_PROPERTIES_NAME));
    }

    /** Formats {@code logDir} for {@code config} unless already formatted; returns whether it formatted. */
    static boolean formatIfNeeded(KafkaConfig config, Path logDir, List<String> scramCredentials) throws Exception {
        if (isFormatted(logDir)) {
            return false;
        }
        Files.createDirectories(logDir);
        // The formatter reports progress on a PrintStream (System.out by default); the console belongs to the
        // command running us, so its report goes to the log instead.
        ByteArrayOutputStream report = new ByteArrayOutputStream();
        Formatter formatter = new Formatter()
                .setPrintStream(new PrintStream(report, true, StandardCharsets.UTF_8))
                .setNodeId(config.nodeId())
                .setClusterId(Uuid.randomUuid().toString())
                .setUnstableFeatureVersionsEnabled(config.unstableFeatureVersionsEnabled())
                .setIgnoreFormatted(true)
                .setControllerListenerName(config.controllerListenerNames().get(0))
                .setMetadataLogDirectory(config.metadataLogDir())
                // controller.quorum.voters is set, so this is a static quorum, as the storage tool decides too.
                .setHasDynamicQuorum(false)
                .addDirectory(logDir.toAbsolutePath().toString());
        if (!scramCredentials.isEmpty()) {
            formatter.setScramArguments(scramCredentials);
        }
        formatter.run();
        LOG.debug("formatted {}: {}", logDir, report.toString(StandardCharsets.UTF_8).trim());
        return true;
    }
}
