package io.tidewatch.streams.features;

import io.tidewatch.proto.v1.FeatureSet;
import io.tidewatch.streams.host.HostContextFeatures;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The registry of feature sets: from an id found in {@code FlowRecord.feature_set} to the names of its values.
 * {@code tw-flow-v1} is the per-flow features with a 16-packet SPLT followed by the host context; another SPLT
 * length N is the distinct set {@code tw-flow-v1-spltN}, because its vector has another shape. A change to any
 * name or order is a new version, never an edit of an existing one.
 */
public final class FeatureSets {

    public static final String FLOW_V1 = "tw-flow-v1";
    private static final Pattern FLOW_V1_SPLT = Pattern.compile("tw-flow-v1-splt(\\d{1,4})");
    private static final Map<String, FeatureSet> CACHE = new ConcurrentHashMap<>();

    private FeatureSets() {
    }

    /** The id of the flow feature set with a SPLT of {@code spltLength} packets. */
    public static String flowV1Id(int spltLength) {
        if (spltLength < 0 || spltLength > 1024) {
            throw new IllegalArgumentException("SPLT length " + spltLength + ": expected 0..1024");
        }
        return spltLength == FlowFeatures.DEFAULT_SPLT_LENGTH ? FLOW_V1 : FLOW_V1 + "-splt" + spltLength;
    }

    /** The feature set named {@code id}; fails naming the id and the known forms when there is none. */
    public static FeatureSet resolve(String id) {
        if (id == null) {
            throw new IllegalArgumentException("feature set id is null: expected " + FLOW_V1 + " or " + FLOW_V1 + "-spltN");
        }
        return CACHE.computeIfAbsent(id, FeatureSets::build);
    }

    /** The names of feature set {@code id}, in vector order. */
    public static List<String> names(String id) {
        return resolve(id).getNamesList();
    }

    private static FeatureSet build(String id) {
        int splt;
        if (id.equals(FLOW_V1)) {
            splt = FlowFeatures.DEFAULT_SPLT_LENGTH;
        } else {
            Matcher m = FLOW_V1_SPLT.matcher(id);
            if (!m.matches() || Integer.parseInt(m.group(1)) > 1024) {
                throw new IllegalArgumentException("unknown feature set '" + id + "': expected " + FLOW_V1
                        + " or " + FLOW_V1 + "-spltN (N 0..1024)");
            }
            splt = Integer.parseInt(m.group(1));
        }
        List<String> names = new ArrayList<>(FlowFeatures.names(splt));
        names.addAll(HostContextFeatures.names());
        return FeatureSet.newBuilder().setId(id).addAllNames(names).build();
    }
}
