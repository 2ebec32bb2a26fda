package dev.sparksvm.options;

import static dev.sparksvm.options.UsageException.require;

import dev.sparksvm.core.Aggregation;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The data-size sweep ({@code scale --images}): one application on the master given, the training
 * set at each size (a prefix of {@code --data}, or of a synthetic set generated once into {@code
 * work}) cached in each partition count, and each step timed on each path, next to MLlib.
 *
 * @param images training-set sizes N ({@code --images})
 * @param partitions partition counts ({@code --partitions-list}; empty: Spark's parallelism)
 * @param paths the aggregation paths timed ({@code --paths})
 * @param work where a generated set is kept and reused ({@code --work}; ignored with {@code
 *     --data})
 * @param compare also time MLlib's step on the same cached data ({@code --compare})
 */
public record DataAxis(
    List<Integer> images,
    List<Integer> partitions,
    List<Path> paths,
    String work,
    Comparison compare) {
  /** An aggregation path {@code --paths} names. */
  public enum Path {
    /** As {@code train} chooses from the partition count. */
    AUTO,
    /** Every task's sums straight to the driver (depth 1). */
    DIRECT,
    /** A {@code treeAggregate} of depth 2. */
    TREE;

    /** The aggregation depth of this path at {@code partitions} partitions. */
    public int depth(int partitions) {
      return switch (this) {
        case AUTO -> Aggregation.autoDepth(partitions);
        case DIRECT -> 1;
        case TREE -> 2;
      };
    }

    /** The name on the command line. */
    @Override
    public String toString() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public DataAxis {
    require(
        !images.isEmpty() && images.stream().allMatch(n -> n >= 1),
        "--images",
        "a list of sizes >= 1",
        images);
    require(
        partitions.stream().allMatch(p -> p >= 1),
        "--partitions-list",
        "a list of counts >= 1",
        partitions);
    require(!paths.isEmpty(), "--paths", "a list of auto, direct or tree", paths);
    require(work != null && !work.isBlank(), "--work", "a directory", "'" + work + "'");
    Objects.requireNonNull(compare, "compare");
    images = List.copyOf(images);
    partitions = List.copyOf(partitions);
    paths = List.copyOf(paths);
  }

  /**
   * Sizes {@code images} in Spark's parallelism, on the path train chooses, next to MLlib; a
   * generated set kept in {@code work}.
   */
  public static DataAxis of(List<Integer> images, String work) {
    return new DataAxis(images, List.of(), List.of(Path.AUTO), work, Comparison.MLLIB);
  }

  public DataAxis withPartitions(List<Integer> value) {
    return new DataAxis(images, value, paths, work, compare);
  }

  public DataAxis withPaths(List<Path> value) {
    return new DataAxis(images, partitions, value, work, compare);
  }

  public DataAxis withCompare(Comparison value) {
    return new DataAxis(images, partitions, paths, work, value);
  }

  /** The largest size. */
  public int maxImages() {
    return images.stream().mapToInt(Integer::intValue).max().orElseThrow();
  }
}
