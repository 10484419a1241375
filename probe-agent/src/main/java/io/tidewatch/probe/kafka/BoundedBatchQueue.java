package io.tidewatch.probe.kafka;

import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.ToIntFunction;

/**
 * The hand-over between the capture thread and the sender thread, bounded both by item count and by bytes.
 * With no wait (live capture), {@link #offer} never waits: when either bound would be exceeded the item is refused
 * and counted as a drop ({@link DropReason#QUEUE_FULL} or {@link DropReason#QUEUE_BYTES}), so a slow or absent
 * broker costs batches, never capture time, which a kernel buffer could not make up for. With a wait (a capture
 * file, which can be read at the broker's pace), {@code offer} waits up to that long for room before it drops;
 * once a wait ran out the queue counts as stalled and later offers drop at once until one finds room, so an
 * absent broker costs one wait, not one per batch. One item larger than the byte bound is still taken when the
 * queue is empty, so an oversized batch is not dropped forever for size alone; the byte bound is therefore
 * exceeded by at most one item.
 *
 * <p>Meant for one offering thread and one polling thread (both may be many; the bounds then hold only loosely,
 * by at most one item per concurrent offer, and the stalled state is the offering thread's own).
 *
 * @param <T> the item type
 */
public final class BoundedBatchQueue<T> {

    private static final long WAIT_STEP_NANOS = 200_000;

    private final ArrayBlockingQueue<T> items;
    private final int maxItems;
    private final long maxBytes;
    private final ToIntFunction<T> sizer;
    private final DropCounters drops;
    private final long waitNanos;
    private boolean stalled;
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
        this(maxItems, maxBytes, sizer, drops, Duration.ZERO);
    }

    /**
     * As {@link #BoundedBatchQueue(int, long, ToIntFunction, DropCounters)}, with {@code wait}: how long an offer
     * may wait for room before it drops (zero: never wait).
     */
    public BoundedBatchQueue(int maxItems, long maxBytes, ToIntFunction<T> sizer, DropCounters drops, Duration wait) {
        if (maxItems < 1) {
            throw new IllegalArgumentException("queue capacity " + maxItems + " batches: expected at least 1");
        }
        if (maxBytes < 1) {
            throw new IllegalArgumentException("queue capacity " + maxBytes + " bytes: expected at least 1");
        }
        if (sizer == null || drops == null) {
            throw new IllegalArgumentException("queue: a sizer and drop counters are required, got null");
        }
        if (wait == null || wait.isNegative()) {
            throw new IllegalArgumentException("queue wait " + wait + ": expected zero or a positive duration");
        }
        this.waitNanos = wait.toNanos();
        this.items = new ArrayBlockingQueue<>(maxItems);
        this.maxItems = maxItems;
        this.maxBytes = maxBytes;
        this.sizer = sizer;
        this.drops = drops;
    }

    /**
     * Takes {@code item} if both bounds allow, waiting for room up to the queue's wait unless it is stalled; else
     * counts it as dropped. Without a wait it never blocks.
     */
    public boolean offer(T item) {
        if (item == null) {
            throw new IllegalArgumentException("queue: cannot offer null");
        }
        offered.incrementAndGet();
        int size = sizer.applyAsInt(item);
        DropReason refused = tryTake(item, size);
        if (refused != null && waitNanos > 0 && !stalled) {
            long deadline = System.nanoTime() + waitNanos;
            while (refused != null && System.nanoTime() - deadline < 0) {
                // Only a full queue gets here, and the sender empties it a request at a time: polling is cheap.
                LockSupport.parkNanos(WAIT_STEP_NANOS);
                refused = tryTake(item, size);
            }
            stalled = refused != null;
        }
        if (refused != null) {
            drops.count(refused);
            return false;
        }
        stalled = false;
        int depth = items.size();
        if (depth > highWater) {
            highWater = depth;
        }
        return true;
    }

    /** Adds {@code item} of {@code size} bytes if both bounds allow; else the bound that refused it. */
    private DropReason tryTake(T item, int size) {
        long after = bytes.addAndGet(size);
        if (after > maxBytes && after != size) {
            bytes.addAndGet(-size);
            return DropReason.QUEUE_BYTES;
        }
        if (!items.offer(item)) {
            bytes.addAndGet(-size);
            return DropReason.QUEUE_FULL;
        }
        return null;
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
