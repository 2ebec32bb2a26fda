/**
 * The data formats (CIFAR-10, CIFAR-100, IDX) with their record layouts, header checks and class
 * names; the compact cached form of a partition's images (one block of raw uint8 pixels plus
 * labels) and of a DataFrame's feature vectors (float or double pages plus labels, with their
 * per-feature moments), on-the-fly preprocessing into batch rows (mean subtraction,
 * standardization, the bias), seeded mini-batch sampling, and the synthetic data set used when no
 * real one is at hand. Nothing here needs Spark or Hadoop.
 */
package dev.sparksvm.data;
