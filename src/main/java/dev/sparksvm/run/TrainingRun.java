package dev.sparksvm.run;

import dev.sparksvm.core.LinearBatch;
import dev.sparksvm.core.Seeds;
import dev.sparksvm.core.Weights;
import dev.sparksvm.data.ImageSchema;
import dev.sparksvm.model.LinearModel;
import dev.sparksvm.optim.GradientDescent;
import dev.sparksvm.optim.LearningRate;
import dev.sparksvm.report.History;
import dev.sparksvm.report.Pictures;
import dev.sparksvm.report.TrainingCharts;
import dev.sparksvm.spark.ExecutorBlas;
import dev.sparksvm.spark.IterationPhases;
import dev.sparksvm.spark.SparkObjective;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A training run: mini-batch gradient descent of a linear SVM or softmax classifier with W on the
 * driver and the images cached on the executors, then the accuracy on each split (one job each) and
 * the outputs: {@code model.bin}, {@code history.csv}, {@code loss.png}, {@code templates.png} and
 * {@code metrics.json}.
 */
public final class TrainingRun {
  private static final Logger LOG = LoggerFactory.getLogger(TrainingRun.class);
  /** Seed coordinate of the initial W. */
  static final long INIT_STREAM = 0x57A27L;

  /** The figures of a finished run (also written to metrics.json). */
  public record Result(Weights weights, Map<String, Object> metrics) {}

  private TrainingRun() {}

  /** Trains in {@code ws} and writes the outputs to its output directory. */
  public static Result run(Workspace ws, LossOptions lossOptions, TrainOptions o) {
    LOG.info("Spark {} on {}; BLAS: {}", ws.sc().version(), ws.sc().master(), LinearBatch.blasName());
    ExecutorBlas executorBlas = checkExecutorBlas(ws);
    int batch = ws.batch(o.batch());
    ImageSchema schema = ws.schema();
    Weights w = Weights.gaussian(schema.classes(), schema.features(), o.initScale(),
        Seeds.derive(ws.data().seed(), INIT_STREAM));
    History history = new History();
    Progress progress = new Progress(o.iterations(), batch, o.printEvery());
    double[] lastLoss = {Double.NaN};
    Double[] lastValidation = {null};
    IterationPhases phases;
    int depth;
    try (SparkObjective objective = ws.objective(lossOptions, batch, o.aggregationDepth())) {
      depth = objective.aggregationDepth();
      LearningRate rate = new LearningRate(o.learningRate(), o.lrDecay(),
          objective.plan().iterationsPerEpoch());
      new GradientDescent(rate).minimise(objective, w, o.iterations(), (step, value, lr, weights) -> {
        long done = step + 1;
        Double val = null;
        if ((o.evalEvery() > 0 && done % o.evalEvery() == 0) || done == o.iterations()) {
          long evalStart = System.nanoTime();
          val = ws.validationAccuracy(weights);
          progress.exclude(System.nanoTime() - evalStart);
        }
        lastLoss[0] = value;
        lastValidation[0] = val;
        history.add(new History.Row(done, value, progress.trainingSeconds(), lr, val));
        progress.report(done, value, lr, val);
      });
      phases = objective.totalPhases();
    }
    double trainSeconds = progress.trainingSeconds();
    Map<String, Object> phaseMs = phaseMillis(phases, o.iterations());
    LOG.info("ms per iteration by phase: {}", phaseMs.entrySet().stream()
        .map(e -> e.getKey() + String.format(" %.2f", (double) e.getValue())).toList());

    double trainAccuracy = ws.trainAccuracy(w);
    Double valAccuracy = lastValidation[0]; // measured after the last step, never twice
    Double testAccuracy = ws.testAccuracy(w);
    Map<String, Object> options = options(ws, lossOptions, o, batch);
    LinearModel model = ws.model(w, lossOptions.loss(),
        Provenance.of(ws, "train", options));
    ws.out().write(LinearModel.FILE_NAME, model::writeTo);
    ws.out().writeText("history.csv", history.toCsv());
    ws.out().write("loss.png", s -> s.write(TrainingCharts.lossCurve(history)));
    ws.out().write("templates.png", s -> s.write(Pictures.templates(w, schema)));

    Map<String, Object> m = new LinkedHashMap<>();
    m.put("command", "train");
    m.put("loss", lossOptions.loss());
    m.put("train_accuracy", trainAccuracy);
    m.put("val_accuracy", valAccuracy);
    m.put("test_accuracy", testAccuracy);
    m.put("final_loss", lastLoss[0]);
    m.put("iterations", o.iterations());
    m.put("batch", batch);
    m.put("learning_rate", o.learningRate());
    m.put("lr_decay", o.lrDecay());
    m.put("reg", lossOptions.reg());
    m.put("seed", ws.data().seed());
    m.put("aggregation_depth", depth);
    m.put("seconds", trainSeconds);
    m.put("load_seconds", ws.loadSeconds());
    m.put("ms_per_iteration", 1000 * trainSeconds / o.iterations());
    m.put("examples_per_second", o.iterations() * (double) batch / trainSeconds);
    m.put("cached_bytes", ws.set().train().cachedBytes());
    m.put("cached_bytes_per_image", ws.set().train().cachedBytes() / (double) ws.trainCount());
    m.put("blas", LinearBatch.blasName());
    m.put("executor_blas", String.join(",", executorBlas.names()));
    m.put("phase_ms_per_iteration", phaseMs);
    m.put("weights_sha256", w.sha256());
    m.put("options", options);
    ws.writeMetrics(m);

    LOG.info("done: train accuracy {}, validation accuracy {}{}; {} ms/iteration; W sha256 {}",
        fmt(trainAccuracy), valAccuracy == null ? "none (--val 0)" : fmt(valAccuracy),
        testAccuracy == null ? "" : ", test accuracy " + fmt(testAccuracy),
        String.format("%.1f", 1000 * trainSeconds / o.iterations()), w.sha256());
    LOG.info("wrote {}/{model.bin, history.csv, metrics.json, loss.png, templates.png}",
        ws.out().path());
    return new Result(w, m);
  }

