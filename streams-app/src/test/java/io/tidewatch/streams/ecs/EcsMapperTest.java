package io.tidewatch.streams.ecs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.ByteString;
import io.tidewatch.proto.v1.FlowEndReason;
import io.tidewatch.proto.v1.FlowKey;
import io.tidewatch.proto.v1.FlowRecord;
import io.tidewatch.proto.v1.FlowSide;
import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

class EcsMapperTest {

    private static FlowRecord ipv6Interim() throws Exception {
        byte[] a = InetAddress.getByName("2001:db8::1").getAddress();
        byte[] b = InetAddress.getByName("2001:db8::2").getAddress();
        return FlowRecord.newBuilder()
                .setFlow(FlowKey.newBuilder().setIpVersion(6).setIpProtocol(17).setAIp(ByteString.copyFrom(a))
                        .setBIp(ByteString.copyFrom(b)).setAPort(5353).setBPort(53))
                .setFlowId("id-1").setSegment(2).setEndReason(FlowEndReason.FLOW_END_REASON_ACTIVE)
                .setStartNs(1_000_000_000L).setEndNs(1_500_000_000L)
                .setOriginator(FlowSide.newBuilder().setIp(ByteString.copyFrom(b)).setPort(53).setPackets(3).setIpBytes(300))
                .setResponder(FlowSide.newBuilder().setIp(ByteString.copyFrom(a)).setPort(5353).setPackets(1).setIpBytes(90))
                .build();
    }

    @Test
    void interimIpv6SegmentsAreInfoEventsWithTheOriginatorAsSource() throws Exception {
        ObjectNode d = new EcsMapper().toDocument(ipv6Interim());
        assertEquals("info", d.at("/event/type/1").asText());
        assertEquals(500_000_000L, d.at("/event/duration").asLong());
        assertEquals("2001:db8:0:0:0:0:0:2", d.at("/source/ip").asText());
        assertEquals("ipv6", d.at("/network/type").asText());
        assertEquals("udp", d.at("/network/transport").asText());
        assertEquals("17", d.at("/network/iana_number").asText());
        assertEquals(390, d.at("/network/bytes").asLong());
        assertEquals("active", d.at("/tidewatch/end_reason").asText());
        assertEquals(2, d.at("/tidewatch/segment").asInt());
        assertTrue(d.at("/network/community_id").isMissingNode(), "no community id given, none written");
    }

    @Test
    void decoratorsAddTheScoreFields() throws Exception {
        EcsMapper m = new EcsMapper(new ObjectMapper(), List.of((flow, doc) -> {
            ((ObjectNode) doc.get("event")).put("risk_score", 87.5);
            ((ObjectNode) doc.get("tidewatch")).put("score", 0.875);
        }));
        ObjectNode d = (ObjectNode) new ObjectMapper().readTree(m.toJson(ipv6Interim()));
        assertEquals(87.5, d.at("/event/risk_score").asDouble());
        assertEquals(0.875, d.at("/tidewatch/score").asDouble());
    }
}
