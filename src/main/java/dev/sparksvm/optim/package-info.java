/**
 * Optimizers over an {@link dev.sparksvm.optim.Objective}. They see only the objective, never
 * Spark: each is unit-tested on {@link dev.sparksvm.optim.LocalObjective} and runs unchanged on the
 * distributed {@code dev.sparksvm.spark.SparkObjective}.
 */
package dev.sparksvm.optim;
