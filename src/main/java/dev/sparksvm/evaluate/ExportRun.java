package dev.sparksvm.evaluate;

import dev.sparksvm.data.InvalidDataException;
import dev.sparksvm.io.InputOverlap;
import dev.sparksvm.io.OutputDirectory;
import dev.sparksvm.model.LinearModel;
import dev.sparksvm.model.Npy;
import dev.sparksvm.options.OutputOptions;
import dev.sparksvm.spark.SparkContexts;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.apache.hadoop.conf.Configuration;

/**
 * {@code export}: a saved model as files other tools read, without Spark. Format {@code npy} writes
 * what a CS231n notebook loads with {@code numpy.load}: {@value #WEIGHTS} (float64, shape (C, D), C
 * order: row c is class c's template, column D-1 the bias), {@value #MEAN} (float64, shape (D-1,))
 * and {@value #CLASSES} (one class name per line, class 0 first).
 */
public final class ExportRun {
  /** The formats {@code --format} takes. */
  public enum Format {
    /** NumPy's {@code .npy} files and a text file of class names. */
    NPY;

    /** The name on the command line. */
    @Override
    public String toString() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** W, C x D. */
  public static final String WEIGHTS = "W.npy";

  /** The per-pixel training mean. */
  public static final String MEAN = "mean.npy";

  /** The class names. */
  public static final String CLASSES = "classes.txt";

  /**
   * The options of {@code export}.
   *
   * @param model a model directory (as written by train --out) or its model.bin
   * @param format the files written
   * @param output the output directory (any Hadoop file system; {@code runs/export-TIMESTAMP}
   *     unless given)
   */
  public record Options(String model, Format format, OutputOptions output) {
    public Options {
      Objects.requireNonNull(model, "model");
      Objects.requireNonNull(format, "format");
      Objects.requireNonNull(output, "output");
    }
  }

  private ExportRun() {}

  /**
   * Reads the model, then writes its files; they appear in {@code out} together, and a failure
   * leaves none of them behind.
   *
   * @return the model that was exported
   */
  public static LinearModel run(Options o) {
    Configuration conf = SparkContexts.hadoopConfiguration();
    LinearModel model = LinearModel.load(o.model(), conf);
    try (OutputDirectory out =
        OutputDirectory.prepare(
            o.output().dirOrDefault("export"),
            o.output().overwrite(),
            conf,
            List.of(InputOverlap.Input.of("--model", o.model())))) {
      write(model, o.model(), out);
      out.finish(true);
    }
    return model;
  }

  /** Stages the {@code npy} files of {@code model} (read from {@code source}) in {@code out}. */
  static void write(LinearModel model, String source, OutputDirectory out) {
    for (String name : model.classNames()) {
      if (name.contains("\n") || name.contains("\r")) {
        throw new InvalidDataException(
            source
                + ": class name '"
                + name.strip()
                + "' holds a line "
                + "break, which "
                + CLASSES
                + " (one name per line) cannot hold");
      }
    }
    int classes = model.weights().classes();
    int features = model.weights().features();
    // W is stored row-major C x D, which is NumPy's C order for shape (C, D): written as it is.
    out.write(WEIGHTS, s -> Npy.writeMatrix(s, classes, features, model.weights().values()));
    out.write(MEAN, s -> Npy.writeVector(s, model.mean()));
    out.writeText(CLASSES, String.join("\n", model.classNames()) + "\n");
  }
}
