package dev.sparksvm.data;

import java.util.Arrays;

/**
 * Where the images of a set will live, decided before they are loaded: of each partition, the first
 * {@code memoryImages[p]} images in Spark's storage memory, in chunks of at most {@link
 * #CHUNK_BYTES} bytes, the rest in a file on the executor's local disk in the same compact uint8
 * layout (a step reads only its sampled rows of it). Labels always stay in memory (one byte each).
 *
 * <p>The storage budget ({@link StorageBudget#cacheBytes()}) is shared equally by the partitions
 * (they are equal to within one image); every partition keeps in memory what its share holds. A set
 * that fits is all in memory, as before. A set that cannot work is refused before anything is read,
 * with the numbers: a record larger than a chunk, or a disk part larger than the free local disk.
 *
 * @param partitionSizes images of each partition
 * @param imageBytes pixel bytes of one image
 * @param memoryImages of each partition, the images held in memory (its first ones)
 * @param budget the storage memory the plan was made for
 * @param disk the room on local disk the plan was checked against
 */
public record MemoryPlan(
    long[] partitionSizes,
    int imageBytes,
    long[] memoryImages,
    StorageBudget budget,
    DiskRoom disk) {
  /** Bytes of one in-memory chunk of pixels: no Java array per partition holds more. */
  public static final int CHUNK_BYTES = 64 << 20;

  /** Bytes of Java object overhead counted per cached block besides its arrays. */
  static final long BLOCK_OVERHEAD = 64 << 10;

  public MemoryPlan {
    if (partitionSizes.length == 0 || memoryImages.length != partitionSizes.length) {
      throw new IllegalArgumentException(
          partitionSizes.length + " partitions, " + memoryImages.length + " in-memory counts");
    }
    partitionSizes = partitionSizes.clone();
    memoryImages = memoryImages.clone();
    for (int p = 0; p < partitionSizes.length; p++) {
      if (memoryImages[p] < 0 || memoryImages[p] > partitionSizes[p]) {
        throw new IllegalArgumentException(
            "partition " + p + ": " + memoryImages[p] + " of " + partitionSizes[p] + " in memory");
      }
    }
  }

  /**
   * The plan for partitions of {@code partitionSizes} images of {@code imageBytes} bytes.
   *
   * @param disk the room of the local disk that takes what does not fit
   * @throws InvalidDataException a record larger than a chunk, or more to put on disk than it has
   */
  public static MemoryPlan of(
      long[] partitionSizes, int imageBytes, StorageBudget budget, DiskRoom disk) {
    if (imageBytes < 1 || imageBytes > CHUNK_BYTES) {
      throw new InvalidDataException(
          String.format(
              "a record of %,d pixel bytes is larger than a block's chunk of %,d bytes: "
                  + "cannot be cached",
              imageBytes, CHUNK_BYTES));
    }
    int partitions = partitionSizes.length;
    long share = budget.cacheBytes() / Math.max(1, partitions);
    long[] memory = new long[partitions];
    for (int p = 0; p < partitions; p++) {
      long room = share - BLOCK_OVERHEAD - partitionSizes[p]; // the labels stay in memory
      memory[p] = Math.max(0, Math.min(partitionSizes[p], room / imageBytes));
    }
    MemoryPlan plan = new MemoryPlan(partitionSizes, imageBytes, memory, budget, disk);
    if (plan.diskBytes() > disk.bytes()) {
      throw new InvalidDataException(
          String.format(
              "%,d images of %,d bytes do not fit: %s MB fit in storage memory (%s), the other "
                  + "%s MB need local disk, which has %s (spark.local.dir); give the "
                  + "driver or executors more memory, or free disk space",
              plan.images(),
              imageBytes,
              mb(plan.memoryBytes()),
              plan.budgetText(),
              mb(plan.diskBytes()),
              disk.describe()));
    }
    return plan;
  }

  /** The plan that keeps every image in memory (tests, sets loaded without a budget). */
  public static MemoryPlan allInMemory(long[] partitionSizes, int imageBytes) {
    return new MemoryPlan(
        partitionSizes,
        imageBytes,
        partitionSizes,
        new StorageBudget(Long.MAX_VALUE, Long.MAX_VALUE, 1),
        DiskRoom.UNKNOWN);
  }

  /** Images in memory of partition {@code p}. */
  public long memoryImages(int p) {
    return memoryImages[p];
  }

  /** Images of all partitions. */
  public long images() {
    return Arrays.stream(partitionSizes).sum();
  }

  /** Images on local disk, all partitions. */
  public long imagesOnDisk() {
    return images() - Arrays.stream(memoryImages).sum();
  }

  /** Whether every image stays in memory. */
  public boolean inMemory() {
    return imagesOnDisk() == 0;
  }

  /** Bytes in storage memory: the in-memory pixels and every label. */
  public long memoryBytes() {
    return Arrays.stream(memoryImages).sum() * imageBytes + images();
  }

  /** Bytes on local disk: the pixels of the images that are not in memory. */
  public long diskBytes() {
    return imagesOnDisk() * imageBytes;
  }

  /** One line for the log: the set's size, the budget and what goes where. */
  public String describe(String name) {
    String where =
        inMemory()
            ? "all in memory"
            : String.format(
                "%s MB in memory (%,d images), %s MB on local disk (%,d images, read by the row; "
                    + "%s)",
                mb(memoryBytes()),
                images() - imagesOnDisk(),
                mb(diskBytes()),
                imagesOnDisk(),
                disk.describe());
    return String.format(
        "memory plan for %s: %,d images x %,d bytes = %s MB in %d partitions; %s: %s",
        name,
        images(),
        imageBytes,
        mb((long) imageBytes * images() + images()),
        partitionSizes.length,
        budgetText(),
        where);
  }

  private String budgetText() {
    if (budget.poolBytes() == Long.MAX_VALUE) {
      return "no storage budget";
    }
    return String.format(
        "cache budget %s MB (storage fraction %.2f of a %s MB pool, %s MB free%s)",
        mb(budget.cacheBytes()),
        budget.storageFraction(),
        mb(budget.poolBytes()),
        mb(budget.freeBytes()),
        budget.capBytes() == Long.MAX_VALUE
            ? ""
            : ", capped at " + mb(budget.capBytes()) + " MB by spark.sparksvm.cacheBytes");
  }

  private static String mb(long bytes) {
    return bytes == Long.MAX_VALUE ? "unlimited" : String.format("%,.1f", bytes / 1e6);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof MemoryPlan p
        && Arrays.equals(partitionSizes, p.partitionSizes)
        && imageBytes == p.imageBytes
        && Arrays.equals(memoryImages, p.memoryImages)
        && budget.equals(p.budget)
        && disk.equals(p.disk);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(memoryImages) * 31 + Arrays.hashCode(partitionSizes);
  }

  @Override
  public String toString() {
    return describe("a set");
  }
}
