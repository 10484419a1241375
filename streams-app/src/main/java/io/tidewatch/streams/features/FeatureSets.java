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
 * {@code tw-flow-vK} is the per-flow features with a 16-packet SPLT followed by host-context version K; another
 * SPLT length N is the distinct set {@code tw-flow-vK-spltN}, because its vector has another shape. {@code
 * tw-flow-v2} is {@code tw-flow-v1} with two pair indicators appended ({@link HostContextFeatures}), {@code
 * tw-flow-v3} is v2 with the source's empty-connection indicator appended; new records carry the latest ({@link
 * #flowId}), and older ids still resolve to exactly their old names, for records and models written before. A
 * change to any name or order is a new version, never an edit of an existing one.
 */
public final class FeatureSets {

    public static final String FLOW_V1 = "tw-flow-v1";
    public static final String FLOW_V2 = "tw-flow-v2";
    public static final String FLOW_V3 = "tw-flow-v3";
    /** The id new records carry with the default SPLT length: the current version. */
    public static final String FLOW = FLOW_V3;
    private static final Pattern FLOW_ID = Pattern.compile("tw-flow-v(\\d)(?:-splt(\\d{1,4}))?");
    private static final Map<String, FeatureSet> CACHE = new ConcurrentHashMap<>();

    private FeatureSets() {
    }

    /** The id of the current flow feature set with a SPLT of {@code spltLength} packets. */
    public static String flowId(int spltLength) {
        return flowId(HostContextFeatures.CURRENT, spltLength);
    }

    /** The id of flow feature set version {@code version} with a SPLT of {@code spltLength} packets. */
    public static String flowId(int version, int spltLength) {
        if (spltLength < 0 || spltLength > 1024) {
            throw new IllegalArgumentException("SPLT length " + spltLength + ": expected 0..1024");
        }
        if (version < HostContextFeatures.V1 || version > HostContextFeatures.CURRENT) {
            throw new IllegalArgumentException("flow feature set version " + version + ": expected "
                    + HostContextFeatures.V1 + ".." + HostContextFeatures.CURRENT);
        }
        String base = "tw-flow-v" + version;
        return spltLength == FlowFeatures.DEFAULT_SPLT_LENGTH ? base : base + "-splt" + spltLength;
    }

    /** The feature set named {@code id}; fails naming the id and the known forms when there is none. */
    public static FeatureSet resolve(String id) {
        if (id == null) {
            throw new IllegalArgumentException("feature set id is null: expected " + known());
        }
        return CACHE.computeIfAbsent(id, FeatureSets::build);
    }

    /** The names of feature set {@code id}, in vector order. */
    public static List<String> names(String id) {
        return resolve(id).getNamesList();
    }

    /** The host-context version feature set {@code id} ends with; fails as {@link #resolve} on an unknown id. */
    public static int hostContextVersion(String id) {
        if (id == null) {
            throw new IllegalArgumentException("feature set id is null: expected " + known());
        }
        return parse(id)[0];
    }

    private static String known() {
        return "tw-flow-vK or tw-flow-vK-spltN (K " + HostContextFeatures.V1 + ".." + HostContextFeatures.CURRENT
                + ", N 0..1024)";
    }

    /** {version, SPLT length} of {@code id}. */
    private static int[] parse(String id) {
        Matcher m = FLOW_ID.matcher(id);
        if (m.matches()) {
            int version = Integer.parseInt(m.group(1));
            int splt = m.group(2) == null ? FlowFeatures.DEFAULT_SPLT_LENGTH : Integer.parseInt(m.group(2));
            if (version >= HostContextFeatures.V1 && version <= HostContextFeatures.CURRENT && splt <= 1024) {
                return new int[] {version, splt};
            }
        }
        throw new IllegalArgumentException("unknown feature set '" + id + "': expected " + known());
    }

    private static FeatureSet build(String id) {
        int[] p = parse(id);
        List<String> names = new ArrayList<>(FlowFeatures.names(p[1]));
        names.addAll(HostContextFeatures.names(p[0]));
        return FeatureSet.newBuilder().setId(id).addAllNames(names).build();
    }
}
