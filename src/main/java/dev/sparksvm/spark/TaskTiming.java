package dev.sparksvm.spark;

import java.io.Serializable;
import java.time.Instant;

/**
 * What one task of a distributed evaluation reports about its own work: when it started, by the
 * wall clock, how long it took to read the broadcast W and to compute its totals, by its own {@link
 * System#nanoTime()}, and how many rows it read from its block. Carried back to the driver with the
 * task's result (or in a Spark accumulator); never touches the numbers.
 *
 * @param partition the task's partition
 * @param startMicros wall-clock start, microseconds since the epoch: comparable across the JVMs of
 *     one machine (and across machines only as far as their clocks agree)
 * @param fetchNanos reading the broadcast W (and the pixel mean): on an executor's first task of an
 *     evaluation this is the fetch from the driver or a peer
 * @param computeNanos sampling the share, building the batch and the two GEMMs, and adding the
 *     totals to exact sums
 * @param rowsRead rows copied out of the partition's block ({@link
 *     dev.sparksvm.data.FeatureBlock.Rows#rowsCopied()}): its share of the batch, whatever the
 *     block's size
 */
public record TaskTiming(
    int partition, long startMicros, long fetchNanos, long computeNanos, long rowsRead)
    implements Serializable {

  /** Wall-clock time at which the task's totals were ready, microseconds since the epoch. */
  public long computeEndMicros() {
    return startMicros + (fetchNanos + computeNanos) / 1000;
  }

  /**
   * The wall clock in microseconds since the epoch (Java 17 reads it at microsecond precision on
   * Linux).
   */
  public static long nowMicros() {
    Instant now = Instant.now();
    return now.getEpochSecond() * 1_000_000L + now.getNano() / 1000;
  }
}
