package io.tidewatch.probe.decode;

import java.util.Locale;

/** Why a frame produced no packet dynamics. Every frame fed to the decoder is either decoded or one of these. */
public enum SkipReason {
    /** The link type is none the decoder knows. */
    UNSUPPORTED_LINK_TYPE,
    /** The frame ends inside its link-layer header (or VLAN tags). */
    LINK_TRUNCATED,
    /** A well-formed frame that does not carry IP (ARP, LLDP, STP, 802.3 LLC, ...). */
    NON_IP,
    /** The frame ends inside the IP header or its IPv6 extension headers. */
    IP_TRUNCATED,
    /** Impossible IP header: wrong version, header length or total length, an endless extension chain. */
    IP_MALFORMED,
    /** An IP fragment other than the first: it has no transport header, so it belongs to no port flow. */
    IP_FRAGMENT,
    /** The frame ends inside the fixed transport header (TCP 20, UDP 8, SCTP 12, ICMP 4 bytes). */
    L4_TRUNCATED,
    /** Impossible transport header, e.g. a TCP data offset below 5 words. */
    L4_MALFORMED;

    private final String label = name().toLowerCase(Locale.ROOT);

    /** Lower-case name, as used in JSON figures. */
    public String label() {
        return label;
    }
}
