package dev.sparksvm.core;

import java.io.Serializable;

/**
 * A numbered set of weight matrices whose losses are wanted together, so that one pass over the
 * data scores them all (stacked into one larger GEMM) instead of paying one pass per candidate. A
 * set describes its members compactly (a seed, or a base W and perturbations) and materialises them
 * on demand, on executors as on the driver.
 */
public interface CandidateSet extends Serializable {

  /** Number of candidates. */
  int size();

  /** Classes C of every candidate. */
  int classes();

  /** Features D of every candidate. */
  int features();

  /** Writes candidate {@code k} (row-major C x D) into {@code out} from {@code offset}. */
  void fill(int k, double[] out, int offset);
}
