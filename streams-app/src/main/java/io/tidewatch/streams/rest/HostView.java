package io.tidewatch.streams.rest;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidewatch.streams.host.FlowIndicators;
import io.tidewatch.streams.host.HostContext;
import io.tidewatch.streams.host.HostContextFeatures;
import io.tidewatch.streams.host.PairState;
import io.tidewatch.streams.host.SourceHostState;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * A source host's context as the REST API shows it: when it last started a flow, and its {@code host.*} features
 * (damped flow statistics per half-life, distinct destinations) by name, the same values scoring sees.
 */
public final class HostView {

    private HostView() {
    }

    /** {@code state} is the host store's value (version byte, last update time in ns, then the statistics). */
    public static ObjectNode json(String ip, byte[] state) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("ip", ip);
        if (state.length >= 9) {
            o.put("last_flow_start", FlowView.instant(ByteBuffer.wrap(state, 1, 8).getLong()));
        }
        SourceHostState host = SourceHostState.decode(state);
        // A host lookup has no flow: its empty-connection count is shown as it stands, which a flow shows only
        // when it is one of them.
        double[] values = HostContext.values(HostContextFeatures.CURRENT, host, new PairState(),
                new FlowIndicators(0, 0, host.emptyTcp()));
        List<String> names = HostContextFeatures.names();
        ObjectNode features = o.putObject("features");
        for (int i = 0; i < names.size(); i++) {
            // Pair features need a destination; a host lookup has none.
            if (names.get(i).startsWith("host.")) {
                double v = values[i];
                if (Double.isFinite(v)) {
                    features.put(names.get(i), v);
                } else {
                    features.putNull(names.get(i));
                }
            }
        }
        return o;
    }
}
