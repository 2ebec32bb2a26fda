/**
 * Measurements: {@code bench} (the step against MLlib, Spark's floor and the kernel alone, many
 * models, the soak), {@code scale} (executors, batch, classes, data size, partitions, and the cost
 * model fitted to them) and {@code generate} (synthetic sets of any size to measure on), with the
 * timer they share ({@link dev.sparksvm.measure.IterationTimer}).
 */
package dev.sparksvm.measure;
