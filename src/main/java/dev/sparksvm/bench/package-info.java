/**
 * Measurements for {@code bench --compare mllib}: what a training step costs the MLlib way ({@link
 * dev.sparksvm.bench.MllibBaseline} with {@link dev.sparksvm.bench.MulticlassHingeGradient}), and what
 * Spark alone costs per step of our design's shape with the arithmetic taken out ({@link
 * dev.sparksvm.bench.SparkFloor}). Nothing here is on the training path.
 */
package dev.sparksvm.bench;
