package dev.sparksvm.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The memory plan's numbers for a few shapes, worked out by hand beside each. */
class MemoryPlanTest {
  private static final long GIB = 1L << 30;
  private static final long MIB = 1L << 20;
  private static final DiskRoom DISK = new DiskRoom(79L * 1000 * 1000 * 1000, 0);

  /** The launcher's old fixed driver heap on local[*]: one executor of 6 GiB, Spark's defaults. */
  private static StorageBudget sixGig() {
    return StorageBudget.ofHeap(6 * GIB, 0.6, 0.5, 1);
  }

  @Test
  void theBudgetIsSparksPoolTimesTheStorageFractionLessWhatIsCached() {
    // (6144 - 300) MiB x 0.6 = 3506.4 MiB = 3,676,731,801 bytes (rounded down).
    StorageBudget b = sixGig();
    assertEquals((long) ((6144 - 300) * MIB * 0.6), b.poolBytes());
    assertEquals((long) (b.poolBytes() * 0.5), b.cacheBytes());
    // A GiB already cached comes off the storage fraction, not off the whole pool.
    StorageBudget used = new StorageBudget(b.poolBytes(), b.poolBytes() - GIB, 0.5);
    assertEquals((long) (b.poolBytes() * 0.5) - GIB, used.cacheBytes());
    // Never more than what is free, never negative.
    assertEquals(100, new StorageBudget(1000, 100, 1.0).cacheBytes());
    assertEquals(0, new StorageBudget(1000, 100, 0.5).cacheBytes());
    // A cap (spark.sparksvm.cacheBytes) lowers it, never raises it.
    assertEquals(GIB, b.cappedAt(GIB).cacheBytes());
    assertEquals(b.cacheBytes(), b.cappedAt(100 * GIB).cacheBytes());
    // Two executors have two pools.
    assertEquals(2 * b.poolBytes(), StorageBudget.ofHeap(6 * GIB, 0.6, 0.5, 2).poolBytes());
  }

  @Test
  void fiftyThousandCifarImagesFitAllInMemory() {
    MemoryPlan plan = MemoryPlan.of(new long[] {25_000, 25_000}, 3072, sixGig(), DISK);
    assertTrue(plan.inMemory());
    assertEquals(25_000, plan.memoryImages(0));
    assertEquals(50_000L * 3073, plan.memoryBytes(), "pixels and labels: 3073 bytes per image");
    assertEquals(0, plan.diskBytes());
    assertTrue(plan.describe("train images").endsWith(": all in memory"), plan.describe("x"));
  }

  @Test
  void aMillionImagesWithASixGigDriverPutWhatTheStorageFractionCannotHoldOnDisk() {
    long[] sizes = {500_000, 500_000};
    MemoryPlan plan = MemoryPlan.of(sizes, 3072, sixGig(), DISK);
    // Each partition's share: half of the budget; less 64 KiB of overhead and its 500,000 labels,
    // in whole images of 3072 bytes.
    long share = sixGig().cacheBytes() / 2;
    long inMemory = (share - 65_536 - 500_000) / 3072;
    assertEquals(inMemory, plan.memoryImages(0));
    assertEquals(inMemory, plan.memoryImages(1));
    assertTrue(inMemory > 290_000 && inMemory < 300_000, "about 0.9 GB of each 1.5 GB block");
    assertEquals(2 * (500_000 - inMemory), plan.imagesOnDisk());
    assertEquals(2 * (500_000 - inMemory) * 3072, plan.diskBytes());
    assertEquals(2 * inMemory * 3072 + 1_000_000, plan.memoryBytes());
    assertTrue(plan.memoryBytes() <= sixGig().cacheBytes(), "never over the budget");
    String line = plan.describe("train images");
    assertTrue(line.contains("1,000,000 images x 3,072 bytes"), line);
    assertTrue(line.contains("on local disk (" + String.format("%,d", plan.imagesOnDisk())), line);
    assertEquals(1, line.lines().count());
  }

