package io.tidewatch.registry;

import java.util.List;

/**
 * A schema as the registry stores it: its type, its text and the schemas it references.
 *
 * @param schemaType {@code PROTOBUF}, {@code AVRO} or {@code JSON}
 * @param schema     the schema text (for Protobuf, the .proto file source)
 * @param references the referenced schemas, in import order
 */
public record Schema(String schemaType, String schema, List<SchemaReference> references) {

    /** Validates the schema and copies its references. */
    public Schema {
        if (schemaType == null || schemaType.isBlank()) {
            throw new IllegalArgumentException("schema type '" + schemaType
                    + "' is blank; expected PROTOBUF, AVRO or JSON");
        }
        if (schema == null || schema.isBlank()) {
            throw new IllegalArgumentException("schema text is blank; expected the schema source");
        }
        references = references == null ? List.of() : List.copyOf(references);
    }

    /** A Protobuf schema. */
    public static Schema protobuf(String source, List<SchemaReference> references) {
        return new Schema("PROTOBUF", source, references);
    }
}
