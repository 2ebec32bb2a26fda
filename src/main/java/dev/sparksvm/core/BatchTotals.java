package dev.sparksvm.core;

/**
 * What the {@link BatchKernel} sums over some rows: K gradient sums (model k's {@code C x D}
 * row-major block at {@code k * C * D}), K data-loss sums, and the number of rows.
 */
public record BatchTotals(double[] gradientSums, double[] lossSums, long examples) {}
