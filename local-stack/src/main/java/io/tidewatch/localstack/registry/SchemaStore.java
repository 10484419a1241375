package io.tidewatch.localstack.registry;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The registry's in-memory state, with Confluent's rules: schema ids are global (the same schema under two
 * subjects has one id), versions count from 1 per subject, registering a schema a subject already holds answers
 * its existing id. Compatibility is recorded, not enforced. All methods are synchronized: the HTTP server calls
 * them from several threads and the work per call is tiny.
 */
final class SchemaStore {

    static final Set<String> SCHEMA_TYPES = Set.of("AVRO", "PROTOBUF", "JSON");
    static final Set<String> COMPATIBILITY_LEVELS = Set.of("NONE", "BACKWARD", "BACKWARD_TRANSITIVE", "FORWARD",
            "FORWARD_TRANSITIVE", "FULL", "FULL_TRANSITIVE");

    /** A schema as stored: type, text, references. Equal content means one id. */
    record StoredSchema(String schemaType, String schema, List<Reference> references) {
    }

    /** A reference from a schema to a subject version. */
    record Reference(String name, String subject, int version) {
    }

    /** One version of a subject. */
    record Version(String subject, int version, int id, StoredSchema schema) {
    }

    private final Map<Integer, StoredSchema> schemasById = new HashMap<>();
    private final Map<StoredSchema, Integer> idsBySchema = new HashMap<>();
    private final Map<String, List<Version>> subjects = new TreeMap<>();
    private final Map<String, Integer> lastVersions = new HashMap<>();
    private int nextId = 1;
    private String compatibility = "BACKWARD";

    synchronized List<String> subjects() {
        return new ArrayList<>(subjects.keySet());
    }

    /** Registers {@code schema} under {@code subject}, answering its (possibly existing) global id. */
    synchronized int register(String subject, StoredSchema schema) {
        for (Reference reference : schema.references()) {
            if (find(reference.subject(), reference.version()) == null) {
                throw RegistryError.of(RegistryError.INVALID_SCHEMA, "Invalid schema: reference '" + reference.name()
                        + "' names subject '" + reference.subject() + "' version " + reference.version()
                        + ", which is not registered");
            }
        }
        List<Version> versions = subjects.get(subject);
        if (versions != null) {
            for (Version version : versions) {
                if (version.schema().equals(schema)) {
                    return version.id();
                }
            }
        }
        Integer id = idsBySchema.get(schema);
        if (id == null) {
            id = nextId++;
            idsBySchema.put(schema, id);
            schemasById.put(id, schema);
        }
        int number = lastVersions.getOrDefault(subject, 0) + 1;
        lastVersions.put(subject, number);
        subjects.computeIfAbsent(subject, s -> new ArrayList<>()).add(new Version(subject, number, id, schema));
        return id;
    }

    /** The version of {@code subject} holding {@code schema}. */
    synchronized Version lookup(String subject, StoredSchema schema) {
        for (Version version : versions(subject)) {
            if (version.schema().equals(schema)) {
                return version;
            }
        }
        throw RegistryError.of(RegistryError.SCHEMA_NOT_FOUND, "Schema not found");
    }

    synchronized List<Version> versions(String subject) {
        List<Version> versions = subjects.get(subject);
        if (versions == null) {
            throw RegistryError.of(RegistryError.SUBJECT_NOT_FOUND, "Subject '" + subject + "' not found.");
        }
        return List.copyOf(versions);
    }

    /** Version {@code number} of {@code subject}; -1 means the latest. */
    synchronized Version version(String subject, int number) {
        List<Version> versions = versions(subject);
        if (number == -1) {
            return versions.get(versions.size() - 1);
        }
        Version found = find(subject, number);
        if (found == null) {
            throw RegistryError.of(RegistryError.VERSION_NOT_FOUND, "Version " + number + " not found.");
        }
        return found;
    }

    synchronized StoredSchema schema(int id) {
        StoredSchema schema = schemasById.get(id);
        if (schema == null) {
            throw RegistryError.of(RegistryError.SCHEMA_NOT_FOUND, "Schema " + id + " not found");
        }
        return schema;
    }

    /** Deletes {@code subject}, answering the versions it had; refused while another subject references it. */
    synchronized List<Integer> delete(String subject) {
        List<Version> versions = versions(subject);
        for (Map.Entry<String, List<Version>> other : subjects.entrySet()) {
            if (other.getKey().equals(subject)) {
                continue;
            }
            for (Version version : other.getValue()) {
                for (Reference reference : version.schema().references()) {
                    if (reference.subject().equals(subject)) {
                        throw RegistryError.of(RegistryError.REFERENCE_EXISTS, "One or more references exist to the"
                                + " schema {subject=" + subject + "}: subject '" + other.getKey() + "' version "
                                + version.version());
                    }
                }
            }
        }
        subjects.remove(subject);
        return versions.stream().map(Version::version).toList();
    }

    synchronized String compatibility() {
        return compatibility;
    }

    synchronized void compatibility(String level) {
        if (!COMPATIBILITY_LEVELS.contains(level)) {
            throw RegistryError.of(RegistryError.INVALID_COMPATIBILITY_LEVEL, "Invalid compatibility level: '"
                    + level + "'; expected one of " + new java.util.TreeSet<>(COMPATIBILITY_LEVELS));
        }
        compatibility = level;
    }

    private Version find(String subject, int number) {
        List<Version> versions = subjects.get(subject);
        if (versions != null) {
            for (Version version : versions) {
                if (version.version() == number) {
                    return version;
                }
            }
        }
        return null;
    }
}
