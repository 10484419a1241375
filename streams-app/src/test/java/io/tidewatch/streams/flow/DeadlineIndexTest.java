package io.tidewatch.streams.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.apache.kafka.common.utils.Bytes;
import org.junit.jupiter.api.Test;

class DeadlineIndexTest {

    private static Bytes key(int b) {
        return Bytes.wrap(new byte[] {(byte) b});
    }

    @Test
    void dueFlowsComeOutInDeadlineOrderOnceAndOnlyWhenDue() {
        DeadlineIndex index = new DeadlineIndex();
        index.put(3_000, key(1));
        index.put(1_000, key(2));
        index.put(1_000, key(1));
        index.put(5_000, key(3));
        index.put(-5, key(4));
        assertEquals(List.of(new DeadlineIndex.Entry(-5, key(4)), new DeadlineIndex.Entry(1_000, key(1)),
                new DeadlineIndex.Entry(1_000, key(2))), index.takeDue(1_000), "deadline, then key order");
        assertEquals(List.of(), index.takeDue(2_999));
        // A flow that moved its deadline earlier leaves its old entry.
        index.remove(5_000, key(3));
        index.put(4_000, key(3));
        index.remove(9_999, key(9));
        assertEquals(2, index.size());
        assertEquals(List.of(new DeadlineIndex.Entry(3_000, key(1)), new DeadlineIndex.Entry(4_000, key(3))),
                index.takeDue(10_000));
        assertEquals(0, index.size());
    }
}
