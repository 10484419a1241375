package io.tidewatch.streams.training;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidewatch.proto.v1.ModelMetrics;
import java.util.Map;

/**
 * A {@link ModelMetrics} record as a JSON document ({@code model_id}, {@code version}, {@code examples},
 * {@code cumulative}, {@code windowed}, and {@code drift} when set): what a replay writes as its final
 * progressive-validation figures.
 */
public final class MetricsJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private MetricsJson() {
    }

    public static String toJson(ModelMetrics m) {
        if (m == null) {
            throw new IllegalArgumentException("model metrics: expected a record, got null");
        }
        ObjectNode root = JSON.createObjectNode();
        root.put("model_id", m.getModelId());
        root.put("version", m.getVersion());
        root.put("at_ms", m.getAtMs());
        root.put("examples", m.getExamples());
        put(root.putObject("cumulative"), m.getCumulativeMap());
        put(root.putObject("windowed"), m.getWindowedMap());
        if (m.hasDrift()) {
            ObjectNode d = root.putObject("drift");
            d.put("detector", m.getDrift().getDetector());
            d.put("signal", m.getDrift().getSignal());
            d.put("action", m.getDrift().getAction());
        }
        return root.toString();
    }

    private static void put(ObjectNode node, Map<String, Double> values) {
        new java.util.TreeMap<>(values).forEach((k, v) -> {
            if (Double.isFinite(v)) {
                node.put(k, v);
            }
        });
    }
}
