/**
 * Numerical gradients (forward and centered differences) and their comparison with analytic ones.
 */
package dev.sparksvm.check;
