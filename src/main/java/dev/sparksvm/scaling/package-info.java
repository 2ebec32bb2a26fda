/**
 * Scaling experiments without Spark: the measured points of an executor sweep ({@link
 * dev.sparksvm.scaling.ScalingPoint}, one CSV row each) and a cost model of one training iteration
 * ({@link dev.sparksvm.scaling.CostModel}) fitted to them by non-negative least squares ({@link
 * dev.sparksvm.scaling.NonNegativeLeastSquares}); the points of a data-size sweep ({@link
 * dev.sparksvm.scaling.DataPoint}) and the data axis of the model ({@link
 * dev.sparksvm.scaling.DataModel}: load, memory, step against images); and what both predict for
 * another data set on more executors ({@link dev.sparksvm.scaling.DataSetPrediction}). The {@code
 * scale} command measures; this package only computes, so it is tested on numbers alone.
 */
package dev.sparksvm.scaling;
