package dev.sparksvm.core;

import java.io.Serializable;

/**
 * Points {@code W + a[k] W1 + b[k] W2} of a plane through W (or of a line, when W2 is null), for
 * loss landscapes.
 *
 * @param w the origin
 * @param w1 the first direction
 * @param w2 the second direction, or null for a line
 * @param a first coordinate of each point
 * @param b second coordinate of each point (ignored for a line)
 */
public record Plane(Weights w, Weights w1, Weights w2, double[] a, double[] b)
    implements Serializable {

  public Plane {
    if (a.length != b.length) {
      throw new IllegalArgumentException("need as many b as a coordinates");
    }
  }

  /** Points along the line {@code W + a W1}. */
  public static Plane line(Weights w, Weights w1, double[] a) {
    return new Plane(w, w1, null, a, new double[a.length]);
  }

  /** Point {@code k}, written into {@code out} and returned. */
  public Weights point(int k, Weights out) {
    double[] o = out.values();
    double[] v = w.values();
    double[] d1 = w1.values();
    for (int i = 0; i < o.length; i++) {
      o[i] = v[i] + a[k] * d1[i] + (w2 == null ? 0 : b[k] * w2.values()[i]);
    }
    return out;
  }

  /** Number of points. */
  public int size() {
    return a.length;
  }
}
