package dev.sparksvm.explore;

import static dev.sparksvm.options.UsageException.require;

import dev.sparksvm.core.Precision;
import dev.sparksvm.core.Weights;
import dev.sparksvm.model.LinearModel;
import dev.sparksvm.optim.RandomLocalSearch;
import dev.sparksvm.optim.RandomSearch;
import dev.sparksvm.options.AggregationDepth;
import dev.sparksvm.options.BatchSize;
import dev.sparksvm.options.LossOptions;
import dev.sparksvm.report.LineChart;
import dev.sparksvm.session.Provenance;
import dev.sparksvm.session.Workspace;
import dev.sparksvm.spark.SparkObjective;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code search}: CS231n's random search (many random W scored in one pass, keep the best) and
 * random local search (perturb W, keep improvements; one pass per step), on the whole training set.
 * Writes the best W as a model, and for local search the loss curve.
 */
public final class SearchRun {
  private static final Logger LOG = LoggerFactory.getLogger(SearchRun.class);

  /**
   * The options of {@code search}.
   *
   * @param strategy random search or random local search
   * @param tries random W tried, or local steps taken
   * @param scale std of each random W (random) or of the start (local)
   * @param step std of a local move
   */
  public record Options(Strategy strategy, int tries, double scale, double step) {
    public Options {
      Objects.requireNonNull(strategy, "strategy");
      require(tries >= 1, "--tries", "an integer >= 1", tries);
      require(scale > 0 && Double.isFinite(scale), "--scale", "a finite number > 0", scale);
      require(step > 0 && Double.isFinite(step), "--step", "a finite number > 0", step);
    }
  }

  /** {@code --strategy}: CS231n's two searches. */
  public enum Strategy {
    /** Many random W scored in one pass; the best is kept. Each W ~ 1e-4 randn by default. */
    RANDOM(1e-4),
    /** Perturb W, keep improvements; one pass per step. Starts from W ~ 1e-3 randn by default. */
    LOCAL(1e-3);

    private final double defaultScale;

    Strategy(double defaultScale) {
      this.defaultScale = defaultScale;
    }

    /** The std of each random W (random) or of the start (local) when no --scale is given. */
    public double defaultScale() {
      return defaultScale;
    }

    /** The name on the command line: {@code random} or {@code local}. */
    @Override
    public String toString() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  private SearchRun() {}

  /** Runs the chosen strategy in {@code ws} and writes its outputs; returns the metrics. */
  public static Map<String, Object> run(Workspace ws, LossOptions loss, Options o) {
    long jobsBefore = ws.jobs();
    long start = System.nanoTime();
    long seed = ws.data().seed();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("command", "search");
    m.put("strategy", o.strategy().toString());
    m.put("tries", o.tries());
    Weights best;
    double bestLoss;
    try (SparkObjective objective =
        ws.objective(loss, BatchSize.ALL, AggregationDepth.of(2), Precision.DOUBLE)) {
      if (o.strategy() == Strategy.RANDOM) {
        RandomSearch.Result r = new RandomSearch(o.tries(), o.scale(), seed).run(objective);
        best = r.best();
        bestLoss = r.bestLoss();
        m.put("scale", o.scale());
        m.put("best_try", r.bestTry());
        LOG.info(
            "random search: {} tries, best loss {} (try {})", o.tries(), bestLoss, r.bestTry());
      } else {
        RandomLocalSearch local = new RandomLocalSearch(o.tries(), o.step(), o.scale(), seed);
        int every = Math.max(1, o.tries() / 20);
        RandomLocalSearch.Result r =
            local.run(
                objective,
                (step, value, accepted) -> {
                  if ((step + 1) % every == 0) {
                    LOG.info(
                        String.format(
                            "step %d/%d  best loss %.5f  %.1f s",
                            step + 1, o.tries(), value, (System.nanoTime() - start) / 1e9));
                  }
                });
        best = r.best();
        bestLoss = r.bestLoss();
        m.put("step", o.step());
        m.put("accepted", r.accepted());
        double[] steps = new double[r.lossPerStep().length];
        for (int i = 0; i < steps.length; i++) {
          steps[i] = i + 1;
        }
        byte[] chart =
            LineChart.of("Random local search", "step", "best loss")
                .add(LineChart.Series.line("loss", steps, r.lossPerStep(), 0))
                .png();
        ws.out().write("loss.png", s -> s.write(chart));
      }
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    long searchJobs = ws.jobs() - jobsBefore;
    Double val = ws.validationAccuracy(best);
    Double test = ws.testAccuracy(best);
    m.put("best_loss", bestLoss);
    m.put("val_accuracy", val);
    m.put("test_accuracy", test);
    m.put("seconds", seconds);
    m.put("spark_jobs", searchJobs);
    m.put("loss", loss.loss().label());
    m.put("reg", loss.reg());
    m.put("weights_sha256", best.sha256());
    Map<String, Object> options = new LinkedHashMap<>();
    options.put("strategy", o.strategy().toString());
    options.put("tries", o.tries());
    options.put("scale", o.scale());
    options.put("step", o.step());
    options.put("loss", loss.loss().label());
    options.put("reg", loss.reg());
    options.put("seed", seed);
    LinearModel model = ws.model(best, loss.loss().label(), Provenance.of(ws, "search", options));
    ws.out().write(LinearModel.FILE_NAME, model::writeTo);
    ws.finish(m);
    LOG.info(
        String.format(
            "best loss %.5f, validation accuracy %s%s, %.1f s, %d Spark jobs; wrote %s",
            bestLoss,
            val == null ? "none" : String.format("%.4f", val),
            test == null ? "" : String.format(", test accuracy %.4f", test),
            seconds,
            searchJobs,
            ws.out().path()));
    return m;
  }
}
