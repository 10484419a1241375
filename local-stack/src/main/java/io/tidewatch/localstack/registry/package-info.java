/**
 * An in-memory schema registry speaking Confluent's REST API over real HTTP, for the local stack and tests.
 */
package io.tidewatch.localstack.registry;
