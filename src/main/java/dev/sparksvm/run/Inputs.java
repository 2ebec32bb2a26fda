package dev.sparksvm.run;

import dev.sparksvm.data.Cifar10;
import dev.sparksvm.spark.CifarFiles;
import org.apache.hadoop.conf.Configuration;

/**
 * The checked input files of a run: the one place {@code --data} (or the built-in default) and {@code
 * --test} are resolved, before Spark starts, so a typo costs no start-up time.
 *
 * @param data training files
 * @param test test files, or null
 * @param synthetic whether the training files are the generated stand-in
 * @param dataLabel what to call the training data in reports (the path given or defaulted to)
 */
public record Inputs(CifarFiles data, CifarFiles test, boolean synthetic, String dataLabel) {

  /** Resolves and checks {@code --data} and {@code --test}. */
  public static Inputs resolve(DataOptions options, Configuration conf) {
    DataLocation location = DataLocation.resolve(options.data(), options.seed());
    CifarFiles files = CifarFiles.resolve(location.path(), conf, Cifar10.TRAIN_PATTERN);
    CifarFiles test = options.test() == null ? null
        : CifarFiles.resolve(options.test(), conf, Cifar10.TEST_FILE);
    return new Inputs(files, test, location.synthetic(), location.path());
  }
}
