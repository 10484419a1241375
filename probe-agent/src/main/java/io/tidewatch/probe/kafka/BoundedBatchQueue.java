package io.tidewatch.probe.kafka;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.ToIntFunction;

/**
 * The hand-over between the capture thread and the sender thread, bounded both by item count and by bytes.
 * {@link #offer} never waits: when either bound would be exceeded the item is refused and counted as a drop
 * ({@link DropReason#QUEUE_FULL} or {@link DropReason#QUEUE_BYTES}), so a slow or absent broker costs batches,
 * never capture time. One item larger than the byte bound is still taken when the queue is empty, so an oversized
 * batch is not dropped forever for size alone; the byte bound is therefore exceeded by at most one item.
 *
 * <p>Meant for one offering thread and one polling thread (both may be many; the bounds then hold only loosely,
 * by at most one item per concurrent offer).
 *
 * @param <T> the item type
 */
public final class BoundedBatchQueue<T> {

    private final ArrayBlockingQueue<T> items;
    private final int maxItems;
    private final long maxBytes;
    private final ToIntFunction<T> sizer;
    private final DropCounters drops;
    private final AtomicLong bytes = new AtomicLong();
    private final AtomicLong offered = new AtomicLong();
    private volatile int highWater;

    /**
     * @param maxItems most items held at once (1 or more)
     * @param maxBytes most bytes held at once, as measured by {@code sizer} (1 or more)
     * @param sizer    an item's size in bytes; called once on offer and once on poll, so it must be stable
     * @param drops    where refused items are counted
     */
    public BoundedBatchQueue(int maxItems, long maxBytes, ToIntFunction<T> sizer, DropCounters drops) {
        if (maxItems < 1) {
            throw new IllegalArgumentException("queue capacity " + maxItems + " batches: expected at least 1");
        }
        if (maxBytes < 1) {
            throw new IllegalArgumentException("queue capacity " + maxBytes + " bytes: expected at least 1");
        }
        if (sizer == null || drops == null) {
            throw new IllegalArgumentException("queue: a sizer and drop counters are required, got null");
        }
        this.items = new ArrayBlockingQueue<>(maxItems);
        this.maxItems = maxItems;
        this.maxBytes = maxBytes;
        this.sizer = sizer;
        this.drops = drops;
    }

    /** Takes {@code item} if both bounds allow, else counts it as dropped; never blocks. */
    public boolean offer(T item) {
        if (item == null) {
            throw new IllegalArgumentException("queue: cannot offer null");
        }
        offered.incrementAndGet();
        int size = sizer.applyAsInt(item);
        long after = bytes.addAndGet(size);
        if (after > maxBytes && after != size) {
            bytes.addAndGet(-size);
            drops.count(DropReason.QUEUE_BYTES);
            return false;
        }
        if (!items.offer(item)) {
            bytes.addAndGet(-size);
            drops.count(DropReason.QUEUE_FULL);
            return false;
        }
        int depth = items.size();
        if (depth > highWater) {
            highWater = depth;
        }
        return true;
    }

    /** The oldest item, waiting up to {@code timeout} for one; null if none came. */
    public T poll(long timeout, TimeUnit unit) throws InterruptedException {
        T item = items.poll(timeout, unit);
        if (item != null) {
            bytes.addAndGet(-sizer.applyAsInt(item));
        }
        return item;
    }

    /** The oldest item, or null at once if the queue is empty. */
    public T poll() {
        T item = items.poll();
        if (item != null) {
            bytes.addAndGet(-sizer.applyAsInt(item));
        }
        return item;
    }

    /** Items held now. */
    public int depth() {
        return items.size();
    }

    /** Bytes held now. */
    public long bytes() {
        return bytes.get();
    }

    /** The most items ever held at once. */
    public int highWater() {
        return highWater;
    }

    /** Items ever offered, taken or not. */
    public long offered() {
        return offered.get();
    }

    public int maxItems() {
        return maxItems;
    }

    public long maxBytes() {
        return maxBytes;
    }
}
