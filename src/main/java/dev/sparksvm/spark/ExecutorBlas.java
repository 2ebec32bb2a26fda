package dev.sparksvm.spark;

import dev.sparksvm.core.LinearBatch;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.spark.SparkEnv;

/**
 * Which BLAS implementation runs where the cached training blocks are, i.e. where every GEMM of
 * training runs. Bit-identical weights across clusters need the same implementation on every
 * executor as in the run compared against: netlib picks a native library when one is installed,
 * else the Vector API ({@code VectorBLAS}, when the JVM has {@code
 * --add-modules=jdk.incubator.vector}, which Spark adds to executors itself), else plain Java; each
 * sums in its own order.
 *
 * @param byExecutor BLAS class name by executor id ({@code driver} in local mode)
 */
public record ExecutorBlas(SortedMap<String, String> byExecutor) {

  /** Asks the executors holding {@code data}'s cached blocks (one tiny task per partition). */
  public static ExecutorBlas of(ImageData data) {
    List<String[]> answers =
        data.blocks()
            .mapPartitions(
                blocks ->
                    List.<String[]>of(
                            new String[] {SparkEnv.get().executorId(), LinearBatch.blasName()})
                        .iterator())
            .collect();
    SortedMap<String, String> by = new TreeMap<>();
    for (String[] a : answers) {
      by.put(a[0], a[1]);
    }
    return new ExecutorBlas(by);
  }

  /** The distinct implementations. */
  public SortedSet<String> names() {
    return new TreeSet<>(byExecutor.values());
  }

  /** True when every executor runs {@code blas}. */
  public boolean allRun(String blas) {
    return names().equals(new TreeSet<>(List.of(blas)));
  }

  /** e.g. {@code VectorBLAS (executors 0, 1)}, or one entry per implementation when they differ. */
  @Override
  public String toString() {
    Map<String, List<String>> byName = new TreeMap<>();
    byExecutor.forEach(
        (id, name) -> byName.computeIfAbsent(name, k -> new java.util.ArrayList<>()).add(id));
    StringBuilder out = new StringBuilder();
    byName.forEach(
        (name, ids) ->
            out.append(out.length() == 0 ? "" : "; ")
                .append(name)
                .append(
                    ids.equals(List.of("driver"))
                        ? " (driver)"
                        : " (executors " + String.join(", ", ids) + ")"));
    return out.toString();
  }
}
