package dev.sparksvm.measure;

import dev.sparksvm.data.SyntheticSet;
import dev.sparksvm.input.ImageFiles;
import dev.sparksvm.io.FreeSpace;
import dev.sparksvm.io.OutputDirectory;
import dev.sparksvm.options.GenerateOptions;
import dev.sparksvm.report.Json;
import dev.sparksvm.session.Session;
import dev.sparksvm.spark.SyntheticFiles;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaSparkContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code generate}: a synthetic image set written in parallel by Spark ({@link SyntheticFiles}, one
 * task per file) into an output directory, committed as a whole ({@link OutputDirectory}), with the
 * class names beside it and a manifest ({@value #MANIFEST}) that says what was generated; then read
 * back through the checks every reader runs, so a set that cannot be trained on is never reported
 * written.
 */
public final class GenerateRun {
  private static final Logger LOG = LoggerFactory.getLogger(GenerateRun.class);

  /** What a generated directory holds besides its data: the parameters that made it. */
  public static final String MANIFEST = "synthetic.json";

  private GenerateRun() {}

  /**
   * Checks {@code --out} before Spark starts, then generates; returns what {@link #write} returns.
   */
  public static Map<String, Object> run(GenerateOptions o) {
    SyntheticSet set = o.set();
    try (Session<SyntheticSet> s =
        Session.prepare("generate", o.spark(), o.output(), conf -> set)) {
      requireRoom(s.out(), s.conf(), set);
      JavaSparkContext sc = s.start("sparksvm generate " + set.images() + " images");
      return write(sc, s.conf(), set, s.out());
    }
  }

  /** The set's bytes (and its class names and manifest) against the free space of {@code out}. */
  private static void requireRoom(OutputDirectory out, Configuration conf, SyntheticSet set) {
    try {
      FreeSpace.require(
          out.path().getFileSystem(conf),
          out.path(),
          set.bytes() + (64 << 10),
          "--out " + out.path(),
          String.format(Locale.ROOT, "%,d images", set.images()));
    } catch (IOException e) {
      throw new UncheckedIOException("--out " + out.path() + ": " + e.getMessage(), e);
    }
  }

  /**
   * Writes {@code set} into {@code out} (on the file system of {@code conf}), commits it and reads
   * it back: the manifest's fields plus {@code seconds} and {@code mb_per_second}.
   */
  public static Map<String, Object> write(
      JavaSparkContext sc, Configuration conf, SyntheticSet set, OutputDirectory out) {
    long start = System.nanoTime();
    for (String name : SyntheticFiles.write(sc, set, out.stagingFolder())) {
      out.adopt(name);
    }
    if (set.namesFile() != null) {
      out.writeText(set.namesFile(), set.namesText());
    }
    out.writeText(MANIFEST, manifest(set));
    out.finish(true);
    double seconds = (System.nanoTime() - start) / 1e9;
    ImageFiles files = read(set, out.path().toString(), conf);
    if (files.totalRecords() != set.images() || files.schema().classes() != set.classes()) {
      throw new IllegalStateException(
          "wrote "
              + set.images()
              + " images of "
              + set.classes()
              + " classes, read back "
              + files.description());
    }
    Map<String, Object> m = new LinkedHashMap<>(fields(set));
    m.put("seconds", seconds);
    m.put("mb_per_second", set.bytes() / 1e6 / seconds);
    LOG.info(
        "wrote {} ({} MB) to {} in {} s ({} MB/s)",
        files.description(),
        String.format(Locale.ROOT, "%.1f", set.bytes() / 1e6),
        out.path(),
        String.format(Locale.ROOT, "%.2f", seconds),
        String.format(Locale.ROOT, "%.0f", set.bytes() / 1e6 / seconds));
    return m;
  }

  /**
   * The set in {@code dir}: the one already there when its manifest says it is exactly {@code set}
   * (generating a million images takes a while; a sweep run twice reuses them), else written anew,
   * replacing whatever {@code dir} held.
   */
  public static ImageFiles ensure(
      JavaSparkContext sc, Configuration conf, SyntheticSet set, String dir) {
    if (manifest(set).equals(existingManifest(dir, conf))) {
      ImageFiles files = read(set, dir, conf);
      if (files.totalRecords() == set.images()) {
        LOG.info("reusing {} in {} (its {} matches)", files.description(), dir, MANIFEST);
        return files;
      }
    }
    try (OutputDirectory out = OutputDirectory.prepare(dir, true, conf)) {
      write(sc, conf, set, out);
    }
    return read(set, dir, conf);
  }

  /** The manifest of {@code set}: every parameter that decides its bytes. */
  public static String manifest(SyntheticSet set) {
    return Json.write(fields(set));
  }

  private static Map<String, Object> fields(SyntheticSet set) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("generator", "sparksvm SyntheticSet");
    m.put("format", set.format().id());
    m.put("images", set.images());
    m.put("classes", set.classes());
    m.put("image_shape", set.shape().toString());
    m.put("per_file", set.perFile());
    m.put("files", set.files());
    m.put("bytes", set.bytes());
    m.put("seed", set.seed());
    m.put("contrast", SyntheticSet.CONTRAST);
    m.put("brightness_sd", SyntheticSet.BRIGHTNESS);
    m.put("noise_sd", SyntheticSet.NOISE);
    return m;
  }

  private static ImageFiles read(SyntheticSet set, String dir, Configuration conf) {
    return ImageFiles.resolve(
        dir, new ImageFiles.Request(set.format(), null, ImageFiles.Which.TRAINING), conf);
  }

  private static String existingManifest(String dir, Configuration conf) {
    Path path = new Path(dir, MANIFEST);
    try (InputStream in = path.getFileSystem(conf).open(path)) {
      return new String(in.readNBytes(1 << 16), StandardCharsets.UTF_8);
    } catch (FileNotFoundException e) {
      return null;
    } catch (IOException e) {
      throw new UncheckedIOException(path + ": " + e.getMessage(), e);
    }
  }
}
