package dev.sparksvm.spark;

import java.io.Serializable;

/**
 * W as it travels to the executors: its doubles as raw little-endian bytes ({@link DoubleBytes}),
 * which Java serialization copies in one piece. A type of its own, rather than a bare {@code
 * byte[]}, so that a broadcast of W is never mistaken for Spark's own byte arrays (a stage's task
 * binary) when the block manager is inspected.
 *
 * @param bytes {@code 8 * K * C * D} bytes of the stacked weights
 */
public record PackedWeights(byte[] bytes) implements Serializable {

  /** Packs a copy of {@code values}. */
  public static PackedWeights of(double[] values) {
    return new PackedWeights(DoubleBytes.encode(values));
  }

  /** The doubles, unpacked. */
  public double[] values() {
    return DoubleBytes.decode(bytes);
  }
}
