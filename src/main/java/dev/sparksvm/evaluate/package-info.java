/**
 * What is done with a saved model: its accuracy on a data set, computed on the cluster ({@code
 * evaluate}), and its export for NumPy ({@code export}).
 */
package dev.sparksvm.evaluate;
