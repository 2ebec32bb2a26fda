package dev.sparksvm.cli;

import dev.sparksvm.options.FrameSource;
import dev.sparksvm.options.UsageException;
import java.util.List;
import java.util.OptionalInt;
import picocli.CommandLine.Option;

/** Which columns of a DataFrame source hold what: a mixin of train alone. */
final class FrameColumns {
  @Option(
      names = "--features",
      paramLabel = "N",
      description =
          "--format libsvm: the feature count (default: the largest index, found in a pass"
              + " over the file; a --test file with a smaller one is widened to the model's).")
  Integer features;

  @Option(
      names = "--features-col",
      paramLabel = "COL[,COL...]",
      split = ",",
      description =
          "--format parquet: a vector or numeric-array column, or numeric columns put together"
              + " in order (default features).")
  List<String> featuresCols;

  @Option(
      names = "--label-col",
      paramLabel = "COL",
      description = "--format parquet: the label column, class indices 0..C-1 (default label).")
  String labelCol;

  /** The source of {@code data}, or null when it is not a DataFrame format. */
  FrameSource source(Mixins.Data data) {
    if (!data.frame()) {
      if (features != null || featuresCols != null || labelCol != null) {
        throw new UsageException(
            "--features, --features-col and --label-col apply to --format libsvm and parquet"
                + " only");
      }
      return null;
    }
    return FrameSource.of(data.format)
        .withFeatures(features == null ? OptionalInt.empty() : OptionalInt.of(features))
        .withColumns(
            featuresCols == null ? FrameSource.DEFAULT_FEATURES : featuresCols,
            labelCol == null ? FrameSource.DEFAULT_LABEL : labelCol);
  }
}
