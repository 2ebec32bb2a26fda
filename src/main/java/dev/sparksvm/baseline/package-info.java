/**
 * The yardsticks {@code bench} and {@code scale} hold our step against, at the Spark layer: what a
 * training step costs the MLlib way ({@link dev.sparksvm.baseline.MllibBaseline} with {@link
 * dev.sparksvm.baseline.MulticlassHingeGradient}), what Spark alone costs per step of our design's
 * shape with the arithmetic taken out ({@link dev.sparksvm.baseline.SparkFloor}), the kernel
 * without Spark ({@link dev.sparksvm.baseline.InProcessKernel}) and the BLAS's own speed ({@link
 * dev.sparksvm.baseline.BlasSpeed}). Nothing here is on the training path.
 */
package dev.sparksvm.baseline;
