package dev.sparksvm.spark;

import java.io.Serializable;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * W as it travels to the executors: its values as raw little-endian bytes ({@link DoubleBytes}),
 * which Java serialization copies in one piece. A type of its own, rather than a bare {@code
 * byte[]}, so that a broadcast of W is never mistaken for Spark's own byte arrays (a stage's task
 * binary) when the block manager is inspected. For the float kernel W travels rounded to float
 * ({@link #ofFloats}), all that kernel reads of it: half the bytes, the same bits.
 *
 * @param bytes {@code 8 * K * C * D} bytes of the stacked weights, or {@code 4 * K * C * D} as
 *     floats
 * @param floats whether the values are floats
 */
public record PackedWeights(byte[] bytes, boolean floats) implements Serializable {

  /** Packs a copy of {@code values}. */
  public static PackedWeights of(double[] values) {
    return new PackedWeights(DoubleBytes.encode(values), false);
  }

  /** Packs {@code values} rounded to float. */
  public static PackedWeights ofFloats(double[] values) {
    ByteBuffer b = ByteBuffer.allocate(values.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
    DoubleBytes.putAsFloats(b, values);
    return new PackedWeights(b.array(), true);
  }

  /** The doubles, unpacked (packed by {@link #of}). */
  public double[] values() {
    if (floats) {
      throw new IllegalStateException("W was packed as floats");
    }
    return DoubleBytes.decode(bytes);
  }

  /** The floats, unpacked (packed by {@link #ofFloats}). */
  public float[] floatValues() {
    if (!floats) {
      throw new IllegalStateException("W was packed as doubles");
    }
    float[] out = new float[bytes.length / Float.BYTES];
    ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(out);
    return out;
  }
}
