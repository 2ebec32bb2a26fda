package dev.sparksvm.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;

/** {@code train} with command-line options on an existing context, for tests in other packages. */
public final class TrainCommandRunner {
  private TrainCommandRunner() {}

  /**
   * Trains as {@code train --data DATA --out OUT OPTIONS...} would and returns metrics.json's content.
   *
   * @param data the {@code --data} value, or null for the default location
   */
  public static Map<String, Object> train(JavaSparkContext sc, String data, String out,
      String... options) {
    List<String> argv = new ArrayList<>(List.of("train", "--out", out));
    if (data != null) {
      argv.addAll(List.of("--data", data));
    }
    argv.addAll(Arrays.asList(options));
    TrainOptions o = TrainOptions.from(Args.parse("train", argv.toArray(String[]::new), 1,
        TrainOptions.VALUED, Main.FLAGS));
    return TrainCommand.train(sc, o, TrainCommand.Inputs.resolve(o, sc.hadoopConfiguration()))
        .metrics();
  }
}
