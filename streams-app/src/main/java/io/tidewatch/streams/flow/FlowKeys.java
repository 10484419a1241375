package io.tidewatch.streams.flow;

import io.tidewatch.proto.v1.FlowKey;
import java.nio.ByteBuffer;

/**
 * The store key of a flow: a fixed, canonical byte layout of the FlowKey's identity fields (domain, protocol,
 * endpoints). Protobuf serialization is not used for keys because it is not guaranteed canonical (and would
 * include the community id string, which is derived, not identity).
 */
public final class FlowKeys {

    private FlowKeys() {
    }

    /** Fails naming the bad field when {@code key} cannot identify a flow. */
    public static void validate(FlowKey key) {
        int ipLen = switch (key.getIpVersion()) {
            case 4 -> 4;
            case 6 -> 16;
            default -> throw new IllegalArgumentException("flow key ip_version " + key.getIpVersion() + ": expected 4 or 6");
        };
        if (key.getAIp().size() != ipLen || key.getBIp().size() != ipLen) {
            throw new IllegalArgumentException("flow key addresses of " + key.getAIp().size() + " and "
                    + key.getBIp().size() + " bytes: expected " + ipLen + " for IPv" + key.getIpVersion());
        }
        if (key.getAPort() > 0xFFFF || key.getBPort() > 0xFFFF) {
            throw new IllegalArgumentException("flow key ports " + key.getAPort() + "/" + key.getBPort() + ": expected 0..65535");
        }
        if (key.getIpProtocol() > 255) {
            throw new IllegalArgumentException("flow key ip_protocol " + key.getIpProtocol() + ": expected 0..255");
        }
    }

    public static byte[] bytes(FlowKey key) {
        int ipLen = key.getAIp().size();
        ByteBuffer b = ByteBuffer.allocate(4 + 1 + 1 + 2 * (ipLen + 2));
        b.putInt(key.getObservationDomain());
        b.put((byte) key.getIpProtocol());
        b.put((byte) key.getIpVersion());
        b.put(key.getAIp().toByteArray());
        b.putShort((short) key.getAPort());
        b.put(key.getBIp().toByteArray());
        b.putShort((short) key.getBPort());
        return b.array();
    }
}
