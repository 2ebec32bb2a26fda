/**
 * The thin Spark layer: reading each partition's byte range (found and checked beforehand by {@code
 * dev.sparksvm.input}) straight into one compact {@link dev.sparksvm.data.ImageBlock} and caching
 * it (no shuffle); reading a DataFrame's rows into compact {@link dev.sparksvm.data.VectorBlock}s
 * with their mean and standard deviation in one pass ({@link dev.sparksvm.spark.FrameLoader}); the
 * distributed objective (broadcast W, per-partition sampling, one job per step, sums added in
 * partition order, destroy the broadcast), distributed accuracy, and the listeners that report what
 * Spark did (jobs, lost executors, phases).
 */
package dev.sparksvm.spark;
