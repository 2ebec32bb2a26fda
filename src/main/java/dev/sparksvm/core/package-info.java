/**
 * The Spark-free math of a linear classifier: weights, score-space losses, L2 regularization and
 * the batch hot path (batch matrix, one GEMM for the scores, one GEMM for the gradient).
 *
 * <p>Conventions used everywhere in this project: we minimise. A loss is {@code >= 0}; a gradient
 * is dL/dW; an update subtracts it. W is a {@code C x D} matrix stored row-major (see {@link
 * dev.sparksvm.core.Weights}).
 */
package dev.sparksvm.core;
