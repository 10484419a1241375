package io.tidewatch.streams.app;

import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A stream thread that dies of an unexpected exception is replaced, up to a cap; past the cap the client shuts
 * down, because an error that keeps killing threads is not transient and replacing forever would hide it.
 */
public final class ThreadReplacementPolicy implements StreamsUncaughtExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(ThreadReplacementPolicy.class);

    private final int maxReplacements;
    private final AtomicInteger replaced = new AtomicInteger();

    public ThreadReplacementPolicy(int maxReplacements) {
        if (maxReplacements < 0) {
            throw new IllegalArgumentException("streams.thread.replacements.max=" + maxReplacements + ": expected >= 0");
        }
        this.maxReplacements = maxReplacements;
    }

    @Override
    public StreamThreadExceptionResponse handle(Throwable exception) {
        int n = replaced.incrementAndGet();
        if (n <= maxReplacements) {
            LOG.error("stream thread died ({} of {} replacements allowed); replacing it", n, maxReplacements, exception);
            return StreamThreadExceptionResponse.REPLACE_THREAD;
        }
        LOG.error("stream thread died after {} replacements; shutting the client down", maxReplacements, exception);
        return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
    }

    public int replacements() {
        return Math.min(replaced.get(), maxReplacements);
    }
}
