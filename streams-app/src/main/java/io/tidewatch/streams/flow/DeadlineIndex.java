package io.tidewatch.streams.flow;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;
import org.apache.kafka.common.utils.Bytes;

/**
 * The open flows of one task ordered by the deadline at which the assembler must look at them again: the due ones
 * come out in deadline order, so the work of a punctuation is proportional to the flows that are due. It lives in
 * memory beside the {@code flow-state} store and is rebuilt from it when the task starts: every
 * {@link FlowState} carries the deadline it is indexed under, so the store stays the only truth (restores,
 * exactly-once aborts and moved tasks all start the processor again) and the index writes no changelog. As a
 * Kafka Streams store behind the record cache it cost a quarter of the stream thread: every range scan merged the
 * cache's sorted keys, tombstones included, with RocksDB's.
 *
 * <p>Entries are only removed when they come due or when the flow moves its deadline earlier; an entry whose flow
 * is gone or indexed elsewhere by then is skipped by the caller, exactly as with a store.
 */
final class DeadlineIndex {

    record Entry(long deadlineMs, Bytes key) {
    }

    private static final Comparator<Entry> ORDER = Comparator.comparingLong(Entry::deadlineMs)
            .thenComparing(Entry::key);

    private final TreeSet<Entry> entries = new TreeSet<>(ORDER);

    void put(long deadlineMs, Bytes key) {
        entries.add(new Entry(deadlineMs, key));
    }

    void remove(long deadlineMs, Bytes key) {
        entries.remove(new Entry(deadlineMs, key));
    }

    /** Removes and returns every entry due at or before {@code nowMs}, in deadline order. */
    List<Entry> takeDue(long nowMs) {
        List<Entry> due = new ArrayList<>();
        while (!entries.isEmpty() && entries.first().deadlineMs() <= nowMs) {
            due.add(entries.pollFirst());
        }
        return due;
    }

    void clear() {
        entries.clear();
    }

    int size() {
        return entries.size();
    }
}
