package io.tidewatch.registry;

/**
 * A schema's reference to another registered schema, as Confluent's REST API carries it: for Protobuf the
 * {@code name} is the import path (e.g. {@code tidewatch/v1/flow_key.proto}).
 *
 * @param name    the name the referencing schema uses (the import path)
 * @param subject the subject the referenced schema is registered under
 * @param version that subject's version
 */
public record SchemaReference(String name, String subject, int version) {

    /** Validates the reference. */
    public SchemaReference {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("reference name '" + name + "' is blank; expected an import path");
        }
        if (subject == null || subject.isBlank()) {
            throw new IllegalArgumentException("reference '" + name + "' has blank subject '" + subject
                    + "'; expected the subject it is registered under");
        }
        if (version < 1) {
            throw new IllegalArgumentException("reference '" + name + "' has version " + version
                    + "; expected a version >= 1");
        }
    }
}
