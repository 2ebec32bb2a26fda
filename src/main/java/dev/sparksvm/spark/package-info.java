/**
 * The thin Spark layer: finding and checking data files through the Hadoop FileSystem API, reading each
 * partition's byte range straight into one compact {@link dev.sparksvm.data.ImageBlock} (no shuffle),
 * caching it, and the distributed objective (broadcast W, per-partition sampling, {@code
 * treeAggregate}, destroy the broadcast).
 */
package dev.sparksvm.spark;
