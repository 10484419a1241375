package io.tidewatch.cli.evaluate;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** The figures of one evaluation, printed as an aligned table or as one flat JSON object (NaN as null). */
final class Report {

    private final Map<String, Object> fields = new LinkedHashMap<>();

    Report(String learner, long instances, int features, long learnerNanos) {
        fields.put("learner", learner);
        fields.put("instances", instances);
        fields.put("features", features);
        fields.put("learner_seconds", learnerNanos / 1e9);
        fields.put("instances_per_s", learnerNanos > 0 ? instances / (learnerNanos / 1e9) : Double.NaN);
    }

    void put(String key, Object value) {
        fields.put(key, value);
    }

    Object get(String key) {
        return fields.get(key);
    }

    String toJson() {
        StringBuilder sb = new StringBuilder("{");
        for (Map.Entry<String, Object> e : fields.entrySet()) {
            if (sb.length() > 1) {
                sb.append(',');
            }
            sb.append('"').append(e.getKey()).append("\":");
            Object v = e.getValue();
            if (v instanceof String) {
                quote(sb, (String) v);
            } else if (v instanceof Double) {
                double d = (Double) v;
                sb.append(Double.isFinite(d) ? Double.toString(d) : "null");
            } else {
                sb.append(v);
            }
        }
        return sb.append('}').toString();
    }

    String toText() {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, Object> e : fields.entrySet()) {
            Object v = e.getValue();
            String shown = v instanceof Double ? (Double.isFinite((Double) v)
                    ? String.format(Locale.ROOT, e.getKey().equals("instances_per_s") ? "%,.0f" : "%.4f", v) : "-")
                    : String.valueOf(v);
            sb.append(String.format(Locale.ROOT, "%-18s %s%n", e.getKey(), shown));
        }
        return sb.toString().stripTrailing();
    }

    private static void quote(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                sb.append('\\').append(c);
            } else if (c < 0x20) {
                sb.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        sb.append('"');
    }
}
