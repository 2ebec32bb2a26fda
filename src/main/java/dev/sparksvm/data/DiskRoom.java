package dev.sparksvm.data;

/**
 * The room a set's disk part may take on a local disk: the disk's usable bytes less what is to stay
 * free there ({@code spark.sparksvm.localDiskReserve}), for Spark's own shuffle and spill files,
 * which a step on the tree path writes, and for whatever else the machine writes to that disk. A
 * disk part that would leave less is refused before anything is read.
 *
 * @param usableBytes usable bytes of the disk now, {@link Long#MAX_VALUE} where it is not known
 *     (the executors of a cluster check their own disks)
 * @param reserveBytes bytes to leave free
 */
public record DiskRoom(long usableBytes, long reserveBytes) {
  /** A disk not known here: the executors check theirs. */
  public static final DiskRoom UNKNOWN = new DiskRoom(Long.MAX_VALUE, 0);

  public DiskRoom {
    if (usableBytes < 0 || reserveBytes < 0) {
      throw new IllegalArgumentException(
          "a disk of " + usableBytes + " usable bytes, " + reserveBytes + " to keep free");
    }
  }

  /** Bytes a disk part may take. */
  public long bytes() {
    return usableBytes == Long.MAX_VALUE ? Long.MAX_VALUE : Math.max(0, usableBytes - reserveBytes);
  }

  /** Whether the disk is known here. */
  public boolean known() {
    return usableBytes != Long.MAX_VALUE;
  }

  /** E.g. {@code 10,000.0 MB free, of which 1,073.7 MB are to stay free (spark.sparksvm...)}. */
  public String describe() {
    if (!known()) {
      return "free space checked by each executor";
    }
    String free = String.format("%,.1f MB free", usableBytes / 1e6);
    return reserveBytes == 0
        ? free
        : String.format(
            "%s, of which %,.1f MB are to stay free (spark.sparksvm.localDiskReserve)",
            free, reserveBytes / 1e6);
  }
}
