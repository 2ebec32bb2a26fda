package dev.sparksvm.session;

import dev.sparksvm.core.LinearBatch;
import dev.sparksvm.options.Inputs;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How a model was made, as Tribuo's models carry it: every option that shaped the run, the data
 * files with their record counts and CRC-32C checksums, the sparksvm, Spark, Java and BLAS
 * versions, and the date. Stored in the model file as ordered key/value pairs; {@code evaluate}
 * prints it.
 */
public final class Provenance {
  private Provenance() {}

  /**
   * The provenance of a model made by {@code command} with {@code options} (name to value, as the
   * user would write them) from the workspace's data.
   */
  public static Map<String, String> of(Workspace ws, String command, Map<String, Object> options) {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("created", OffsetDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ISO_INSTANT));
    p.put("sparksvm", Version.get());
    p.put("command", command);
    options.forEach((name, value) -> p.put("option." + name, String.valueOf(value)));
    Inputs inputs = ws.session().inputs();
    p.put("data", inputs.dataLabel() + (inputs.synthetic() ? " (synthetic)" : ""));
    p.put("data.format", inputs.data().description());
    p.put(
        "data.images",
        ws.set().train().count()
            + " training, "
            + ws.set().validation().count()
            + " validation (held out by seed "
            + ws.data().seed()
            + ")");
    int i = 1;
    for (Map.Entry<String, String> f : ws.dataFiles().entrySet()) {
      p.put("data.file." + i++, f.getKey() + " " + f.getValue());
    }
    p.put("spark", ws.session().sparkVersion() + " on " + ws.session().master());
    p.put(
        "java",
        System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")");
    p.put(
        "blas",
        "driver "
            + LinearBatch.blasName()
            + ", executors "
            + String.join(",", ws.executorBlas().names()));
    return p;
  }
}
