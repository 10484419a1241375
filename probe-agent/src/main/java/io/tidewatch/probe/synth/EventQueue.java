package io.tidewatch.probe.synth;

import java.util.Arrays;

/**
 * A binary min-heap of {@link Scheduled} items by (time, creation order): the merge point that puts the packets of
 * all concurrent flows into one time-ordered stream. Hand-written rather than {@code PriorityQueue} to avoid a
 * comparator call per comparison on the hot path.
 */
final class EventQueue {
    private Scheduled[] heap = new Scheduled[1024];
    private int size;

    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    Scheduled peek() {
        return size == 0 ? null : heap[0];
    }

    void add(Scheduled s) {
        if (size == heap.length) {
            heap = Arrays.copyOf(heap, size * 2);
        }
        heap[size] = s;
        s.heapIndex = size;
        size++;
        siftUp(size - 1);
    }

    Scheduled poll() {
        if (size == 0) {
            return null;
        }
        Scheduled top = heap[0];
        size--;
        if (size > 0) {
            heap[0] = heap[size];
            heap[0].heapIndex = 0;
            heap[size] = null;
            siftDown(0);
        } else {
            heap[0] = null;
        }
        top.heapIndex = -1;
        return top;
    }

    /** Restores order after the head's time moved later; cheaper than poll and add. */
    void headChanged() {
        siftDown(0);
    }

    private void siftUp(int i) {
        Scheduled s = heap[i];
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            Scheduled p = heap[parent];
            if (!s.before(p)) {
                break;
            }
            heap[i] = p;
            p.heapIndex = i;
            i = parent;
        }
        heap[i] = s;
        s.heapIndex = i;
    }

    private void siftDown(int i) {
        Scheduled s = heap[i];
        int half = size >>> 1;
        while (i < half) {
            int child = 2 * i + 1;
            Scheduled c = heap[child];
            int right = child + 1;
            if (right < size && heap[right].before(c)) {
                child = right;
                c = heap[child];
            }
            if (!c.before(s)) {
                break;
            }
            heap[i] = c;
            c.heapIndex = i;
            i = child;
        }
        heap[i] = s;
        s.heapIndex = i;
    }
}