  /** Every option that shaped W, as the user would write it (provenance and metrics). */
  private static Map<String, Object> options(Workspace ws, LossOptions loss, TrainOptions o,
      int batch) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("loss", loss.loss());
    m.put("reg", loss.reg());
    if ("svm".equals(loss.loss())) {
      m.put("delta", loss.delta());
    }
    m.put("batch", batch);
    m.put("iters", o.iterations());
    m.put("lr", o.learningRate());
    m.put("lr-decay", o.lrDecay());
    m.put("init-scale", o.initScale());
    m.put("seed", ws.data().seed());
    m.put("val", ws.data().validation());
    m.put("partitions", ws.partitions());
    return m;
  }

  /**
   * Logs which BLAS the executors run (every GEMM of training runs there) and warns when they differ
   * from each other or from the driver's: the weights are then not bit-identical to a run elsewhere.
   */
  static ExecutorBlas checkExecutorBlas(Workspace ws) {
    ExecutorBlas blas = ws.executorBlas();
    String driver = LinearBatch.blasName();
    if (blas.allRun(driver)) {
      LOG.info("BLAS on the executors: {}", blas);
    } else {
      LOG.warn("BLAS differs: {} on the executors, {} on the driver. Each sums in its own order, so W "
          + "is not bit-identical to a run with another BLAS (install the same native BLAS everywhere, "
          + "or none)", blas, driver);
    }
    return blas;
  }

  /** Mean milliseconds per iteration of each phase of the distributed evaluation. */
  static Map<String, Object> phaseMillis(IterationPhases sums, long iterations) {
    Map<String, Object> ms = new LinkedHashMap<>();
    ms.put("broadcast", sums.broadcastNanos() / 1e6 / iterations);
    ms.put("compute", sums.computeNanos() / 1e6 / iterations);
    ms.put("aggregation", sums.aggregationNanos() / 1e6 / iterations);
    ms.put("driver", sums.driverNanos() / 1e6 / iterations);
    ms.put("scheduling", sums.schedulingNanos() / 1e6 / iterations);
    return ms;
  }

  private static String fmt(double accuracy) {
    return String.format("%.4f", accuracy);
  }
}
