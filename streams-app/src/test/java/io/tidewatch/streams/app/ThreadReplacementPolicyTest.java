package io.tidewatch.streams.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.junit.jupiter.api.Test;

class ThreadReplacementPolicyTest {

    @Test
    void replacesUpToTheCapThenShutsTheClientDown() {
        ThreadReplacementPolicy p = new ThreadReplacementPolicy(2);
        RuntimeException boom = new IllegalStateException("boom");
        assertEquals(StreamThreadExceptionResponse.REPLACE_THREAD, p.handle(boom));
        assertEquals(StreamThreadExceptionResponse.REPLACE_THREAD, p.handle(boom));
        assertEquals(StreamThreadExceptionResponse.SHUTDOWN_CLIENT, p.handle(boom));
        assertEquals(2, p.replacements());
    }

    @Test
    void aNegativeCapIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new ThreadReplacementPolicy(-1));
    }
}
