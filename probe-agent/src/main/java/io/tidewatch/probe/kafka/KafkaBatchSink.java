package io.tidewatch.probe.kafka;

import io.tidewatch.probe.output.BatchSink;
import io.tidewatch.probe.output.EncodedBatch;
import io.tidewatch.proto.v1.FlowKey;
import io.tidewatch.proto.v1.PacketDynamicsBatch;
import io.tidewatch.registry.SchemaRegistryClient;
import io.tidewatch.serde.ProtobufSerializer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes packet-dynamics batches to Kafka: key = the batch's {@link FlowKey}, value = the
 * {@link PacketDynamicsBatch}, both in the schema-registry Protobuf framing.
 *
 * <p>The capture thread only offers batches (encoded by the flow table) to a {@link BoundedBatchQueue}; a sender
 * thread frames them ({@link ProtobufSerializer#serializeEncoded}) and hands them to the producer. A slow or absent
 * broker therefore fills the queue and then costs counted drops, never live capture time; a capture file is read
 * at the pace the broker takes it, up to the queue's wait. Nothing here gives up on a failure: a batch that cannot
 * be serialized, is refused by {@code send()} within {@code max.block.ms}, or times out in delivery is counted by
 * reason and the sender goes on with the next one, while Kafka's client keeps reconnecting on its own until the
 * broker is back.
 */
public final class KafkaBatchSink implements BatchSink {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaBatchSink.class);

    private final String topic;
    private final Producer<byte[], byte[]> producer;
    private final ProtobufSerializer<FlowKey> keySerializer;
    private final ProtobufSerializer<PacketDynamicsBatch> valueSerializer;
    private final Duration stopFlush;
    private final DropCounters drops = new DropCounters();
    private final BoundedBatchQueue<EncodedBatch> queue;
    private final Thread sender;

    private long accepted;
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong acked = new AtomicLong();
    private final AtomicLong bytesSent = new AtomicLong();
    private final AtomicLong bytesAcked = new AtomicLong();
    /** Set by close(): the sender drains what is queued, then ends. */
    private volatile boolean stopping;
    /** Set when the stop's flush time ran out: whatever still fails is a stop drop, not a delivery failure. */
    private volatile boolean abandoning;
    private volatile boolean closed;
    /** Whether the last delivery outcome was a failure; failures and recoveries are logged once per change. */
    private volatile boolean failing;
    /** The broker's words when it refused the login (wrong password, untrusted certificate); null while it has not. */
    private volatile String loginRefused;

    /** A sink with its own producer and registry client, built from {@code config}. The sender starts at once. */
    public static KafkaBatchSink start(KafkaSinkConfig config) {
        SchemaRegistryClient registry = SchemaRegistryClient.fromConfigs(config.serde());
        ProtobufSerializer<FlowKey> keys = new ProtobufSerializer<>(registry, config.serde(), true);
        ProtobufSerializer<PacketDynamicsBatch> values = new ProtobufSerializer<>(registry, config.serde(), false);
        KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(config.producer(), new ByteArraySerializer(),
                new ByteArraySerializer());
        return new KafkaBatchSink(config, producer, keys, values);
    }

    /** A sink over a given producer and serializers (all closed by {@link #close()}). The sender starts at once. */
    public KafkaBatchSink(KafkaSinkConfig config, Producer<byte[], byte[]> producer,
            ProtobufSerializer<FlowKey> keySerializer, ProtobufSerializer<PacketDynamicsBatch> valueSerializer) {
        if (config == null || producer == null || keySerializer == null || valueSerializer == null) {
            throw new IllegalArgumentException("Kafka sink: config, producer and both serializers are required");
        }
        this.topic = config.topic();
        this.producer = producer;
        this.keySerializer = keySerializer;
        this.valueSerializer = valueSerializer;
        this.stopFlush = config.stopFlush();
        this.queue = new BoundedBatchQueue<>(config.queueBatches(), config.queueBytes(), b -> b.value().length,
                drops, config.queueWait());
        this.sender = new Thread(this::runSender, "tidewatch-kafka-sender");
        sender.setDaemon(true);
        sender.start();
    }

    /**
     * Queues the batch for the sender; never blocks for live capture, waits for room for a file (see {@link
     * BoundedBatchQueue}). Called on the capture thread.
     */
    @Override
    public void accept(EncodedBatch batch) {
        if (batch == null) {
            throw new IllegalArgumentException("Kafka sink: cannot accept a null batch");
        }
        accepted++;
        if (stopping) {
            drops.count(DropReason.CLOSED);
            return;
        }
        queue.offer(batch);
    }

    private void runSender() {
        awaitMetadata();
        while (true) {
            EncodedBatch batch;
            try {
                batch = queue.poll(50, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                // Only close() interrupts, once the flush time is over: what is left is counted there.
                return;
            }
            if (batch == null) {
                if (stopping) {
                    return;
                }
                continue;
            }
            if (abandoning) {
                drops.count(DropReason.STOP_TIMEOUT);
                continue;
            }
            try {
                send(batch);
            } catch (RuntimeException e) {
                // Whatever happens to one batch must not end the sender: count it and go on.
                drops.count(DropReason.SEND_REJECTED);
                noteFailure("unexpected error sending a batch", e);
            }
        }
    }

    /**
     * Waits (in max.block.ms steps) until the producer knows the topic's partitions, while the queue absorbs what
     * capture produces. With a short max.block.ms the very first sends would otherwise fail on a broker that is
     * merely slow to answer (a TLS handshake, an auto-created topic) and be dropped for nothing.
     */
    private void awaitMetadata() {
        // Also while stopping: a short run may end before the first metadata answer, and its batches still count.
        while (!abandoning) {
            try {
                producer.partitionsFor(topic);
                if (failing) {
                    failing = false;
                    LOG.info("Kafka topic '{}' is reachable", topic);
                }
                return;
            } catch (RuntimeException e) {
                noteFailure("no metadata for topic '" + topic + "' yet", e);
                try {
                    Thread.sleep(100);
                } catch (InterruptedException ie) {
                    return;
                }
            }
        }
    }

    private void send(EncodedBatch batch) {
        byte[] key;
        byte[] value;
        try {
            // The batch is already encoded by the flow table: only the schema-registry framing is added here.
            key = keySerializer.serializeEncoded(topic, FlowKey.getDescriptor(), batch.key());
            value = valueSerializer.serializeEncoded(topic, PacketDynamicsBatch.getDescriptor(), batch.value());
        } catch (RuntimeException e) {
            drops.count(DropReason.SERIALIZATION);
            noteFailure("cannot serialize a batch for topic '" + topic + "'", e);
            return;
        }
        int size = key.length + value.length;
        try {
            producer.send(new ProducerRecord<>(topic, key, value), (metadata, error) -> {
                if (error == null) {
                    acked.incrementAndGet();
                    bytesAcked.addAndGet(size);
                    if (failing) {
                        failing = false;
                        LOG.info("Kafka deliveries to '{}' succeed again", topic);
                    }
                } else {
                    drops.count(abandoning ? DropReason.STOP_TIMEOUT : DropReason.DELIVERY_FAILED);
                    noteFailure("a batch was not delivered to '" + topic + "'", error);
                }
            });
            sent.incrementAndGet();
            bytesSent.addAndGet(size);
        } catch (RuntimeException e) {
            drops.count(DropReason.SEND_REJECTED);
            noteFailure("the producer refused a batch for '" + topic + "'", e);
        }
    }

    private void noteFailure(String what, Throwable e) {
        for (Throwable c = e; c != null && loginRefused == null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof AuthenticationException) {
                loginRefused = String.valueOf(c.getMessage()).replace('\n', ' ');
            }
        }
        if (!failing) {
            failing = true;
            LOG.warn("{}: {} (dropping and counting batches until it recovers)", what, e.toString());
        }
    }

    /**
     * Stops taking batches, delivers what is queued and in flight within the configured flush time, then closes
     * the producer; whatever is still undelivered then is counted as {@link DropReason#STOP_TIMEOUT}.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        long deadline = System.nanoTime() + stopFlush.toNanos();
        stopping = true;
        try {
            sender.join(Math.max(1, stopFlush.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (sender.isAlive()) {
            abandoning = true;
            sender.interrupt();
            try {
                sender.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        for (EncodedBatch left = queue.poll(); left != null; left = queue.poll()) {
            drops.count(DropReason.STOP_TIMEOUT);
        }
        long leftNs = Math.max(0, deadline - System.nanoTime());
        // close() itself waits (up to the time left) for what is in flight; flush() has no time limit.
        abandoning = true;
        try {
            producer.close(Duration.ofNanos(leftNs));
        } catch (RuntimeException e) {
            LOG.warn("closing the Kafka producer failed: {}", e.toString());
        }
        keySerializer.close();
        valueSerializer.close();
    }

    /** The figures so far; safe to call from any thread. */
    /**
     * Why the cluster refused this producer's login (a misconfiguration no retry will fix, unlike an outage), or
     * null if it never did. Kafka's message names the mechanism, never the password.
     */
    public String loginRefused() {
        return loginRefused;
    }

    public KafkaSinkStats stats() {
        return KafkaSinkStats.of(accepted, sent.get(), acked.get(), bytesSent.get(), bytesAcked.get(), drops, queue);
    }

    public String topic() {
        return topic;
    }
}
