package dev.sparksvm.options;

import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * A DataFrame source of {@code train}: its format and which columns hold what.
 *
 * @param format {@code libsvm}, {@code parquet} or {@code images}
 * @param features LIBSVM's feature count ({@code --features N}); empty: Spark counts them in a pass
 * @param featuresCols Parquet's features ({@code --features-col}): one vector or numeric-array
 *     column, or numeric columns put together in this order
 * @param labelCol Parquet's label column ({@code --label-col})
 */
public record FrameSource(
    InputFormat format, OptionalInt features, List<String> featuresCols, String labelCol) {
  /** Parquet's columns when none are named: spark.ml's own. */
  public static final List<String> DEFAULT_FEATURES = List.of("features");

  public static final String DEFAULT_LABEL = "label";

  public FrameSource {
    Objects.requireNonNull(format, "format");
    if (!format.frame()) {
      throw new IllegalArgumentException(format + " is not read as a DataFrame");
    }
    if (features.isPresent() && format != InputFormat.LIBSVM) {
      throw new UsageException(
          "--features applies to --format libsvm only, got --format " + format);
    }
    UsageException.require(
        features.orElse(1) >= 1, "--features", "an integer >= 1", features.orElse(0));
    featuresCols = List.copyOf(featuresCols);
    boolean columns = !featuresCols.equals(DEFAULT_FEATURES) || !labelCol.equals(DEFAULT_LABEL);
    if (columns && format != InputFormat.PARQUET) {
      throw new UsageException(
          "--features-col and --label-col apply to --format parquet only, got --format " + format);
    }
    UsageException.require(
        !featuresCols.isEmpty() && featuresCols.stream().noneMatch(String::isBlank),
        "--features-col",
        "one or more column names",
        featuresCols);
    UsageException.require(!labelCol.isBlank(), "--label-col", "a column name", labelCol);
  }

  /** {@code format} with spark.ml's column names and no feature count. */
  public static FrameSource of(InputFormat format) {
    return new FrameSource(format, OptionalInt.empty(), DEFAULT_FEATURES, DEFAULT_LABEL);
  }

  public FrameSource withFeatures(OptionalInt value) {
    return new FrameSource(format, value, featuresCols, labelCol);
  }

  public FrameSource withColumns(List<String> features, String label) {
    return new FrameSource(format, this.features, features, label);
  }

  /** Whether the features come from several columns put together. */
  public boolean assembled() {
    return featuresCols.size() > 1;
  }
}
