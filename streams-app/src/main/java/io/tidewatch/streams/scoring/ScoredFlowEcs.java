package io.tidewatch.streams.scoring;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidewatch.proto.v1.Contribution;
import io.tidewatch.proto.v1.DetectorScore;
import io.tidewatch.proto.v1.ModelRef;
import io.tidewatch.proto.v1.ScoredFlow;
import io.tidewatch.streams.ecs.EcsMapper;
import java.io.IOException;

/**
 * The ECS document of a scored flow: the flow's own document ({@link EcsMapper}, decorators included) plus
 * {@code event.risk_score} (0-100), {@code tidewatch.score}, {@code tidewatch.scores.<detector>} (calibrated),
 * {@code tidewatch.reasons} (the explanation texts), {@code tidewatch.burn_in}, the supervised probability when a
 * promoted model gave one, and the models that scored it. Streamed without a tree when the mapper streams (see
 * {@link EcsMapper}).
 */
public final class ScoredFlowEcs {

    private final EcsMapper mapper;

    public ScoredFlowEcs(EcsMapper mapper) {
        if (mapper == null) {
            throw new IllegalArgumentException("scored flow ECS: expected an ECS mapper, got null");
        }
        this.mapper = mapper;
    }

    public ObjectNode toDocument(ScoredFlow scored) {
        ObjectNode doc = mapper.toDocument(scored.getFlow());
        ((ObjectNode) doc.get("event")).put("risk_score", riskScore(scored.getScore()));
        ObjectNode tw = (ObjectNode) doc.get("tidewatch");
        tw.put("score", scored.getScore());
        ObjectNode scores = tw.putObject("scores");
        for (DetectorScore d : scored.getDetectorScoresList()) {
            scores.put(d.getDetector(), d.getCalibrated());
        }
        ArrayNode reasons = tw.putArray("reasons");
        for (Contribution c : scored.getReasonsList()) {
            reasons.add(c.getText());
        }
        tw.put("burn_in", scored.getBurnIn());
        if (scored.hasSupervisedProbability()) {
            tw.put("supervised_probability", scored.getSupervisedProbability());
        }
        ArrayNode models = tw.putArray("models");
        for (ModelRef m : scored.getModelsList()) {
            models.addObject().put("id", m.getModelId()).put("version", m.getVersion())
                    .put("examples_seen", m.getExamplesSeen());
        }
        return doc;
    }

    public String toJson(ScoredFlow scored) {
        if (mapper.streams()) {
            return mapper.toJson(scored.getFlow(), scoreFields(scored));
        }
        return mapper.text(toDocument(scored));
    }

    /** {@link #toJson} as UTF-8 bytes, written as bytes (see {@link EcsMapper#toJsonBytes}): the ECS topic's value. */
    public byte[] toJsonBytes(ScoredFlow scored) {
        if (mapper.streams()) {
            return mapper.toJsonBytes(scored.getFlow(), scoreFields(scored));
        }
        return mapper.textBytes(toDocument(scored));
    }

    private static EcsMapper.Extension scoreFields(ScoredFlow scored) {
        return new EcsMapper.Extension() {
            @Override
            public void event(JsonGenerator g) throws IOException {
                g.writeNumberField("risk_score", riskScore(scored.getScore()));
            }

            @Override
            public void tidewatch(JsonGenerator g) throws IOException {
                writeScoreFields(scored, g);
            }
        };
    }

    /** The text of a document built as a tree, numbers written as the mapper writes them (see {@link EcsMapper}). */
    public String text(ObjectNode document) {
        return mapper.text(document);
    }

    /** The fields {@link #toDocument} adds to {@code tidewatch}, in its order. */
    private static void writeScoreFields(ScoredFlow scored, JsonGenerator g) throws IOException {
        g.writeNumberField("score", scored.getScore());
        g.writeObjectFieldStart("scores");
        for (DetectorScore d : scored.getDetectorScoresList()) {
            g.writeNumberField(d.getDetector(), d.getCalibrated());
        }
        g.writeEndObject();
        g.writeArrayFieldStart("reasons");
        for (Contribution c : scored.getReasonsList()) {
            g.writeString(c.getText());
        }
        g.writeEndArray();
        g.writeBooleanField("burn_in", scored.getBurnIn());
        if (scored.hasSupervisedProbability()) {
            g.writeNumberField("supervised_probability", scored.getSupervisedProbability());
        }
        g.writeArrayFieldStart("models");
        for (ModelRef m : scored.getModelsList()) {
            g.writeStartObject();
            g.writeStringField("id", m.getModelId());
            g.writeNumberField("version", m.getVersion());
            g.writeNumberField("examples_seen", m.getExamplesSeen());
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    /** ECS {@code event.risk_score}: the score on 0-100, one decimal. */
    public static double riskScore(double score) {
        return Math.round(score * 1000) / 10.0;
    }
}
