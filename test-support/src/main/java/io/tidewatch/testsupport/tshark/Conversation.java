package io.tidewatch.testsupport.tshark;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * A TCP or UDP conversation regardless of direction, as tshark's conversation tables count them: the transport and
 * its two endpoints, addresses in canonical form (so "2001:0db8::1" and "2001:db8:0:0::1" are one address) and in a
 * fixed order (so A to B and B to A are one conversation).
 */
public record Conversation(String transport, Endpoint a, Endpoint b) implements Comparable<Conversation> {

    /** An address in canonical text form and a port. */
    public record Endpoint(String ip, int port) {
        @Override
        public String toString() {
            return (ip.contains(":") ? "[" + ip + "]" : ip) + ":" + port;
        }
    }

    public Conversation {
        if (!transport.equals("tcp") && !transport.equals("udp")) {
            throw new IllegalArgumentException("conversation transport '" + transport + "': expected tcp or udp");
        }
        if (compare(a, b) > 0) {
            throw new IllegalArgumentException("conversation endpoints " + a + " and " + b
                    + ": expected the lower first; build it with Conversation.of");
        }
    }

    /** The conversation between two endpoints in either order; {@code transport} is "tcp" or "udp". */
    public static Conversation of(String transport, String ipA, long portA, String ipB, long portB) {
        Endpoint x = new Endpoint(canonical(ipA), port(portA));
        Endpoint y = new Endpoint(canonical(ipB), port(portB));
        return compare(x, y) <= 0 ? new Conversation(transport, x, y) : new Conversation(transport, y, x);
    }

    /** As {@link #of(String, String, long, String, long)} with the IANA protocol number (6 or 17). */
    public static Conversation of(int ianaProtocol, String ipA, long portA, String ipB, long portB) {
        return of(transport(ianaProtocol), ipA, portA, ipB, portB);
    }

    /** "tcp" for 6, "udp" for 17. */
    public static String transport(int ianaProtocol) {
        return switch (ianaProtocol) {
            case 6 -> "tcp";
            case 17 -> "udp";
            default -> throw new IllegalArgumentException("IP protocol " + ianaProtocol
                    + ": expected 6 (tcp) or 17 (udp)");
        };
    }

    public boolean hasPort(int port) {
        return a.port() == port || b.port() == port;
    }

    public boolean isIpv6() {
        return a.ip().contains(":");
    }

    @Override
    public int compareTo(Conversation o) {
        int c = transport.compareTo(o.transport);
        if (c == 0) {
            c = compare(a, o.a);
        }
        return c != 0 ? c : compare(b, o.b);
    }

    @Override
    public String toString() {
        return transport + " " + a + " <-> " + b;
    }

    private static int compare(Endpoint x, Endpoint y) {
        int c = x.ip().compareTo(y.ip());
        return c != 0 ? c : Integer.compare(x.port(), y.port());
    }

    private static int port(long port) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port " + port + ": expected 0 to 65535");
        }
        return (int) port;
    }

    private static String canonical(String ip) {
        // Only literal addresses: getByName would otherwise resolve a host name through DNS.
        if (ip == null || ip.isEmpty() || !(ip.contains(":") || ip.matches("[0-9.]+"))) {
            throw new IllegalArgumentException("IP address '" + ip + "': expected a literal IPv4 or IPv6 address");
        }
        try {
            return InetAddress.getByName(ip).getHostAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("IP address '" + ip + "': expected a literal IPv4 or IPv6 address", e);
        }
    }
}
