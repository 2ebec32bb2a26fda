package dev.sparksvm.cli;

import dev.sparksvm.core.Weights;
import dev.sparksvm.data.Cifar10;
import dev.sparksvm.model.LinearModel;
import dev.sparksvm.optim.RandomLocalSearch;
import dev.sparksvm.optim.RandomSearch;
import dev.sparksvm.report.Charts;
import dev.sparksvm.spark.SparkObjective;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code search}: CS231n's random search (many random W scored in one pass, keep the best) and random
 * local search (perturb W, keep improvements; one pass per step), on the whole training set.
 */
final class SearchCommand {
  private static final Logger LOG = LoggerFactory.getLogger(SearchCommand.class);

  private SearchCommand() {}

  static String usage() {
    return """
        search: random search or random local search for W (CS231n), loss on the whole training set.
          --strategy random|local  (default random)
          --tries N          random W tried, or local steps taken (default 1000)
          --scale X          std of each random W (random, default 1e-4) or of the start (local,
                             default 1e-3)
          --step X           std of a local move (default 1e-4)
          --loss svm|softmax (default svm);  --reg X (default 0: the notes' data loss)
          --data, --test, --val, --partitions, --seed, --out, --master as in train
        """;
  }

  static int run(String[] argv) {
    Args a = Args.parse("search", argv, 1, CommonOptions.with("strategy", "tries", "scale", "step"),
        Main.FLAGS);
    CommonOptions common = CommonOptions.from("search", a, 0.0);
    String strategy = a.string("strategy", "random");
    int tries = a.integer("tries", 1000);
    if (!strategy.equals("random") && !strategy.equals("local")) {
      throw new UsageException("search: unknown --strategy '" + strategy + "': use random or local");
    }
    // Validate before Spark starts.
    RandomSearch random = strategy.equals("random")
        ? new RandomSearch(tries, a.real("scale", 1e-4), common.seed()) : null;
    RandomLocalSearch local = strategy.equals("local")
        ? new RandomLocalSearch(tries, a.real("step", 1e-4), a.real("scale", 1e-3), common.seed())
        : null;
    try (Session session = Session.open("search", common)) {
      search(session, random, local);
    }
    return 0;
  }

  /** Runs the chosen strategy in a session and writes its outputs; returns the metrics. */
  static Map<String, Object> search(Session session, RandomSearch random, RandomLocalSearch local) {
    long jobsBefore = session.jobs.jobs();
    long start = System.nanoTime();
    Map<String, Object> m = new LinkedHashMap<>();
    Weights best;
    double bestLoss;
    try (SparkObjective objective = session.objective(0)) {
      if (random != null) {
        RandomSearch.Result r = random.run(objective);
        best = r.best();
        bestLoss = r.bestLoss();
        m.put("strategy", "random");
        m.put("tries", random.tries());
        m.put("scale", random.scale());
        m.put("best_try", r.bestTry());
        LOG.info("random search: {} tries, best loss {} (try {})", random.tries(), bestLoss,
            r.bestTry());
      } else {
        int every = Math.max(1, local.steps() / 20);
        RandomLocalSearch.Result r = local.run(objective, (step, loss, accepted) -> {
          if ((step + 1) % every == 0) {
            LOG.info(String.format("step %d/%d  best loss %.5f  %.1f s", step + 1, local.steps(), loss,
                (System.nanoTime() - start) / 1e9));
          }
        });
        best = r.best();
        bestLoss = r.bestLoss();
        m.put("strategy", "local");
        m.put("tries", local.steps());
        m.put("step", local.stepSize());
        m.put("accepted", r.accepted());
        double[] steps = new double[r.lossPerStep().length];
        for (int i = 0; i < steps.length; i++) {
          steps[i] = i + 1;
        }
        session.out.write("loss.png", o -> o.write(Charts.lines("Random local search", "step",
            "best loss", List.of(new Charts.Series("loss", steps, r.lossPerStep())), false, false)));
      }
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    long searchJobs = session.jobs.jobs() - jobsBefore;
    double val = session.validationAccuracy(best);
    Double test = session.testAccuracy(best);
    m.put("best_loss", bestLoss);
    m.put("val_accuracy", val);
    m.put("test_accuracy", test);
    m.put("seconds", seconds);
    m.put("spark_jobs", searchJobs);
    m.put("loss", session.options.loss());
    m.put("reg", session.options.reg());
    m.put("train_images", session.set.train().count());
    m.put("weights_sha256", best.sha256());
    LinearModel model = new LinearModel(best, session.set.mean(), Cifar10.CLASS_NAMES,
        session.options.loss());
    session.out.write(LinearModel.FILE_NAME, model::writeTo);
    session.writeMetrics(m);
    LOG.info(String.format("best loss %.5f, validation accuracy %.4f%s, %.1f s, %d Spark jobs; wrote %s",
        bestLoss, val, test == null ? "" : String.format(", test accuracy %.4f", test), seconds,
        searchJobs, session.out.path()));
    return m;
  }
}
