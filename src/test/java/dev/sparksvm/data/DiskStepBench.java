package dev.sparksvm.data;

import dev.sparksvm.core.BatchKernel;
import dev.sparksvm.core.MulticlassHinge;
import dev.sparksvm.core.Precision;
import dev.sparksvm.core.StackedWeights;
import dev.sparksvm.core.Weights;
import dev.sparksvm.optim.MiniBatchPlan;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * What the tasks of a training step spend on a set whose pixels are all on local disk, without
 * Spark: P blocks of N images each written as the out-of-core path writes them (one file each),
 * then steps of batch B whose P tasks run in P threads exactly as {@code GradientTask} does (the
 * plan's rows, {@code ImageBlock.centred}, the batch kernel), with the page cache dropped before
 * each setting (as root), for reader threads 0 (each task reads its own rows, one at a time: the
 * path before read-ahead) and the counts given ({@link DiskReaders}). It prints each setting's
 * median step and how long a task waited for its rows a step ({@link CentredRows#diskWaitNanos}):
 * the reading the computation did not overlap. A tool, not a test:
 *
 * <pre>
 * java -cp target/classes:target/test-classes:$(cat target/classpath.txt) \
 *   dev.sparksvm.data.DiskStepBench DIR IMAGES_PER_BLOCK BLOCKS BATCH STEPS THREADS,... REPEATS
 * </pre>
 */
public final class DiskStepBench {
  private DiskStepBench() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    int perBlock = Integer.parseInt(args[1]);
    int blocks = Integer.parseInt(args[2]);
    int batch = Integer.parseInt(args[3]);
    int steps = Integer.parseInt(args[4]);
    int[] settings =
        java.util.regex.Pattern.compile(",")
            .splitAsStream(args[5])
            .mapToInt(Integer::parseInt)
            .toArray();
    int repeats = Integer.parseInt(args[6]);
    int pixels = 3072;
    ImageBlock[] set = new ImageBlock[blocks];
    long[] sizes = new long[blocks];
    long start = System.nanoTime();
    for (int p = 0; p < blocks; p++) {
      Path file = dir.resolve("disk-step-bench-" + p);
      ImageBlock.Builder b = new ImageBlock.Builder(perBlock, pixels, 0, () -> file);
      SplittableRandom random = new SplittableRandom(p);
      byte[] row = new byte[pixels];
      for (int i = 0; i < perBlock; i++) {
        random.nextBytes(row);
        b.add(row, 0, random.nextInt(10));
      }
      set[p] = b.build();
      sizes[p] = perBlock;
    }
    System.out.printf(
        Locale.ROOT,
        "wrote %d blocks of %,d images (%,.1f MB on disk) in %.1f s%n",
        blocks,
        perBlock,
        blocks * (double) perBlock * pixels / 1e6,
        (System.nanoTime() - start) / 1e9);
    MiniBatchPlan plan = new MiniBatchPlan(batch, 42, sizes);
    double[] mean = new double[pixels];
    Arrays.fill(mean, 127.5);
    StackedWeights w =
        new StackedWeights(1, 10, pixels + 1, Weights.gaussian(10, pixels + 1, 1e-3, 1).values());
    ExecutorService tasks = Executors.newFixedThreadPool(blocks);
    long step = 0;
    try {
      for (int r = 0; r < repeats; r++) {
        for (int threads : settings) {
          DiskReaders.threads(threads);
          dropCaches();
          double[] ms = new double[steps];
          java.util.concurrent.atomic.LongAdder wait = new java.util.concurrent.atomic.LongAdder();
          for (int s = 0; s < steps; s++, step++) {
            long t0 = System.nanoTime();
            int[] shares = plan.shares(step);
            List<Future<?>> parts = new ArrayList<>();
            for (int p = 0; p < blocks; p++) {
              int partition = p;
              long at = step;
              parts.add(
                  tasks.submit(
                      () -> {
                        CentredRows rows = set[partition].centred(mean);
                        BatchKernel.current()
                            .lossAndGradient(
                                rows,
                                plan.rows(partition, at, shares[partition], perBlock),
                                w,
                                new MulticlassHinge(1),
                                Precision.DOUBLE);
                        wait.add(rows.diskWaitNanos());
                      }));
            }
            for (Future<?> f : parts) {
              f.get();
            }
            ms[s] = (System.nanoTime() - t0) / 1e6;
          }
          double waitMs = wait.sum() / 1e6 / steps / blocks;
          double[] sorted = ms.clone();
          Arrays.sort(sorted);
          String line =
              String.format(
                  Locale.ROOT,
                  "readers %2d: batch %d, %d steps, median %.1f ms (q1 %.1f, q3 %.1f), a task waits"
                      + " %.1f ms a step for its rows, load %s",
                  threads,
                  batch,
                  steps,
                  sorted[steps / 2],
                  sorted[steps / 4],
                  sorted[3 * steps / 4],
                  waitMs,
                  loadAverage());
          System.out.println(line);
        }
      }
    } finally {
      tasks.shutdown();
      for (ImageBlock b : set) {
        b.close();
      }
    }
  }

  /** The load average of the last minute. */
  private static String loadAverage() throws IOException {
    String all = Files.readString(Path.of("/proc/loadavg"));
    return all.substring(0, all.indexOf(' '));
  }

  /** Empties the page cache (root only; else says so and goes on with a warm cache). */
  private static void dropCaches() throws IOException, InterruptedException {
    new ProcessBuilder("sync").inheritIO().start().waitFor();
    try {
      Files.writeString(Path.of("/proc/sys/vm/drop_caches"), "3");
    } catch (IOException e) {
      System.out.println("page cache not dropped: " + e.getMessage());
    }
  }
}
