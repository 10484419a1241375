package io.tidewatch.cli.replay;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.FileAppender;
import io.tidewatch.config.Settings;
import io.tidewatch.localstack.LocalStack;
import io.tidewatch.localstack.broker.BrokerSettings;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.slf4j.LoggerFactory;

/**
 * A {@link Replay} on a {@link LocalStack} of its own, as {@code ./tidewatch replay} and {@code ./tidewatch demo}
 * both run it: the stack starts first, the replay's topics are created on it, a shutdown hook stops everything on
 * Ctrl-C or SIGTERM, and {@link #close()} stops the replay (writer, streams app, temporary state) before the stack
 * (registry, then broker).
 */
public final class LocalReplay implements AutoCloseable {

    private final LocalStack stack;
    private final Replay replay;
    private final Thread hook;
    private final CountDownLatch closed = new CountDownLatch(1);

    private LocalReplay(LocalStack stack, Replay replay) {
        this.stack = stack;
        this.replay = replay;
        this.hook = new Thread(this::closeQuietly, "tidewatch-replay-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /**
     * Starts a stack whose topics have {@code partitions} partitions and prepares a replay on it with
     * {@code settings} and {@code listeners}. If the replay cannot be prepared, the stack is closed before the error
     * is thrown.
     */
    public static LocalReplay start(Settings settings, int partitions, List<ReplayListener> listeners) {
        LocalStack stack = LocalStack.start(BrokerSettings.builder().partitions(partitions).build(), 0);
        try {
            return new LocalReplay(stack, new Replay(stack, settings, partitions, listeners));
        } catch (RuntimeException e) {
            try {
                stack.close();
            } catch (RuntimeException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    public Replay replay() {
        return replay;
    }

    public LocalStack stack() {
        return stack;
    }

    /**
     * Blocks until the JVM is asked to stop (Ctrl-C, SIGTERM): the shutdown hook then closes the replay and the
     * stack, and this returns. For commands that leave the stack up for the user.
     */
    public void awaitShutdown() throws InterruptedException {
        closed.await();
    }

    private void closeQuietly() {
        try {
            closeAll();
        } catch (RuntimeException ignored) {
            // the JVM is going down; the log file has what the components said
        }
    }

    private void closeAll() {
        try {
            replay.close();
        } finally {
            try {
                stack.close();
            } finally {
                closed.countDown();
            }
        }
    }

    /** Closes the replay, then the stack; idempotent, and safe while the shutdown hook runs. */
    @Override
    public void close() {
        try {
            closeAll();
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running: it closes the same objects, which is idempotent
            }
        }
    }

    /** The file the logback configuration writes to, or null when logging goes elsewhere. */
    public static String logFile() {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext ctx) {
            var appenders = ctx.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).iteratorForAppenders();
            while (appenders.hasNext()) {
                if (appenders.next() instanceof FileAppender<?> file) {
                    return file.getFile();
                }
            }
        }
        return null;
    }
}
