/**
 * The thin Spark layer: reading CIFAR-10 records through Hadoop's fixed-length input, caching one
 * compact {@link dev.sparksvm.data.ImageBlock} per partition, and the distributed objective (broadcast
 * W, per-partition sampling, {@code treeAggregate}, destroy the broadcast).
 */
package dev.sparksvm.spark;
