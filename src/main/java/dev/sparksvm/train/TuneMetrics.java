package dev.sparksvm.train;

import dev.sparksvm.options.TuneOptions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code metrics.json} says of a {@code tune} run, under the keys users and tests read, in
 * this order ({@link #toMap}); the workspace adds what it says of every run's data and Spark.
 *
 * @param options the run's options
 * @param outcomes every model's outcome, in the order of the candidates
 * @param best the index of the model kept
 * @param testAccuracy the kept model's accuracy on {@code --test}, or null
 * @param batch the global batch
 * @param seconds of training (validation excluded)
 * @param sparkJobs jobs run by the descent and its evaluations
 * @param weightsSha256 SHA-256 of the kept model's W
 * @param shaping every option that shaped the kept model ({@link RunOptions#shaping}, as {@code
 *     train} writes it)
 */
record TuneMetrics(
    TuneOptions options,
    List<TuneOutcome> outcomes,
    int best,
    Double testAccuracy,
    int batch,
    double seconds,
    long sparkJobs,
    String weightsSha256,
    Map<String, Object> shaping) {

  /** The keys and values of {@code metrics.json}, in their order. */
  Map<String, Object> toMap() {
    TuneOutcome kept = outcomes.get(best);
    long iterations = options.train().descent().iterations();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("command", "tune");
    m.put("loss", options.train().loss().loss().label());
    m.put("models", outcomes.size());
    m.put("diverged", outcomes.stream().filter(TuneOutcome::diverged).count());
    m.put("learning_rate", kept.candidate().learningRate());
    m.put("reg", kept.candidate().reg());
    m.put("train_accuracy", kept.trainAccuracy());
    m.put("val_accuracy", kept.valAccuracy());
    m.put("test_accuracy", testAccuracy);
    m.put("final_loss", kept.finalLoss());
    m.put("iterations", iterations);
    m.put("batch", batch);
    m.put("precision", options.train().descent().precision().label());
    m.put("update", options.train().descent().update().rule().label());
    if (options.train().descent().update().hasVelocity()) {
      m.put("momentum", options.train().descent().update().momentum());
    }
    m.put("seconds", seconds);
    m.put("ms_per_step", 1000 * seconds / iterations);
    m.put("spark_jobs", sparkJobs);
    m.put("weights_sha256", weightsSha256);
    m.put("options", shaping);
    List<Object> table = new ArrayList<>();
    for (TuneOutcome r : outcomes) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("learning_rate", r.candidate().learningRate());
      row.put("reg", r.candidate().reg());
      row.put("val_accuracy", r.valAccuracy());
      row.put("train_accuracy", r.trainAccuracy());
      row.put("diverged", r.diverged());
      table.add(row);
    }
    m.put("results", table);
    return m;
  }
}
