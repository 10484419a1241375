package io.tidewatch.streams.app;

import java.util.Map;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Cache;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.WriteBufferManager;
import org.apache.kafka.streams.state.RocksDBConfigSetter;

/**
 * Caps the memory of every RocksDB store of the process together: one LRU block cache of the configured budget
 * shared by all stores, with memtables charged to the same cache through a write buffer manager, index and filter
 * blocks in the cache too (as Kafka Streams' memory-management guide does). Without it, each store of each task
 * gets its own cache and memtables, and memory grows with the partition count.
 *
 * <p>Budget: {@value #MEMORY_CONFIG} bytes (default 128 MiB), of which {@value #WRITE_BUFFER_RATIO_CONFIG}
 * (default 0.25) may be memtables.
 */
public final class BoundedRocksDbConfig implements RocksDBConfigSetter {

    public static final String MEMORY_CONFIG = "tidewatch.rocksdb.memory.bytes";
    public static final String WRITE_BUFFER_RATIO_CONFIG = "tidewatch.rocksdb.write.buffer.ratio";
    public static final long DEFAULT_MEMORY = 128L << 20;

    private static Cache cache;
    private static WriteBufferManager writeBufferManager;
    private static long configuredBudget;

    private static synchronized void ensureShared(long budget, double writeRatio) {
        if (cache == null) {
            // High-priority pool for index and filter blocks so data blocks cannot evict them.
            cache = new LRUCache(budget, -1, false, 0.1);
            writeBufferManager = new WriteBufferManager((long) (budget * writeRatio), cache);
            configuredBudget = budget;
        } else if (budget != configuredBudget) {
            LOG.warn("RocksDB memory budget {} ignored: the process already shares a cache of {} bytes", budget,
                    configuredBudget);
        }
    }

    static long budget(Map<String, Object> configs) {
        Object v = configs.get(MEMORY_CONFIG);
        if (v == null) {
            return DEFAULT_MEMORY;
        }
        try {
            long b = Long.parseLong(v.toString().trim());
            if (b < (4L << 20)) {
                throw new IllegalArgumentException(MEMORY_CONFIG + "=" + v + ": expected at least 4194304 bytes");
            }
            return b;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(MEMORY_CONFIG + "=" + v + ": expected a number of bytes");
        }
    }

    static double writeRatio(Map<String, Object> configs) {
        Object v = configs.get(WRITE_BUFFER_RATIO_CONFIG);
        if (v == null) {
            return 0.25;
        }
        try {
            double r = Double.parseDouble(v.toString().trim());
            if (!(r > 0 && r < 1)) {
                throw new IllegalArgumentException(WRITE_BUFFER_RATIO_CONFIG + "=" + v + ": expected a ratio in (0, 1)");
            }
            return r;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(WRITE_BUFFER_RATIO_CONFIG + "=" + v + ": expected a ratio in (0, 1)");
        }
    }

    @Override
    public void setConfig(String storeName, Options options, Map<String, Object> configs) {
        ensureShared(budget(configs), writeRatio(configs));
        BlockBasedTableConfig table = (BlockBasedTableConfig) options.tableFormatConfig();
        table.setBlockCache(cache);
        table.setCacheIndexAndFilterBlocks(true);
        table.setCacheIndexAndFilterBlocksWithHighPriority(true);
        table.setPinTopLevelIndexAndFilter(true);
        options.setWriteBufferManager(writeBufferManager);
        options.setTableFormatConfig(table);
    }

    @Override
    public void close(String storeName, Options options) {
        // The cache and write buffer manager are shared by every store of the process: never closed per store.
    }
}
