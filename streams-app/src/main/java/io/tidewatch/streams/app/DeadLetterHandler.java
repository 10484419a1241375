package io.tidewatch.streams.app;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends a record that cannot be deserialized to the dead-letter topic, unchanged, with why in its headers, counts
 * it, and lets processing continue: one corrupt record must not stop the topology.
 *
 * <p>Headers: {@value #REASON} (the exception message), {@value #EXCEPTION} (its class), {@value #SOURCE_TOPIC},
 * {@value #SOURCE_PARTITION}, {@value #SOURCE_OFFSET}; the record's own headers are kept.
 */
public final class DeadLetterHandler implements DeserializationExceptionHandler {

    /** Streams config key of the dead-letter topic name. */
    public static final String TOPIC_CONFIG = "tidewatch.dead-letter.topic";
    /** Streams config key of a {@link LongAdder} to count into (an object, not a string: set from code). */
    public static final String COUNTER_CONFIG = "tidewatch.dead-letter.counter";

    public static final String REASON = "tidewatch.dlq.reason";
    public static final String EXCEPTION = "tidewatch.dlq.exception";
    public static final String SOURCE_TOPIC = "tidewatch.dlq.source.topic";
    public static final String SOURCE_PARTITION = "tidewatch.dlq.source.partition";
    public static final String SOURCE_OFFSET = "tidewatch.dlq.source.offset";

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterHandler.class);

    private String topic;
    private LongAdder counter = new LongAdder();

    @Override
    public void configure(Map<String, ?> configs) {
        Object t = configs.get(TOPIC_CONFIG);
        if (!(t instanceof String s) || s.isBlank()) {
            throw new IllegalArgumentException(TOPIC_CONFIG + "=" + t + ": expected the dead-letter topic name");
        }
        topic = s;
        if (configs.get(COUNTER_CONFIG) instanceof LongAdder c) {
            counter = c;
        }
    }

    @Override
    public Response handleError(ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record, Exception exception) {
        counter.increment();
        String reason = exception.getMessage() == null ? exception.getClass().getSimpleName() : exception.getMessage();
        if (exception.getCause() != null && exception.getCause().getMessage() != null) {
            reason = reason + ": " + exception.getCause().getMessage();
        }
        LOG.warn("record {}-{}@{} cannot be deserialized, sent to {}: {}", record.topic(), record.partition(),
                record.offset(), topic, reason);
        RecordHeaders headers = new RecordHeaders();
        for (Header h : record.headers()) {
            headers.add(h);
        }
        headers.add(REASON, utf8(reason));
        headers.add(EXCEPTION, utf8(exception.getClass().getName()));
        headers.add(SOURCE_TOPIC, utf8(record.topic()));
        headers.add(SOURCE_PARTITION, utf8(Integer.toString(record.partition())));
        headers.add(SOURCE_OFFSET, utf8(Long.toString(record.offset())));
        ProducerRecord<byte[], byte[]> dead = new ProducerRecord<>(topic, null,
                record.timestamp() >= 0 ? record.timestamp() : null, record.key(), record.value(), headers);
        return Response.resume(List.of(dead));
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