  @Test
  void unevenPartitionsKeepWhatTheirEqualShareHolds() {
    // A budget of 10 MB for 3 partitions: 3,333,333 bytes each; 1000 images of 1000 bytes each
    // need 1,001,000 (labels too): the small one fits whole, the others keep (share - overhead -
    // labels) / 1000 images.
    StorageBudget b = new StorageBudget(20_000_000, 20_000_000, 0.5);
    MemoryPlan plan = MemoryPlan.of(new long[] {1000, 5000, 5000}, 1000, b, DISK);
    long share = 10_000_000 / 3;
    assertEquals(1000, plan.memoryImages(0));
    assertEquals((share - 65_536 - 5000) / 1000, plan.memoryImages(1));
    assertEquals(plan.memoryImages(1), plan.memoryImages(2));
    assertFalse(plan.inMemory());
  }

  @Test
  void aFullStorageMemoryPutsEveryPixelOnDisk() {
    MemoryPlan plan =
        MemoryPlan.of(new long[] {10, 10}, 3072, new StorageBudget(1 << 20, 0, 0.5), DISK);
    assertEquals(0, plan.memoryImages(0));
    assertEquals(20 * 3072, plan.diskBytes());
    assertEquals(20, plan.memoryBytes(), "the labels");
  }

  @Test
  void aDiskTooSmallForTheOutOfCorePartIsRefusedWithTheNumbers() {
    // 5 million images, 15.4 GB, against the budget of a 6 GiB driver and 10 GB of free disk.
    long[] sizes = {2_500_000, 2_500_000};
    InvalidDataException e =
        assertThrows(
            InvalidDataException.class,
            () -> MemoryPlan.of(sizes, 3072, sixGig(), new DiskRoom(10_000_000_000L, 0)));
    String m = e.getMessage();
    assertTrue(m.startsWith("5,000,000 images of 3,072 bytes do not fit"), m);
    assertTrue(m.contains("10,000.0 MB free"), m);
    assertTrue(m.contains("spark.local.dir"), m);
    assertEquals(1, m.lines().count());
    // With enough disk the same set is planned.
    assertTrue(MemoryPlan.of(sizes, 3072, sixGig(), DISK).diskBytes() > 10_000_000_000L);
  }

  @Test
  void whatIsToStayFreeOnTheDiskIsNotTheDiskParts() {
    // The same 5 million images with 16 GB free: the 13.5 GB disk part fits, unless 4 GB of it are
    // to stay free (spark.sparksvm.localDiskReserve). Each partition keeps (919,181,721 - 65,536 -
    // 2,500,000) / 3072 = 298,377 images in memory (the budget of the test above).
    long[] sizes = {2_500_000, 2_500_000};
    MemoryPlan plan = MemoryPlan.of(sizes, 3072, sixGig(), new DiskRoom(16_000_000_000L, 0));
    assertEquals(13_526_771_712L, plan.diskBytes(), "(5,000,000 - 2 x 298,377) x 3072");
    assertTrue(plan.describe("x").contains("16,000.0 MB free)"), plan.describe("x"));
    InvalidDataException e =
        assertThrows(
            InvalidDataException.class,
            () ->
                MemoryPlan.of(
                    sizes, 3072, sixGig(), new DiskRoom(16_000_000_000L, 4_000_000_000L)));
    assertTrue(
        e.getMessage()
            .contains(
                "the other 13,526.8 MB need local disk, which has 16,000.0 MB free, of which "
                    + "4,000.0 MB are to stay free (spark.sparksvm.localDiskReserve)"),
        e.getMessage());
    assertEquals(12_000_000_000L, new DiskRoom(16_000_000_000L, 4_000_000_000L).bytes());
    assertEquals(0, new DiskRoom(1, 4_000_000_000L).bytes(), "never negative");
    assertEquals(Long.MAX_VALUE, DiskRoom.UNKNOWN.bytes());
  }

  @Test
  void aRecordLargerThanAChunkIsRefused() {
    InvalidDataException e =
        assertThrows(
            InvalidDataException.class,
            () -> MemoryPlan.of(new long[] {1}, MemoryPlan.CHUNK_BYTES + 1, sixGig(), DISK));
    assertTrue(
        e.getMessage().contains("larger than a block's chunk of 67,108,864 bytes"), e.getMessage());
    assertEquals(1, MemoryPlan.of(new long[] {1}, MemoryPlan.CHUNK_BYTES, sixGig(), DISK).images());
  }
}
