package dev.sparksvm.optim;

import dev.sparksvm.core.L2Regularizer;
import dev.sparksvm.core.StackedWeights;
import dev.sparksvm.core.Weights;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * K gradient descents side by side, on the same mini-batches, with one pass over the data per step
 * for all of them ({@link StackedObjective#evaluate(StackedWeights, L2Regularizer[], long)}): model
 * k takes its own step, by default the vanilla {@code W_k -= lr_k(t) * dL_k/dW_k}, with its own
 * learning rate, regularization and {@link Update} (and velocity). This is how a whole (learning
 * rate x regularization) grid is trained at the cost of about one model.
 *
 * <p>Model k's steps are bit for bit those of a {@link GradientDescent} of it alone. A model whose
 * loss or weights stop being finite is dropped from the stack (its step is recorded) and the others
 * go on.
 */
public final class StackedDescent {

  /**
   * One model of the stack: its schedule, its regularization and its update, which belongs to this
   * model and descent alone (its velocity is updated in place).
   */
  public record Model(LearningRate rate, L2Regularizer reg, Update update) {
    public Model {
      java.util.Objects.requireNonNull(update, "update");
    }

    /** A model with the vanilla update. */
    public Model(LearningRate rate, L2Regularizer reg) {
      this(rate, reg, new VanillaUpdate());
    }
  }

  /** Called after every step with every model's state; dropped models have a NaN loss. */
  public interface Listener {
    void afterStep(long step, double[] losses, List<Weights> weights, boolean[] active);

    /** Checked after each {@link #afterStep}: true ends the descent there. */
    default boolean stopRequested() {
      return false;
    }
  }

  /**
   * The end of a descent: each model's final W, and the step at which it diverged ({@code -1} for a
   * model that did not).
   */
  public record Result(List<Weights> weights, long[] divergedAt) {
    public boolean diverged(int k) {
      return divergedAt[k] >= 0;
    }
  }

  private final List<Model> models;

  public StackedDescent(List<Model> models) {
    if (models.isEmpty()) {
      throw new IllegalArgumentException("no models to train");
    }
    this.models = List.copyOf(models);
  }

  /** Runs steps {@code 0 .. iterations - 1}; {@code starts} are copied, one per model. */
  public Result minimise(
      StackedObjective objective, List<Weights> starts, long iterations, Listener listener) {
    long[] none = new long[models.size()];
    Arrays.fill(none, -1);
    return minimise(objective, starts, none, 0, iterations, listener);
  }

  /**
   * Runs steps {@code from .. iterations - 1} (a resumed descent: the batches and learning rates
   * are functions of the step, so from W and the velocity of step {@code from} it goes on exactly
   * as if it had not stopped); {@code starts} are copied, and a model with {@code divergedAt >= 0}
   * stays dropped.
   */
  public Result minimise(
      StackedObjective objective,
      List<Weights> starts,
      long[] divergedBefore,
      long from,
      long iterations,
      Listener listener) {
    int k = models.size();
    if (starts.size() != k || divergedBefore.length != k) {
      throw new IllegalArgumentException(starts.size() + " starting points for " + k + " models");
    }
    List<Weights> w = new ArrayList<>();
    starts.forEach(s -> w.add(s.copy()));
    long[] divergedAt = divergedBefore.clone();
    boolean[] active = new boolean[k];
    for (int m = 0; m < k; m++) {
      active[m] = divergedAt[m] < 0;
    }
    double[] losses = new double[k];
    for (long step = from; step < iterations; step++) {
      int[] live = live(active);
      if (live.length == 0) {
        break;
      }
      List<Weights> stack = new ArrayList<>();
      L2Regularizer[] regs = new L2Regularizer[live.length];
      for (int i = 0; i < live.length; i++) {
        stack.add(w.get(live[i]));
        regs[i] = models.get(live[i]).reg();
      }
      Objective.Evaluation[] e = objective.evaluate(StackedWeights.of(stack), regs, step);
      Arrays.fill(losses, Double.NaN);
      for (int i = 0; i < live.length; i++) {
        int m = live[i];
        Weights model = w.get(m);
        double lr = models.get(m).rate().at(step);
        if (Double.isFinite(e[i].loss())) {
          models.get(m).update().apply(model, e[i].gradient(), lr);
        }
        if (!Double.isFinite(e[i].loss()) || !model.isFinite()) {
          active[m] = false;
          divergedAt[m] = step;
        } else {
          losses[m] = e[i].loss();
        }
      }
      listener.afterStep(step, losses.clone(), w, active.clone());
      if (listener.stopRequested()) {
        break;
      }
    }
    return new Result(w, divergedAt);
  }

  private static int[] live(boolean[] active) {
    int n = 0;
    for (boolean a : active) {
      n += a ? 1 : 0;
    }
    int[] out = new int[n];
    for (int i = 0, j = 0; i < active.length; i++) {
      if (active[i]) {
        out[j++] = i;
      }
    }
    return out;
  }
}
