package io.tidewatch.streams.rest;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidewatch.proto.v1.FlowRecord;
import io.tidewatch.proto.v1.FlowSide;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Instant;

/** A flow record as the REST API shows it: addresses as text, times as ISO-8601, no feature vector. */
public final class FlowView {

    private FlowView() {
    }

    public static ObjectNode json(FlowRecord f) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("flow_id", f.getFlowId());
        o.put("community_id", f.getFlow().getCommunityId());
        o.put("segment", f.getSegment());
        o.put("end_reason", f.getEndReason().name());
        o.put("start", instant(f.getStartNs()));
        o.put("end", instant(f.getEndNs()));
        o.put("ip_protocol", f.getFlow().getIpProtocol());
        o.set("originator", side(f.getOriginator()));
        o.set("responder", side(f.getResponder()));
        o.set("probe_ids", JsonNodeFactory.instance.arrayNode().addAll(f.getProbeIdsList().stream()
                .map(JsonNodeFactory.instance::textNode).toList()));
        o.put("feature_set", f.getFeatureSet());
        return o;
    }

    private static ObjectNode side(FlowSide s) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("ip", address(s.getIp().toByteArray()));
        o.put("port", s.getPort());
        o.put("packets", s.getPackets());
        o.put("ip_bytes", s.getIpBytes());
        o.put("payload_bytes", s.getPayloadBytes());
        return o;
    }

    static String instant(long epochNs) {
        return Instant.ofEpochSecond(Math.floorDiv(epochNs, 1_000_000_000L), Math.floorMod(epochNs, 1_000_000_000L))
                .toString();
    }

    static String address(byte[] ip) {
        try {
            return InetAddress.getByAddress(ip).getHostAddress();
        } catch (UnknownHostException e) {
            return "invalid(" + ip.length + " bytes)";
        }
    }
}
