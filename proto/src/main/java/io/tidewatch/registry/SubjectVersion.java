package io.tidewatch.registry;

/**
 * One version of a subject: what {@code GET /subjects/{s}/versions/{v}} and the lookup answer.
 *
 * @param subject the subject
 * @param version the version within the subject, from 1
 * @param id      the global schema id
 * @param schema  the schema
 */
public record SubjectVersion(String subject, int version, int id, Schema schema) {
}
