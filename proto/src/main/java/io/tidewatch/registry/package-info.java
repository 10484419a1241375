/**
 * A client for the Confluent Schema Registry REST API: register with references, look up, get by id, latest
 * version, with caches for the answers that never change.
 */
package io.tidewatch.registry;
