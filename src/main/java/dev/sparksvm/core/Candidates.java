package dev.sparksvm.core;

import java.util.List;
import java.util.SplittableRandom;

/** The candidate sets the strategies use. */
public final class Candidates {
  private Candidates() {}

  /** Candidate k is {@code scale * randn}, drawn from (seed, k): random search's tries. */
  public static CandidateSet gaussian(
      int classes, int features, double scale, long seed, int count) {
    return new Gaussian(classes, features, scale, seed, count);
  }

  /** The given matrices (copied), for a few candidates such as a step-size sweep. */
  public static CandidateSet of(List<Weights> weights) {
    if (weights.isEmpty()) {
      throw new IllegalArgumentException("no candidates");
    }
    Weights first = weights.get(0);
    double[][] values = new double[weights.size()][];
    for (int k = 0; k < values.length; k++) {
      Weights w = weights.get(k);
      if (w.classes() != first.classes() || w.features() != first.features()) {
        throw new IllegalArgumentException("candidates differ in shape");
      }
      values[k] = w.values().clone();
    }
    return new Explicit(first.classes(), first.features(), values);
  }

  /**
   * W perturbed one coordinate at a time, for numerical gradients: candidate {@code 2m} is {@code W
   * + h e_{coords[m]}}, candidate {@code 2m + 1} is {@code W - h e_{coords[m]}}, and the last
   * candidate is W itself (for forward differences).
   */
  public static CandidateSet perturbed(Weights w, int[] coords, double h) {
    return new Perturbed(w.classes(), w.features(), w.values().clone(), coords.clone(), h);
  }

  private record Gaussian(int classes, int features, double scale, long seed, int size)
      implements CandidateSet {
    @Override
    public void fill(int k, double[] out, int offset) {
      SplittableRandom random = new SplittableRandom(Seeds.derive(seed, k));
      int n = classes * features;
      for (int i = 0; i < n; i++) {
        out[offset + i] = scale * random.nextGaussian();
      }
    }
  }

  private record Explicit(int classes, int features, double[][] values) implements CandidateSet {
    @Override
    public int size() {
      return values.length;
    }

    @Override
    public void fill(int k, double[] out, int offset) {
      System.arraycopy(values[k], 0, out, offset, values[k].length);
    }
  }

  private record Perturbed(int classes, int features, double[] base, int[] coords, double h)
      implements CandidateSet {
    @Override
    public int size() {
      return 2 * coords.length + 1;
    }

    @Override
    public void fill(int k, double[] out, int offset) {
      System.arraycopy(base, 0, out, offset, base.length);
      if (k < 2 * coords.length) {
        out[offset + coords[k / 2]] += (k % 2 == 0) ? h : -h;
      }
    }
  }
}
