package dev.sparksvm.baseline;

import dev.sparksvm.core.BatchKernel;
import dev.sparksvm.core.BatchTotals;
import dev.sparksvm.core.L2Regularizer;
import dev.sparksvm.core.Loss;
import dev.sparksvm.core.OrderedSums;
import dev.sparksvm.core.Precision;
import dev.sparksvm.core.Seeds;
import dev.sparksvm.core.StackedWeights;
import dev.sparksvm.core.Weights;
import dev.sparksvm.data.ImageBlock;
import dev.sparksvm.optim.MiniBatchPlan;
import dev.sparksvm.optim.Objective;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A training step without Spark: each partition's share of the batch drawn and summed by the {@link
 * BatchKernel} in a thread of its own (as Spark runs one task per core), the sums added in
 * partition order, the regularization added and W updated. The arithmetic of a step and nothing
 * else, for {@code bench} to set Spark's cost against.
 */
public final class InProcessKernel implements AutoCloseable {
  private final List<ImageBlock> blocks;
  private final double[] mean;
  private final int classes;
  private final Loss loss;
  private final ExecutorService threads;

  /** The blocks are the partitions (for example collected from the cached training set). */
  public InProcessKernel(List<ImageBlock> blocks, double[] mean, int classes, Loss loss) {
    this.blocks = List.copyOf(blocks);
    this.mean = mean.clone();
    this.classes = classes;
    this.loss = loss;
    this.threads =
        Executors.newFixedThreadPool(
            blocks.size(),
            r -> {
              Thread t = new Thread(r, "in-process kernel");
              t.setDaemon(true);
              return t;
            });
  }

  /**
   * Milliseconds of {@code timed} steps of {@code models} stacked models after {@code warmup}
   * untimed ones, at global batch {@code batch}, in double precision.
   */
  public double[] stepMillis(int batch, int models, int warmup, int timed, long seed) {
    return stepMillis(batch, models, warmup, timed, seed, Precision.DOUBLE);
  }

  /**
   * As {@link #stepMillis(int, int, int, int, long)}, with the kernel's GEMMs in {@code precision}.
   */
  public double[] stepMillis(
      int batch, int models, int warmup, int timed, long seed, Precision precision) {
    long[] sizes = blocks.stream().mapToLong(ImageBlock::size).toArray();
    MiniBatchPlan plan = new MiniBatchPlan(batch, seed, sizes);
    int d = mean.length + 1;
    List<Weights> stack = new ArrayList<>();
    for (int k = 0; k < models; k++) {
      stack.add(Weights.gaussian(classes, d, 1e-3, Seeds.derive(seed, k)));
    }
    L2Regularizer[] regs = new L2Regularizer[models];
    java.util.Arrays.fill(regs, new L2Regularizer(2.5e4));
    double[] ms = new double[timed];
    for (int t = 0; t < warmup + timed; t++) {
      long start = System.nanoTime();
      StackedWeights w = StackedWeights.of(stack);
      OrderedSums totals = sums(plan, w, t, precision);
      Objective.Evaluation[] e = plan.finish(totals, w, regs);
      for (int k = 0; k < models; k++) {
        stack.get(k).addScaled(-1e-7, e[k].gradient());
      }
      if (t >= warmup) {
        ms[t - warmup] = (System.nanoTime() - start) / 1e6;
      }
    }
    return ms;
  }

  private OrderedSums sums(MiniBatchPlan plan, StackedWeights w, long step, Precision precision) {
    int[] shares = plan.shares(step);
    List<Future<BatchTotals>> parts = new ArrayList<>();
    for (int p = 0; p < blocks.size(); p++) {
      int partition = p;
      parts.add(
          threads.submit(
              () -> {
                ImageBlock block = blocks.get(partition);
                int[] rows = plan.rows(partition, step, shares[partition], block.size());
                return BatchKernel.current()
                    .lossAndGradient(block.centred(mean), rows, w, loss, precision);
              }));
    }
    OrderedSums totals = new OrderedSums(w.models(), w.classes(), w.features());
    try {
      for (Future<BatchTotals> f : parts) {
        BatchTotals t = f.get();
        totals.add(t.gradientSums(), t.lossSums(), t.examples());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("a partition's kernel failed", e.getCause());
    }
    return totals;
  }

  @Override
  public void close() {
    threads.shutdownNow();
  }
}
