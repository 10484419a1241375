package io.tidewatch.streams.ecs;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.io.NumberOutput;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonSerializable;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.jsontype.TypeSerializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidewatch.proto.v1.FlowEndReason;
import io.tidewatch.proto.v1.FlowRecord;
import io.tidewatch.proto.v1.FlowSide;
import io.tidewatch.streams.features.FeatureSets;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Maps a {@link FlowRecord} to one Elastic Common Schema JSON document, nested objects as ECS writes them:
 * {@code @timestamp}, {@code event}, {@code source} (the originator), {@code destination}, {@code network},
 * {@code observer} and the product's own {@code tidewatch} object with the named features. Decorators run last.
 *
 * <p>Without decorators a document is written straight to a JSON generator ({@link #write}) rather than built as a
 * tree first: with some 190 features per flow, the tree's nodes and maps cost more than writing the text. Both paths
 * write the same fields in the same order with the same number formatting (the tree is serialized by the same
 * generator calls), which a test checks on real flows.
 *
 * <p>Numbers: integers as integers; a double (the features, scores) as the shortest decimal that reads back as the
 * same double, in {@link Double#toString}'s layout ({@code 19.0}, {@code 438.7368421052631}, {@code 5.0E-4},
 * {@code 1.0E7}); a feature that is NaN or infinite as {@code null}. The shortest decimal is Jackson's Schubfach
 * writer, the algorithm {@code Double.toString} itself uses from Java 19: on Java 17, {@code Double.toString} is
 * several times slower, which some 190 features per flow made a tenth of the stream thread's time, and now and
 * then writes a digit more than needed ({@code 5.9604644775390625E-8} for {@code 5.960464477539063E-8}); both read
 * back as the same double, so a SIEM sees the same values. Every document this mapper writes ({@link #text} for
 * trees too) uses that writer.
 */
public final class EcsMapper {

    /** Fields a caller appends at the end of the {@code event} and {@code tidewatch} objects of the streamed form. */
    public interface Extension {

        void event(JsonGenerator g) throws IOException;

        void tidewatch(JsonGenerator g) throws IOException;
    }

    private static final Extension NONE = new Extension() {
        @Override
        public void event(JsonGenerator g) {
        }

        @Override
        public void tidewatch(JsonGenerator g) {
        }
    };

    private static final ConcurrentHashMap<String, SerializedString[]> FEATURE_FIELD_NAMES = new ConcurrentHashMap<>();

    private final ObjectMapper json;
    private final ObjectWriter writer;
    private final List<EcsDecorator> decorators;

    public EcsMapper(ObjectMapper json, List<EcsDecorator> decorators) {
        this.json = json;
        // Bytes are written by Jackson's UTF-8 generator, which would escape a character outside the BMP (an emoji
        // in a probe id) as a surrogate pair; combined, the bytes are the text's UTF-8, as a string serde makes them.
        this.writer = json.writer().with(StreamWriteFeature.USE_FAST_DOUBLE_WRITER)
                .with(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8);
        this.decorators = List.copyOf(decorators);
    }

    public EcsMapper() {
        this(new ObjectMapper(), List.of());
    }

    public String toJson(FlowRecord flow) {
        if (streams()) {
            return toJson(flow, NONE);
        }
        return text(toDocument(flow));
    }

    /** The text of a document built as a tree (this mapper's, a decorated one, an alert), numbers as streamed. */
    public String text(JsonNode document) {
        try {
            return writer.writeValueAsString(document);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write ECS document: " + e.getOriginalMessage(), e);
        }
    }

    /** True when documents can be streamed: no decorator needs the tree. */
    public boolean streams() {
        return decorators.isEmpty();
    }

    /** The streamed document with {@code extension}'s fields; only when {@link #streams()}. */
    public String toJson(FlowRecord flow, Extension extension) {
        try {
            return writer.writeValueAsString(streamed(flow, extension));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot write ECS document of flow " + flow.getFlowId(), e);
        }
    }

    /**
     * {@link #toJson(FlowRecord, Extension)} as UTF-8, written as bytes from the start: what a topic holds, without
     * building the text as a String and encoding it again (a tenth of the ECS stage's time).
     */
    public byte[] toJsonBytes(FlowRecord flow, Extension extension) {
        try {
            return writer.writeValueAsBytes(streamed(flow, extension));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot write ECS document of flow " + flow.getFlowId(), e);
        }
    }

    /** {@link #text} as UTF-8. */
    public byte[] textBytes(JsonNode document) {
        try {
            return writer.writeValueAsBytes(document);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write ECS document: " + e.getOriginalMessage(), e);
        }
    }

    /** The document as something the writer serializes by calling {@link #write}. */
    private JsonSerializable streamed(FlowRecord flow, Extension extension) {
        if (!streams()) {
            throw new IllegalStateException("ECS documents with decorators are built as trees: use toDocument");
        }
        // Through the mapper, so Jackson's own pooled buffers hold the text; the document writes itself.
        return new JsonSerializable.Base() {
            @Override
            public void serialize(JsonGenerator g, SerializerProvider provider) throws IOException {
                write(flow, g, extension);
            }

            @Override
            public void serializeWithType(JsonGenerator g, SerializerProvider provider, TypeSerializer type)
                    throws IOException {
                write(flow, g, extension);
            }
        };
    }

    /** Feature names as pre-quoted JSON field names, per feature set: written for every flow. */
    private static SerializedString[] featureFieldNames(String featureSet) {
        return FEATURE_FIELD_NAMES.computeIfAbsent(featureSet,
                id -> FeatureSets.names(id).stream().map(SerializedString::new).toArray(SerializedString[]::new));
    }

    /** Writes the document {@link #toDocument} builds (before decorators), field by field, plus the extension's. */
    public void write(FlowRecord flow, JsonGenerator g, Extension extension) throws IOException {
        g.writeStartObject();
        g.writeStringField("@timestamp", iso(flow.getEndNs()));

        g.writeObjectFieldStart("event");
        g.writeStringField("kind", "event");
        g.writeArrayFieldStart("category");
        g.writeString("network");
        g.writeEndArray();
        g.writeArrayFieldStart("type");
        g.writeString("connection");
        g.writeString(flow.getEndReason() == FlowEndReason.FLOW_END_REASON_ACTIVE ? "info" : "end");
        g.writeEndArray();
        g.writeStringField("start", iso(flow.getStartNs()));
        g.writeStringField("end", iso(flow.getEndNs()));
        g.writeNumberField("duration", flow.getEndNs() - flow.getStartNs());
        g.writeStringField("dataset", "tidewatch.flow");
        g.writeStringField("id", flow.getFlowId());
        extension.event(g);
        g.writeEndObject();

        writeSide(g, "source", flow.getOriginator());
        writeSide(g, "destination", flow.getResponder());

        g.writeObjectFieldStart("network");
        int proto = flow.getFlow().getIpProtocol();
        g.writeStringField("transport", transport(proto));
        g.writeStringField("iana_number", Integer.toString(proto));
        if (!flow.getFlow().getCommunityId().isEmpty()) {
            g.writeStringField("community_id", flow.getFlow().getCommunityId());
        }
        g.writeNumberField("bytes", flow.getOriginator().getIpBytes() + flow.getResponder().getIpBytes());
        g.writeNumberField("packets", flow.getOriginator().getPackets() + flow.getResponder().getPackets());
        g.writeStringField("type", flow.getFlow().getIpVersion() == 6 ? "ipv6" : "ipv4");
        g.writeEndObject();

        g.writeObjectFieldStart("observer");
        g.writeStringField("name", flow.getProbeIdsCount() == 0 ? "unknown" : flow.getProbeIds(0));
        g.writeStringField("type", "sensor");
        g.writeEndObject();

        g.writeObjectFieldStart("tidewatch");
        g.writeStringField("flow_id", flow.getFlowId());
        g.writeNumberField("segment", flow.getSegment());
        g.writeStringField("end_reason", endReason(flow.getEndReason()));
        g.writeNumberField("observation_domain", flow.getFlow().getObservationDomain());
        g.writeArrayFieldStart("probe_ids");
        for (String p : flow.getProbeIdsList()) {
            g.writeString(p);
        }
        g.writeEndArray();
        g.writeNumberField("late_batches", flow.getLateBatches());
        g.writeNumberField("duplicate_batches", flow.getDuplicateBatches());
        g.writeStringField("feature_set", flow.getFeatureSet());
        g.writeObjectFieldStart("features");
        if (!flow.getFeatureSet().isEmpty()) {
            SerializedString[] names = featureFieldNames(flow.getFeatureSet());
            char[] digits = new char[24];
            int n = Math.min(names.length, flow.getFeaturesCount());
            for (int i = 0; i < n; i++) {
                double v = flow.getFeatures(i);
                g.writeFieldName(names[i]);
                if (Double.isFinite(v)) {
                    writeFeature(g, v, digits);
                } else {
                    g.writeNull();
                }
            }
        }
        g.writeEndObject();
        extension.tidewatch(g);
        g.writeEndObject();
        g.writeEndObject();
    }

    private static void writeSide(JsonGenerator g, String name, FlowSide side) throws IOException {
        g.writeObjectFieldStart(name);
        g.writeStringField("ip", ip(side.getIp().toByteArray()));
        g.writeNumberField("port", side.getPort());
        g.writeNumberField("bytes", side.getIpBytes());
        g.writeNumberField("packets", side.getPackets());
        g.writeEndObject();
    }

    public ObjectNode toDocument(FlowRecord flow) {
        ObjectNode doc = json.createObjectNode();
        doc.put("@timestamp", iso(flow.getEndNs()));

        ObjectNode event = doc.putObject("event");
        event.put("kind", "event");
        event.putArray("category").add("network");
        ArrayNode type = event.putArray("type").add("connection");
        type.add(flow.getEndReason() == FlowEndReason.FLOW_END_REASON_ACTIVE ? "info" : "end");
        event.put("start", iso(flow.getStartNs()));
        event.put("end", iso(flow.getEndNs()));
        // ECS event.duration is in nanoseconds.
        event.put("duration", flow.getEndNs() - flow.getStartNs());
        event.put("dataset", "tidewatch.flow");
        event.put("id", flow.getFlowId());

        side(doc.putObject("source"), flow.getOriginator());
        side(doc.putObject("destination"), flow.getResponder());

        ObjectNode network = doc.putObject("network");
        int proto = flow.getFlow().getIpProtocol();
        network.put("transport", transport(proto));
        network.put("iana_number", Integer.toString(proto));
        if (!flow.getFlow().getCommunityId().isEmpty()) {
            network.put("community_id", flow.getFlow().getCommunityId());
        }
        network.put("bytes", flow.getOriginator().getIpBytes() + flow.getResponder().getIpBytes());
        network.put("packets", flow.getOriginator().getPackets() + flow.getResponder().getPackets());
        network.put("type", flow.getFlow().getIpVersion() == 6 ? "ipv6" : "ipv4");

        ObjectNode observer = doc.putObject("observer");
        observer.put("name", flow.getProbeIdsCount() == 0 ? "unknown" : flow.getProbeIds(0));
        observer.put("type", "sensor");

        ObjectNode tw = doc.putObject("tidewatch");
        tw.put("flow_id", flow.getFlowId());
        tw.put("segment", flow.getSegment());
        tw.put("end_reason", endReason(flow.getEndReason()));
        tw.put("observation_domain", flow.getFlow().getObservationDomain());
        ArrayNode probes = tw.putArray("probe_ids");
        flow.getProbeIdsList().forEach(probes::add);
        tw.put("late_batches", flow.getLateBatches());
        tw.put("duplicate_batches", flow.getDuplicateBatches());
        tw.put("feature_set", flow.getFeatureSet());
        ObjectNode features = tw.putObject("features");
        if (!flow.getFeatureSet().isEmpty()) {
            List<String> names = FeatureSets.names(flow.getFeatureSet());
            int n = Math.min(names.size(), flow.getFeaturesCount());
            for (int i = 0; i < n; i++) {
                double v = flow.getFeatures(i);
                if (Double.isFinite(v)) {
                    features.put(names.get(i), v);
                } else {
                    features.putNull(names.get(i));
                }
            }
        }
        for (EcsDecorator d : decorators) {
            d.decorate(flow, doc);
        }
        return doc;
    }

    /**
     * Writes a finite feature as {@link JsonGenerator#writeNumber(double)} would. More than half the features of a
     * flow are whole numbers (counts, sizes, flags, a third of them zero), and for a whole number of magnitude below
     * 10^7 the shortest decimal in {@link Double#toString}'s layout is its digits and {@code .0}: written here from
     * the long without the shortest-decimal search, which was most of the cost of the document's numbers. Negative
     * zero keeps its sign through the general path. {@code digits} is a scratch buffer of at least 22 chars.
     */
    static void writeFeature(JsonGenerator g, double v, char[] digits) throws IOException {
        long whole = (long) v;
        if (whole == v && whole > -10_000_000L && whole < 10_000_000L && (whole != 0 || 1 / v > 0)) {
            int end = NumberOutput.outputLong(whole, digits, 0);
            digits[end] = '.';
            digits[end + 1] = '0';
            g.writeRawValue(digits, 0, end + 2);
        } else {
            g.writeNumber(v);
        }
    }

    private static void side(ObjectNode node, FlowSide side) {
        node.put("ip", ip(side.getIp().toByteArray()));
        node.put("port", side.getPort());
        node.put("bytes", side.getIpBytes());
        node.put("packets", side.getPackets());
    }

    static String ip(byte[] address) {
        try {
            return InetAddress.getByAddress(address).getHostAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("address of " + address.length + " bytes: expected 4 or 16", e);
        }
    }

    static String transport(int proto) {
        return switch (proto) {
            case 1 -> "icmp";
            case 6 -> "tcp";
            case 17 -> "udp";
            case 58 -> "ipv6-icmp";
            case 132 -> "sctp";
            case 47 -> "gre";
            default -> Integer.toString(proto);
        };
    }

    static String endReason(FlowEndReason r) {
        String name = r.name();
        String prefix = "FLOW_END_REASON_";
        return (name.startsWith(prefix) ? name.substring(prefix.length()) : name).toLowerCase(Locale.ROOT);
    }

    private static String iso(long ns) {
        return Instant.ofEpochSecond(Math.floorDiv(ns, 1_000_000_000L), Math.floorMod(ns, 1_000_000_000L)).toString();
    }
}
