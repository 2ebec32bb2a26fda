package dev.sparksvm.data;

/**
 * What Spark's storage memory can take of a new cached set: Spark's unified pool (execution and
 * storage share it) over all executors, what of it is free, and the storage fraction, the part of
 * the pool that execution can never evict cached blocks from.
 *
 * <p>A plan fills at most {@code storageFraction} of the pool (less what is cached already): a
 * block that did not fit there could be evicted by execution memory, and a block Spark drops is
 * recomputed from its files at every step, the cliff this budget exists to avoid.
 *
 * @param poolBytes Spark's unified memory over all executors ({@code (heap - 300 MiB) x
 *     spark.memory.fraction} each)
 * @param freeBytes what of it no cached block takes now
 * @param storageFraction {@code spark.memory.storageFraction}, in [0, 1]
 * @param capBytes at most this much, whatever the pool ({@code spark.sparksvm.cacheBytes}; {@code
 *     Long.MAX_VALUE} for no cap)
 */
public record StorageBudget(long poolBytes, long freeBytes, double storageFraction, long capBytes) {
  /** The heap Spark reserves for itself on every executor (its {@code RESERVED_SYSTEM_MEMORY}). */
  public static final long RESERVED_BYTES = 300L << 20;

  public StorageBudget {
    if (poolBytes < 0 || freeBytes < 0 || freeBytes > poolBytes) {
      throw new IllegalArgumentException(
          "a storage pool of " + poolBytes + " bytes with " + freeBytes + " free");
    }
    if (!(storageFraction >= 0 && storageFraction <= 1) || capBytes < 0) {
      throw new IllegalArgumentException(
          "storage fraction " + storageFraction + ", cap " + capBytes + " bytes");
    }
  }

  /** A budget without a cap. */
  public StorageBudget(long poolBytes, long freeBytes, double storageFraction) {
    this(poolBytes, freeBytes, storageFraction, Long.MAX_VALUE);
  }

  /** This budget, at most {@code bytes}. */
  public StorageBudget cappedAt(long bytes) {
    return new StorageBudget(poolBytes, freeBytes, storageFraction, bytes);
  }

  /**
   * The budget of {@code executors} empty executors of {@code heapBytes} each, as Spark's {@code
   * UnifiedMemoryManager} sizes their pools: {@code (heap - 300 MiB) x memoryFraction}.
   */
  public static StorageBudget ofHeap(
      long heapBytes, double memoryFraction, double storageFraction, int executors) {
    if (executors < 1 || !(memoryFraction > 0 && memoryFraction <= 1)) {
      throw new IllegalArgumentException(
          executors + " executors, memory fraction " + memoryFraction);
    }
    long each = (long) (Math.max(0, heapBytes - RESERVED_BYTES) * memoryFraction);
    long pool = each * executors;
    return new StorageBudget(pool, pool, storageFraction);
  }

  /** Bytes a new cached set may take: the storage fraction of the pool, less what is cached. */
  public long cacheBytes() {
    long used = poolBytes - freeBytes;
    long cache = Math.min(freeBytes, (long) (poolBytes * storageFraction) - used);
    return Math.max(0, Math.min(capBytes, cache));
  }
}
