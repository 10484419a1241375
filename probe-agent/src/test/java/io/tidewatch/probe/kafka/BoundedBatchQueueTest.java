package io.tidewatch.probe.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class BoundedBatchQueueTest {

    private final DropCounters drops = new DropCounters();

    private BoundedBatchQueue<byte[]> queue(int items, long bytes) {
        return new BoundedBatchQueue<>(items, bytes, b -> b.length, drops);
    }

    @Test
    void aWaitingQueueTakesEveryItemWhileItsConsumerKeepsUp() throws Exception {
        BoundedBatchQueue<byte[]> q = new BoundedBatchQueue<>(4, 1_000, b -> b.length, drops, Duration.ofSeconds(30));
        int n = 5_000;
        // Full before the consumer starts: the next offers must wait for it.
        for (int i = 0; i < 4; i++) {
            assertTrue(q.offer(new byte[10]));
        }
        AtomicLong taken = new AtomicLong();
        Thread consumer = new Thread(() -> {
            try {
                while (taken.get() < n) {
                    if (q.poll(1, TimeUnit.SECONDS) != null) {
                        taken.incrementAndGet();
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        consumer.start();
        for (int i = 4; i < n; i++) {
            assertTrue(q.offer(new byte[10]), "offer " + i);
        }
        consumer.join(30_000);
        assertEquals(n, taken.get());
        assertEquals(0, drops.total());
        assertEquals(4, q.highWater());
    }

    @Test
    void aWaitThatRunsOutDropsAndLaterOffersDropAtOnceUntilOneFindsRoom() {
        BoundedBatchQueue<byte[]> q = new BoundedBatchQueue<>(2, 1_000, b -> b.length, drops, Duration.ofMillis(50));
        assertTrue(q.offer(new byte[1]));
        assertTrue(q.offer(new byte[1]));
        long t0 = System.nanoTime();
        assertFalse(q.offer(new byte[1]), "nobody takes: the wait runs out");
        assertTrue(System.nanoTime() - t0 >= 50_000_000L, "it waited");
        for (int i = 0; i < 100; i++) {
            assertFalse(q.offer(new byte[1]), "stalled: no second wait");
        }
        assertEquals(101, drops.get(DropReason.QUEUE_FULL));
        q.poll();
        assertTrue(q.offer(new byte[1]), "room again: taken, and the next full queue is waited for again");
    }

    @Test
    void aNegativeWaitIsRefusedByValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new BoundedBatchQueue<byte[]>(2, 10, b -> b.length, drops, Duration.ofMillis(-1)));
        assertTrue(e.getMessage().contains("PT-0.001S"), e.getMessage());
    }

    @Test
    void countBoundDropsTheOverflowAndCountsIt() {
        BoundedBatchQueue<byte[]> q = queue(3, 1_000);
        for (int i = 0; i < 10; i++) {
            boolean taken = q.offer(new byte[10]);
            assertEquals(i < 3, taken, "offer " + i);
        }
        assertEquals(3, q.depth());
        assertEquals(30, q.bytes());
        assertEquals(7, drops.get(DropReason.QUEUE_FULL));
        assertEquals(0, drops.get(DropReason.QUEUE_BYTES));
        assertEquals(10, q.offered());
        assertEquals(3, q.highWater());
    }

    @Test
    void byteBoundDropsBeforeTheCountBoundIsReached() {
        BoundedBatchQueue<byte[]> q = queue(100, 100);
        assertTrue(q.offer(new byte[60]));
        assertFalse(q.offer(new byte[60]), "60 + 60 > 100 bytes");
        assertTrue(q.offer(new byte[40]), "60 + 40 fits exactly");
        assertFalse(q.offer(new byte[1]));
        assertEquals(2, drops.get(DropReason.QUEUE_BYTES));
        assertEquals(0, drops.get(DropReason.QUEUE_FULL));
        assertEquals(100, q.bytes());
        // Taking one frees its bytes for the next offer.
        assertEquals(60, q.poll().length);
        assertEquals(40, q.bytes());
        assertTrue(q.offer(new byte[60]));
    }

    @Test
    void anOversizedItemIsTakenOnlyIntoAnEmptyQueue() {
        BoundedBatchQueue<byte[]> q = queue(10, 100);
        assertTrue(q.offer(new byte[500]), "alone it passes, or it could never be sent");
        assertFalse(q.offer(new byte[1]));
        assertEquals(1, drops.get(DropReason.QUEUE_BYTES));
        q.poll();
        assertEquals(0, q.bytes());
        assertTrue(q.offer(new byte[1]));
    }

    @Test
    void offerIntoAFullQueueNeverWaitsForAConsumer() {
        BoundedBatchQueue<byte[]> q = queue(1, 10);
        assertTrue(q.offer(new byte[1]));
        // No consumer runs: if offer waited, this loop would never finish and the test would hang.
        for (int i = 0; i < 1_000_000; i++) {
            assertFalse(q.offer(new byte[1]));
        }
        assertEquals(1_000_000, drops.get(DropReason.QUEUE_FULL));
        assertEquals(1, q.depth());
    }

    @Test
    void pollOnAnEmptyQueueReturnsNull() throws InterruptedException {
        BoundedBatchQueue<byte[]> q = queue(4, 10);
        assertNull(q.poll());
        assertNull(q.poll(1, TimeUnit.MILLISECONDS));
        byte[] item = new byte[3];
        q.offer(item);
        assertSame(item, q.poll(1, TimeUnit.MILLISECONDS));
    }

    @Test
    void withAConcurrentConsumerEveryOfferIsEitherTakenOnceOrCountedAsDropped() throws Exception {
        BoundedBatchQueue<byte[]> q = queue(64, 64 * 50);
        AtomicLong taken = new AtomicLong();
        AtomicLong takenBytes = new AtomicLong();
        Thread consumer = new Thread(() -> {
            try {
                while (!Thread.currentThread().isInterrupted()) {
                    byte[] b = q.poll(10, TimeUnit.MILLISECONDS);
                    if (b != null) {
                        taken.incrementAndGet();
                        takenBytes.addAndGet(b.length);
                    }
                }
            } catch (InterruptedException e) {
                // done
            }
        });
        consumer.start();
        SplittableRandom random = new SplittableRandom(42);
        long offeredBytes = 0;
        long acceptedBytes = 0;
        int n = 500_000;
        for (int i = 0; i < n; i++) {
            byte[] b = new byte[1 + random.nextInt(100)];
            offeredBytes += b.length;
            if (q.offer(b)) {
                acceptedBytes += b.length;
            }
        }
        while (q.depth() > 0) {
            Thread.onSpinWait();
        }
        consumer.interrupt();
        consumer.join();
        long dropped = drops.get(DropReason.QUEUE_FULL) + drops.get(DropReason.QUEUE_BYTES);
        assertEquals(n, taken.get() + dropped);
        assertEquals(acceptedBytes, takenBytes.get());
        assertTrue(offeredBytes >= acceptedBytes);
        assertEquals(0, q.bytes());
        assertTrue(q.highWater() <= 64);
    }

    @Test
    void rejectsBadBoundsWithTheValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> queue(0, 10));
        assertTrue(e.getMessage().contains("0 batches"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> queue(1, -5));
        assertTrue(e.getMessage().contains("-5 bytes"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> queue(1, 1).offer(null));
    }
}
