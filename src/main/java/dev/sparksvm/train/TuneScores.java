package dev.sparksvm.train;

import dev.sparksvm.core.Weights;
import dev.sparksvm.data.Preprocessing;
import dev.sparksvm.optim.StackedDescent;
import dev.sparksvm.options.TuneOptions.Candidate;
import dev.sparksvm.session.Workspace;
import dev.sparksvm.spark.DistributedAccuracy;
import java.util.ArrayList;
import java.util.List;

/** Tune's scores: every live model's accuracy on a split, all K models in one job. */
final class TuneScores {
  private TuneScores() {}

  /** Validation accuracy of every live model, in one job. */
  static void validate(Workspace ws, List<Weights> weights, boolean[] active, Double[] val) {
    if (ws.set().validation().count() == 0) {
      return;
    }
    double[] acc =
        DistributedAccuracy.ofLive(ws.sc(), ws.set().validation(), weights, active, centring(ws));
    for (int m = 0; m < active.length; m++) {
      if (active[m]) {
        val[m] = acc[m];
      }
    }
  }

  /** The rows as the models were trained on them: the training mean subtracted. */
  private static Preprocessing centring(Workspace ws) {
    return Preprocessing.centring(ws.set().mean().clone());
  }

  static List<TuneOutcome> outcomes(
      Workspace ws,
      List<Candidate> candidates,
      StackedDescent.Result descent,
      double[][] losses,
      Double[] val) {
    boolean[] live = live(descent);
    double[] train =
        DistributedAccuracy.ofLive(
            ws.sc(), ws.set().train(), descent.weights(), live, centring(ws));
    List<TuneOutcome> out = new ArrayList<>();
    for (int m = 0; m < candidates.size(); m++) {
      double last = Double.NaN;
      for (double v : losses[m]) {
        last = Double.isNaN(v) ? last : v;
      }
      out.add(
          new TuneOutcome(
              candidates.get(m),
              last,
              live[m] ? train[m] : null,
              live[m] ? val[m] : null,
              descent.divergedAt()[m],
              losses[m]));
    }
    return out;
  }

  /** The live model with the best validation accuracy (the first of ties), or -1. */
  static int best(Double[] val, boolean[] active) {
    int best = -1;
    for (int m = 0; m < val.length; m++) {
      if (active[m] && val[m] != null && (best < 0 || val[m] > val[best])) {
        best = m;
      }
    }
    if (best < 0) {
      for (int m = 0; m < active.length; m++) {
        if (active[m]) {
          return m;
        }
      }
    }
    return best;
  }

  static boolean[] live(StackedDescent.Result r) {
    boolean[] live = new boolean[r.divergedAt().length];
    for (int m = 0; m < live.length; m++) {
      live[m] = !r.diverged(m);
    }
    return live;
  }

  static int count(boolean[] flags, boolean value) {
    int n = 0;
    for (boolean f : flags) {
      n += f == value ? 1 : 0;
    }
    return n;
  }
}
