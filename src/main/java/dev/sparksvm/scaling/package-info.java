/**
 * Scaling experiments without Spark: the measured points of a sweep ({@link
 * dev.sparksvm.scaling.ScalingPoint}, one CSV row each) and a cost model of one training iteration
 * ({@link dev.sparksvm.scaling.CostModel}) fitted to them by non-negative least squares ({@link
 * dev.sparksvm.scaling.NonNegativeLeastSquares}). The {@code scale} command measures; this package only
 * computes, so it is tested on numbers alone.
 */
package dev.sparksvm.scaling;
