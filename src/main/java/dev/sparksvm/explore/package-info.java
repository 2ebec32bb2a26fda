/**
 * CS231n's explorations of the loss, one run each over the cached training set: random search and
 * random local search ({@code search}), the gradient check ({@code gradcheck}), the step-size sweep
 * ({@code sweep}) and loss-landscape slices ({@code landscape}). Each writes metrics, CSVs and
 * charts.
 */
package dev.sparksvm.explore;
