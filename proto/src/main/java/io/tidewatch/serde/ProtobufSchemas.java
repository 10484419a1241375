package io.tidewatch.serde;

import com.google.protobuf.Descriptors.FileDescriptor;
import io.tidewatch.registry.Schema;
import io.tidewatch.registry.SchemaReference;
import io.tidewatch.registry.SchemaRegistryClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The registry form of a .proto file: its source text, read from the classpath under the file's own name
 * (e.g. {@code tidewatch/v1/flow_record.proto}), with a reference per import. Each import is registered (or
 * looked up) first under the subject named by its import path, as Confluent's
 * DefaultReferenceSubjectNameStrategy does, so the same schemas are shared with Confluent's own clients.
 */
public final class ProtobufSchemas {

    private ProtobufSchemas() {
    }

    /** The source text of {@code file}, from the classpath. */
    public static String source(FileDescriptor file) {
        if (file == null) {
            throw new IllegalArgumentException("file descriptor is null; expected a .proto file's descriptor");
        }
        ClassLoader loader = ProtobufSchemas.class.getClassLoader();
        try (InputStream in = loader.getResourceAsStream(file.getName())) {
            if (in == null) {
                throw new IllegalStateException("no source for " + file.getName() + " on the classpath; expected the"
                        + " .proto file packaged as a resource at that path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file.getName() + " from the classpath", e);
        }
    }

    /**
     * The schema of {@code file} with its references resolved against the registry: imports are registered
     * when {@code register} is true (looked up otherwise), depth first, and referenced at the version found.
     */
    public static Schema resolve(FileDescriptor file, SchemaRegistryClient client, boolean register) {
        List<SchemaReference> references = new ArrayList<>();
        for (FileDescriptor dependency : file.getDependencies()) {
            Schema dependencySchema = resolve(dependency, client, register);
            String subject = dependency.getName();
            if (register) {
                client.register(subject, dependencySchema);
            }
            int version = client.lookup(subject, dependencySchema).version();
            references.add(new SchemaReference(dependency.getName(), subject, version));
        }
        return Schema.protobuf(source(file), references);
    }
}
