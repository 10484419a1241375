package io.tidewatch.localstack.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The checks the registry makes before storing a schema, so a broken schema is refused with 42201 as Confluent's
 * registry refuses it, rather than stored and failing every consumer later. Avro and JSON schemas must be JSON;
 * a Protobuf schema must have balanced blocks and a reference for each import (bar Google's well-known types,
 * which registries know without one). This is not a compiler: a schema can pass here and still not compile.
 */
final class SchemaValidator {

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final Pattern IMPORT = Pattern.compile("\\bimport\\s+(?:public\\s+|weak\\s+)?\"([^\"]+)\"\\s*;");

    private SchemaValidator() {
    }

    static void validate(SchemaStore.StoredSchema schema) {
        if (!SchemaStore.SCHEMA_TYPES.contains(schema.schemaType())) {
            throw invalid("schemaType '" + schema.schemaType() + "' is not supported; expected one of "
                    + new java.util.TreeSet<>(SchemaStore.SCHEMA_TYPES));
        }
        if (schema.schema().isBlank()) {
            throw invalid("Empty schema");
        }
        if (schema.schemaType().equals("PROTOBUF")) {
            validateProtobuf(schema);
        } else {
            try {
                JSON.readTree(schema.schema());
            } catch (JsonProcessingException e) {
                throw invalid(schema.schemaType() + " schema is not JSON: " + e.getOriginalMessage());
            }
        }
    }

    private static void validateProtobuf(SchemaStore.StoredSchema schema) {
        String code = stripCommentsAndStrings(schema.schema());
        int depth = 0;
        for (int i = 0; i < code.length(); i++) {
            char c = code.charAt(i);
            if (c == '{') {
                depth++;
            } else if (c == '}' && --depth < 0) {
                throw invalid("unbalanced '}' at offset " + i);
            }
        }
        if (depth != 0) {
            throw invalid(depth + " unclosed '{' block(s)");
        }
        Set<String> referenced = new HashSet<>();
        schema.references().forEach(reference -> referenced.add(reference.name()));
        Matcher imports = IMPORT.matcher(schema.schema());
        while (imports.find()) {
            String path = imports.group(1);
            if (!path.startsWith("google/protobuf/") && !referenced.contains(path)) {
                throw invalid("import \"" + path + "\" has no reference; expected a reference named '" + path + "'");
            }
        }
    }

    /** Blanks comments and string contents so braces inside them do not count. */
    private static String stripCommentsAndStrings(String source) {
        StringBuilder out = new StringBuilder(source.length());
        int i = 0;
        while (i < source.length()) {
            char c = source.charAt(i);
            if (c == '/' && i + 1 < source.length() && source.charAt(i + 1) == '/') {
                while (i < source.length() && source.charAt(i) != '\n') {
                    i++;
                }
            } else if (c == '/' && i + 1 < source.length() && source.charAt(i + 1) == '*') {
                int end = source.indexOf("*/", i + 2);
                i = end < 0 ? source.length() : end + 2;
            } else if (c == '"' || c == '\'') {
                i++;
                while (i < source.length() && source.charAt(i) != c) {
                    i += source.charAt(i) == '\\' ? 2 : 1;
                }
                i++;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    private static RegistryError invalid(String why) {
        return RegistryError.of(RegistryError.INVALID_SCHEMA, "Invalid schema: " + why);
    }
}
