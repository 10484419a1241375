package io.tidewatch.streams.ecs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.ByteString;
import io.tidewatch.proto.v1.FlowEndReason;
import io.tidewatch.proto.v1.FlowKey;
import io.tidewatch.proto.v1.FlowRecord;
import io.tidewatch.proto.v1.FlowSide;
import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import io.tidewatch.streams.features.FeatureSets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
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

    /** A flow whose features are {@code values} (padded with zeros to the feature set's size). */
    private static FlowRecord withFeatures(List<Double> values) throws Exception {
        FlowRecord.Builder f = ipv6Interim().toBuilder().setFeatureSet(FeatureSets.FLOW_V1);
        int n = FeatureSets.names(FeatureSets.FLOW_V1).size();
        for (int i = 0; i < n; i++) {
            f.addFeatures(i < values.size() ? values.get(i) : 0);
        }
        return f.build();
    }

    /** The feature values of a document as the text it holds, null for a JSON null. */
    private static List<String> featureTexts(String json) throws Exception {
        List<String> out = new ArrayList<>();
        try (JsonParser p = new ObjectMapper().getFactory().createParser(json)) {
            boolean inFeatures = false;
            for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
                if (t == JsonToken.FIELD_NAME && p.currentName().equals("features")) {
                    inFeatures = true;
                } else if (inFeatures && t == JsonToken.END_OBJECT) {
                    break;
                } else if (inFeatures && t != JsonToken.FIELD_NAME && t != JsonToken.START_OBJECT) {
                    out.add(t == JsonToken.VALUE_NULL ? null : p.getText());
                }
            }
        }
        return out;
    }

    @Test
    void featureValuesReadBackAsTheSameDoublesInDoubleToStringsLayout() throws Exception {
        List<Double> values = new ArrayList<>(List.of(19.0, -3.0, 0.0, -0.0, 438.7368421052631, 0.001, 5.0E-4,
                1.0E7, 9_999_999.0, 123_456_789_012.0, -2.5E-300, Double.MIN_VALUE, Double.MIN_NORMAL,
                Double.MAX_VALUE, -Double.MAX_VALUE, 5.960464477539063E-8, 0.1 + 0.2, 1.0 / 3, 2e23, 9.007199254740993E15));
        SplittableRandom r = new SplittableRandom(3);
        int n = FeatureSets.names(FeatureSets.FLOW_V1).size();
        while (values.size() < n) {
            values.add(values.size() % 2 == 0 ? Double.longBitsToDouble(r.nextLong()) : r.nextDouble(-1e4, 1e4));
        }
        for (int round = 0; round < 50; round++) {
            List<Double> in = round == 0 ? values : new ArrayList<>();
            while (in.size() < n) {
                double v = Double.longBitsToDouble(r.nextLong());
                in.add(Double.isFinite(v) ? v : r.nextInt(1_000_000));
            }
            List<String> texts = featureTexts(new EcsMapper().toJson(withFeatures(in)));
            assertEquals(n, texts.size());
            for (int i = 0; i < n; i++) {
                double v = in.get(i);
                String text = texts.get(i);
                // Exact: the text parses back to the very same bits, the sign of zero included.
                assertEquals(Double.doubleToRawLongBits(v), Double.doubleToRawLongBits(Double.parseDouble(text)),
                        "feature " + i + ": " + v + " written as " + text);
                // Double.toString's layout (a ".0" on whole numbers, E notation outside [1e-3, 1e7)) and never
                // longer than its text, since the digits are the shortest that identify the double.
                String reference = Double.toString(v);
                assertEquals(reference.contains("E"), text.contains("E"), text + " against " + reference);
                assertTrue(text.length() <= reference.length(), text + " against " + reference);
                if (v == Math.rint(v) && Math.abs(v) < 1e7) {
                    assertEquals(reference, text, "a whole number reads as Double.toString writes it");
                }
            }
        }
    }

    @Test
    void wholeNumbersTakeTheShortPathToTheTextTheGeneratorWrites() throws Exception {
        List<Double> values = new ArrayList<>(List.of(0.0, -0.0, 1.0, -1.0, 9.0, 10.0, 65_535.0, 9_999_999.0,
                -9_999_999.0, 1.0E7, -1.0E7, 1.2345678E7, 4.294967296E9, 9.007199254740992E15, 0.5, -0.001, 1e-3,
                (double) Long.MIN_VALUE, (double) Long.MAX_VALUE));
        SplittableRandom r = new SplittableRandom(11);
        for (int i = 0; i < 5_000; i++) {
            values.add((double) r.nextLong(-20_000_000L, 20_000_000L));
            values.add(Math.scalb((double) r.nextInt(-1_000, 1_000), r.nextInt(-12, 40)));
        }
        JsonFactory factory = JsonFactory.builder().enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER).build();
        char[] digits = new char[24];
        for (double v : values) {
            ByteArrayOutputStream shortPath = new ByteArrayOutputStream();
            ByteArrayOutputStream general = new ByteArrayOutputStream();
            try (JsonGenerator a = factory.createGenerator(shortPath); JsonGenerator b = factory.createGenerator(general)) {
                a.writeStartObject();
                a.writeFieldName("x");
                EcsMapper.writeFeature(a, v, digits);
                a.writeFieldName("y");
                EcsMapper.writeFeature(a, v, digits);
                a.writeEndObject();
                b.writeStartObject();
                b.writeNumberField("x", v);
                b.writeNumberField("y", v);
                b.writeEndObject();
            }
            assertEquals(general.toString(StandardCharsets.UTF_8), shortPath.toString(StandardCharsets.UTF_8),
                    Double.toString(v));
        }
    }

    @Test
    void nonFiniteFeaturesAreNullInBothForms() throws Exception {
        FlowRecord f = withFeatures(List.of(Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 1.5));
        EcsMapper m = new EcsMapper();
        List<String> streamed = featureTexts(m.toJson(f));
        assertEquals(java.util.Arrays.asList(null, null, null, "1.5", "0.0"), streamed.subList(0, 5));
        assertEquals(m.toJson(f), m.text(m.toDocument(f)), "the tree writes the same text");
    }
}
