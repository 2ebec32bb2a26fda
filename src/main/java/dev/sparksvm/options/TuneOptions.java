package dev.sparksvm.options;

import static dev.sparksvm.options.UsageException.require;

import dev.sparksvm.core.Seeds;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * What {@code tune} trains: K (learning rate, regularization) pairs, all on the same batches, and
 * how.
 *
 * @param candidates the models, in the order they are reported
 * @param train the data, the loss, batch, steps, reporting, Spark and output, as in {@code train};
 *     each model replaces the learning rate and the L2 strength with its own ({@link #model})
 */
public record TuneOptions(List<Candidate> candidates, TrainOptions train) {

  /** One model of the search. */
  public record Candidate(double learningRate, double reg) {
    public Candidate {
      require(
          learningRate > 0 && Double.isFinite(learningRate),
          "--lr",
          "a list of finite numbers > 0",
          learningRate);
      require(reg >= 0 && Double.isFinite(reg), "--reg", "a list of finite numbers >= 0", reg);
      reg = reg == 0 ? 0.0 : reg; // -0.0 is no regularization too: the same model as 0
    }
  }

  /** Images held out for validation by default: the models are compared on them. */
  public static final int DEFAULT_VALIDATION = 5000;

  public TuneOptions {
    require(!candidates.isEmpty(), "--lr and --reg", "non-empty lists", "nothing");
    require(candidates.size() <= 256, "the number of models", "at most 256", candidates.size());
    candidates = List.copyOf(candidates);
    requireDistinct(candidates);
    Objects.requireNonNull(train, "train");
  }

  /**
   * Refuses a model given twice: it would be trained twice for nothing, and its two curves and dots
   * could not be told apart. Distinct values are always models of their own, however close.
   */
  private static void requireDistinct(List<Candidate> candidates) {
    Map<Candidate, Integer> first = new HashMap<>();
    for (int m = 0; m < candidates.size(); m++) {
      Candidate c = candidates.get(m);
      Integer earlier = first.putIfAbsent(c, m);
      if (earlier != null) {
        throw new UsageException(
            "--lr and --reg give the model lr "
                + c.learningRate()
                + " reg "
                + c.reg()
                + " twice (models "
                + (earlier + 1)
                + " and "
                + (m + 1)
                + "): each (lr, reg) pair is trained once; remove the repeated value (a random"
                + " search repeats a pair only when --lr-range and --reg-range are single points)");
      }
    }
  }

  /** The options of model {@code m} alone: {@code train} with its learning rate and L2 strength. */
  public TrainOptions model(int m) {
    Candidate c = candidates.get(m);
    return train.withLearningRate(c.learningRate()).withReg(c.reg());
  }

  /** Every (lr, reg) of the two lists: a grid, learning rates varying slowest. */
  public static List<Candidate> grid(List<Double> lrs, List<Double> regs) {
    require(!lrs.isEmpty(), "--lr", "a non-empty list", "an empty one");
    require(!regs.isEmpty(), "--reg", "a non-empty list", "an empty one");
    List<Candidate> out = new ArrayList<>();
    for (double lr : lrs) {
      for (double reg : regs) {
        out.add(new Candidate(lr, reg));
      }
    }
    return out;
  }

  /**
   * {@code samples} pairs drawn log-uniformly from the two ranges (CS231n's advice: random search
   * covers each axis better than a grid), reproducibly from {@code seed}. A range whose low end is
   * 0 is taken as that value exactly (no regularization).
   */
  public static List<Candidate> random(
      double[] lrRange, double[] regRange, int samples, long seed) {
    checkRange("--lr-range", lrRange, false);
    checkRange("--reg-range", regRange, true);
    require(samples >= 1, "--samples", "an integer >= 1", samples);
    SplittableRandom random = new SplittableRandom(Seeds.derive(seed, 0x7E5EL));
    List<Candidate> out = new ArrayList<>();
    for (int i = 0; i < samples; i++) {
      out.add(new Candidate(logUniform(lrRange, random), logUniform(regRange, random)));
    }
    return out;
  }

  private static double logUniform(double[] range, SplittableRandom random) {
    if (range[0] == range[1] || range[0] == 0) {
      return range[0] == 0 ? 0 : range[0];
    }
    double lo = Math.log10(range[0]);
    double hi = Math.log10(range[1]);
    return Math.pow(10, lo + (hi - lo) * random.nextDouble());
  }

  /** Checks a range given as {@code option LO:HI} and returns it. */
  public static double[] checkRange(String option, double[] range, boolean zeroAllowed) {
    require(range.length == 2, option, "LO:HI", java.util.Arrays.toString(range));
    boolean ok =
        Double.isFinite(range[0])
            && Double.isFinite(range[1])
            && range[0] <= range[1]
            && (zeroAllowed ? range[0] >= 0 && (range[0] > 0 || range[1] == 0) : range[0] > 0);
    require(
        ok,
        option,
        "LO:HI with "
            + (zeroAllowed ? "0 <= " : "0 < ")
            + "LO <= HI"
            + (zeroAllowed ? " (0:0 for none)" : ""),
        range[0] + ":" + range[1]);
    return range;
  }
}
