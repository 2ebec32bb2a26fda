package dev.sparksvm.core;

/**
 * Derives independent seeds from a run's seed and coordinates such as (iteration, partition), so
 * that a recomputed task draws exactly what the first attempt drew and no two coordinates share a
 * stream.
 */
public final class Seeds {
  private Seeds() {}

  /** A seed for the given coordinates; a pure function of its arguments. */
  public static long derive(long seed, long... coordinates) {
    long h = mix(seed ^ 0x5851F42D4C957F2DL);
    for (long c : coordinates) {
      h = mix(h + 0x9E3779B97F4A7C15L + c);
    }
    return h;
  }

  /** SplitMix64's finalizer: a bijection with good avalanche. */
  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
