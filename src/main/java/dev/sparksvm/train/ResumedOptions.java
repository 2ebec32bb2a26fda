package dev.sparksvm.train;

import dev.sparksvm.core.Precision;
import dev.sparksvm.data.ImageSchema;
import dev.sparksvm.optim.UpdateRule;
import dev.sparksvm.options.TrainArgs;
import dev.sparksvm.options.TrainOptions;
import dev.sparksvm.options.UsageException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code train --resume DIR}: the options of the run a checkpoint continues, so that {@code
 * --resume DIR} alone resumes. Every option not given on the command line is the checkpoint's (its
 * data included; {@code --partitions} is the count the run used, so another master's core count
 * does not matter); an option given that would change W's trajectory (one in the checkpoint's
 * fingerprint) is refused, and any other given option is taken ({@code --iters} to extend the run,
 * {@code --eval-every}, {@code --print-every}, the early-stopping options, {@code
 * --checkpoint-every}, {@code --test}). Where the run runs and writes ({@code --master}, {@code
 * --event-log}, {@code --out}, which defaults to DIR) is never restored. All of it is decided from
 * the checkpoint alone, before Spark starts: a refused resume costs no start-up and no loading.
 */
final class ResumedOptions {
  /** Options that say where a run runs and writes, not what it computes: never restored. */
  private static final Set<String> PLACE =
      Set.of("--resume", "--out", "--overwrite", "--master", "--event-log");

  private static final Logger LOG = LoggerFactory.getLogger(ResumedOptions.class);

  private ResumedOptions() {}

  /**
   * {@code commandLine}'s options where {@code given}, the checkpoint's elsewhere.
   *
   * @param given the names of the options given on the command line ({@link TrainArgs#NAMES} for a
   *     caller that sets every option itself: nothing is restored, everything is checked)
   * @throws UsageException naming the option that would change the trajectory, or {@code --iters}
   *     fewer than the steps already taken
   */
  static TrainOptions restore(TrainOptions commandLine, Set<String> given, Checkpoint c) {
    String dir = commandLine.checkpoints().resume();
    Map<String, String> now = TrainArgs.of(commandLine);
    Map<String, String> merged = new LinkedHashMap<>(now);
    List<String> restored = new ArrayList<>();
    // In the order the run wrote them, then the fingerprint's, then the rest: one readable line.
    Set<String> names = new LinkedHashSet<>(c.options().keySet());
    names.addAll(c.fingerprint().keySet());
    names.addAll(new TreeSet<>(TrainArgs.NAMES));
    for (String name : names) {
      if (!TrainArgs.NAMES.contains(name) || given.contains(name) || PLACE.contains(name)) {
        continue;
      }
      String then = then(c, name);
      if (then != null) {
        merged.put(name, then);
        restored.add(name + " " + then);
      } else if (!c.options().isEmpty()) {
        merged.remove(name); // the run had none: its default, not this command line's
      }
    }
    TrainOptions o = TrainArgs.parse(merged);
    String difference = firstDifference(c, o);
    if (difference != null) {
      throw new UsageException(
          "--resume "
              + dir
              + ": cannot continue that run with these options or data: "
              + difference
              + " (leave it out to keep the run's)");
    }
    if (c.step() > o.descent().iterations()) {
      throw new UsageException(
          "--iters "
              + o.descent().iterations()
              + " is fewer than the "
              + c.step()
              + " steps the checkpoint in "
              + dir
              + " has taken");
    }
    if (!restored.isEmpty()) {
      LOG.info(
          "--resume {}: restored from its checkpoint at step {}: {}",
          dir,
          c.step(),
          String.join(" ", restored));
    }
    return o;
  }

  /** The checkpoint's value of {@code name}: its options, else its fingerprint, else null. */
  private static String then(Checkpoint c, String name) {
    String stored = c.options().get(name);
    if (name.equals("--partitions") || stored == null) {
      // The partitions used, which the fingerprint holds even when the count was chosen for it.
      String fingerprinted = c.fingerprint().get(name);
      return fingerprinted != null ? fingerprinted : stored;
    }
    return stored;
  }

  /**
   * The first option of the trajectory (the fingerprint's options, and the partitions when {@code
   * o} names them) in which {@code o} differs from the checkpoint, as a sentence, or null.
   */
  private static String firstDifference(Checkpoint c, TrainOptions o) {
    Map<String, String> now = new LinkedHashMap<>(RunOptions.trajectory(o));
    o.data().partitions().ifPresent(p -> now.put("--partitions", Integer.toString(p)));
    Map<String, String> then = new LinkedHashMap<>();
    for (Map.Entry<String, String> e : c.fingerprint().entrySet()) {
      String name = e.getKey();
      if (name.startsWith("--") && (!name.equals("--partitions") || now.containsKey(name))) {
        then.put(name, e.getValue());
      }
    }
    // The fingerprint leaves double precision and the vanilla update out: say them rather than
    // "not set".
    now.putIfAbsent("--precision", Precision.DOUBLE.label());
    then.putIfAbsent("--precision", Precision.DOUBLE.label());
    now.putIfAbsent("--update", UpdateRule.SGD.label());
    then.putIfAbsent("--update", UpdateRule.SGD.label());
    Set<String> names = new LinkedHashSet<>(then.keySet());
    names.addAll(now.keySet());
    for (String name : names) {
      String was = then.get(name);
      String is = now.get(name);
      if (!Objects.equals(was, is)) {
        return name
            + " was "
            + (was == null ? "not set" : was)
            + " when the checkpoint was written, and is "
            + (is == null ? "not set" : is)
            + " now";
      }
    }
    return null;
  }

  /**
   * The data against the checkpoint's, before Spark starts: the classes, the features, and each
   * file by name and record count (its checksum is compared once Spark has computed it).
   *
   * @throws UsageException naming the first difference
   */
  static void checkData(
      Checkpoint c, String dir, ImageSchema schema, Map<String, Long> recordsByFile) {
    Map<String, String> now = new LinkedHashMap<>();
    now.put("classes", Integer.toString(schema.classes()));
    now.put("features", Integer.toString(schema.features()));
    int i = 1;
    for (Map.Entry<String, Long> file : recordsByFile.entrySet()) {
      now.put(
          "data file " + i++,
          new org.apache.hadoop.fs.Path(file.getKey()).getName() + " records=" + file.getValue());
    }
    Map<String, String> then = new LinkedHashMap<>();
    for (Map.Entry<String, String> e : c.fingerprint().entrySet()) {
      String name = e.getKey();
      if (name.equals("classes") || name.equals("features") || name.startsWith("data file ")) {
        int crc = e.getValue().indexOf(" crc32c=");
        then.put(name, crc < 0 ? e.getValue() : e.getValue().substring(0, crc));
      }
    }
    Set<String> names = new LinkedHashSet<>(then.keySet());
    names.addAll(now.keySet());
    for (String name : names) {
      String was = then.get(name);
      String is = now.get(name);
      if (!Objects.equals(was, is)) {
        throw new UsageException(
            "--resume "
                + dir
                + ": cannot continue that run with this data: "
                + name
                + " was "
                + (was == null ? "absent" : was)
                + " when the checkpoint was written, and is "
                + (is == null ? "absent" : is)
                + " now");
      }
    }
  }
}
