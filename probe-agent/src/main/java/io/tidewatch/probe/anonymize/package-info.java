/**
 * Keyed, prefix-preserving IP address pseudonymization at the probe (Crypto-PAn), applied to every decoded packet's
 * addresses before flow keys and Community IDs are computed, so no raw address leaves the probe.
 */
package io.tidewatch.probe.anonymize;
