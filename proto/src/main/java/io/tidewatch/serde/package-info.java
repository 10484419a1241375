/**
 * Kafka serializers and deserializers for Protobuf messages in Confluent's schema-registry framing (magic byte,
 * schema id, message indexes, payload), wire-compatible with Confluent's own serdes, so records flow between
 * Tidewatch and any Confluent, Karapace, Redpanda or Apicurio (ccompat) deployment unchanged.
 */
package io.tidewatch.serde;
