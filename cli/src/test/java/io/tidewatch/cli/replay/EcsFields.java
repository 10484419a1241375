package io.tidewatch.cli.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.InetAddress;
import java.time.Instant;
import java.util.Set;

/**
 * The ECS field list of the flow documents (issue 4): {@code @timestamp}, {@code event.{kind,category,type,start,end,
 * duration}}, {@code source.{ip,port,bytes,packets}}, {@code destination.{...}}, {@code network.{transport,
 * iana_number,community_id,bytes,packets,type}}, {@code observer.{name,type}} and {@code tidewatch.features}, each
 * present with the type and the consistency ECS gives it.
 */
final class EcsFields {

    private static final Set<String> TRANSPORTS = Set.of("tcp", "udp", "icmp", "ipv6-icmp", "sctp", "gre");

    private EcsFields() {
    }

    static void assertValid(JsonNode d, String context) {
        String where = context + ": " + d;
        Instant ts = instant(d, "@timestamp", where);
        JsonNode event = object(d, "event", where);
        assertEquals("event", text(event, "kind", where), where);
        assertTrue(array(event, "category", where).toString().contains("\"network\""), where);
        assertTrue(array(event, "type", where).toString().contains("\"connection\""), where);
        Instant start = instant(event, "start", where);
        Instant end = instant(event, "end", where);
        assertFalse(end.isBefore(start), "event.end before event.start: " + where);
        assertEquals(ts, end, "@timestamp is the flow's end: " + where);
        long duration = number(event, "duration", where);
        assertEquals(java.time.Duration.between(start, end).toNanos(), duration, "event.duration in ns: " + where);

        JsonNode source = object(d, "source", where);
        JsonNode destination = object(d, "destination", where);
        long packets = 0;
        long bytes = 0;
        for (JsonNode side : new JsonNode[] {source, destination}) {
            ip(text(side, "ip", where), where);
            long port = number(side, "port", where);
            assertTrue(port >= 0 && port <= 65535, "port " + port + ": " + where);
            packets += number(side, "packets", where);
            bytes += number(side, "bytes", where);
        }
        assertTrue(number(source, "packets", where) > 0, "the originator sent the first packet: " + where);

        JsonNode network = object(d, "network", where);
        String transport = text(network, "transport", where);
        int iana = Integer.parseInt(text(network, "iana_number", where));
        assertTrue(TRANSPORTS.contains(transport) || transport.equals(Integer.toString(iana)), where);
        if (transport.equals("tcp") || transport.equals("udp")) {
            assertEquals(transport.equals("tcp") ? 6 : 17, iana, where);
            assertTrue(text(network, "community_id", where).startsWith("1:"), "Community ID v1: " + where);
        }
        assertEquals(packets, number(network, "packets", where), "network.packets = source + destination: " + where);
        assertEquals(bytes, number(network, "bytes", where), "network.bytes = source + destination: " + where);
        String type = text(network, "type", where);
        assertTrue(type.equals("ipv4") || type.equals("ipv6"), where);
        assertEquals(type.equals("ipv6") ? 16 : 4, ip(text(source, "ip", where), where).getAddress().length, where);

        JsonNode observer = object(d, "observer", where);
        assertFalse(text(observer, "name", where).isBlank(), where);
        assertEquals("sensor", text(observer, "type", where), where);

        JsonNode tidewatch = object(d, "tidewatch", where);
        JsonNode features = object(tidewatch, "features", where);
        assertTrue(features.size() > 20, "tidewatch.features holds the feature set: " + where);
        assertFalse(text(tidewatch, "flow_id", where).isBlank(), where);
    }

    private static JsonNode object(JsonNode parent, String name, String where) {
        JsonNode n = parent.get(name);
        assertNotNull(n, name + " missing: " + where);
        assertTrue(n.isObject(), name + " is not an object: " + where);
        return n;
    }

    private static JsonNode array(JsonNode parent, String name, String where) {
        JsonNode n = parent.get(name);
        assertTrue(n != null && n.isArray() && !n.isEmpty(), name + " is not a non-empty array: " + where);
        return n;
    }

    private static String text(JsonNode parent, String name, String where) {
        JsonNode n = parent.get(name);
        assertTrue(n != null && n.isTextual(), name + " is not a string: " + where);
        return n.asText();
    }

    private static long number(JsonNode parent, String name, String where) {
        JsonNode n = parent.get(name);
        assertTrue(n != null && n.isIntegralNumber() && n.asLong() >= 0, name + " is not a count: " + where);
        return n.asLong();
    }

    private static Instant instant(JsonNode parent, String name, String where) {
        return Instant.parse(text(parent, name, where));
    }

    private static InetAddress ip(String text, String where) {
        try {
            assertTrue(text.matches("[0-9a-fA-F:.]+"), "not an IP literal: " + where);
            return InetAddress.getByName(text);
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError("not an IP: " + where, e);
        }
    }
}
