package io.tidewatch.streams.flow;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.common.utils.Bytes;

/**
 * The decoded state of the flows a task touched last, each with the exact array it was encoded into and written to
 * the store. It never answers on its own: the assembler uses an entry only when the store hands back that same
 * array (identity, not equality), so whatever replaced the value in the store (a restore, another writer, a
 * failure half-way) makes the entry useless rather than wrong. Least recently used entries go first.
 */
final class HotFlows {

    record Entry(byte[] bytes, FlowState state) {
    }

    private final LinkedHashMap<Bytes, Entry> entries;

    HotFlows(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("hot flow capacity " + capacity + ": expected at least 1");
        }
        this.entries = new LinkedHashMap<>(Math.min(capacity, 1 << 16) * 2, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Bytes, Entry> eldest) {
                return size() > capacity;
            }
        };
    }

    Entry get(Bytes key) {
        return entries.get(key);
    }

    void put(Bytes key, byte[] bytes, FlowState state) {
        entries.put(key, new Entry(bytes, state));
    }

    void remove(Bytes key) {
        entries.remove(key);
    }

    void clear() {
        entries.clear();
    }

    int size() {
        return entries.size();
    }
}
