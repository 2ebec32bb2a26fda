package dev.sparksvm.options;

import dev.sparksvm.core.Precision;
import dev.sparksvm.data.Cifar100;
import dev.sparksvm.data.DataFormat;
import dev.sparksvm.optim.UpdateRule;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Function;

/**
 * A training run's options as text, as the command line writes them: option name ({@code --batch})
 * to value ({@code 1024}), every option that has a value, in a fixed order. {@link #parse} reads
 * what {@link #of} wrote back to equal options, so a checkpoint can hold them and a resumed run can
 * take from it every option not given on its command line.
 */
public final class TrainArgs {
  /** Every name {@link #of} may write (and {@link #parse} reads). */
  public static final Set<String> NAMES =
      Set.of(
          "--data",
          "--test",
          "--val",
          "--partitions",
          "--seed",
          "--format",
          "--labels",
          "--loss",
          "--reg",
          "--delta",
          "--batch",
          "--iters",
          "--lr",
          "--lr-decay",
          "--init-scale",
          "--aggregation-depth",
          "--precision",
          "--update",
          "--momentum",
          "--eval-every",
          "--print-every",
          "--keep",
          "--stop-at",
          "--patience",
          "--checkpoint-every",
          "--resume",
          "--master",
          "--event-log",
          "--out",
          "--overwrite");

  private TrainArgs() {}

  /** Every option of {@code o} that has a value, as the command line writes it. */
  public static Map<String, String> of(TrainOptions o) {
    Map<String, String> a = new LinkedHashMap<>();
    DataOptions d = o.data();
    putIf(a, "--data", d.data());
    putIf(a, "--test", d.test());
    a.put("--val", Integer.toString(d.validation()));
    d.partitions().ifPresent(p -> a.put("--partitions", Integer.toString(p)));
    a.put("--seed", Long.toString(d.seed()));
    putIf(a, "--format", d.format() == null ? null : d.format().id());
    putIf(a, "--labels", d.labels() == null ? null : d.labels().id());
    a.put("--loss", o.loss().loss().label());
    a.put("--reg", Double.toString(o.loss().reg()));
    a.put("--delta", Double.toString(o.loss().delta()));
    DescentOptions s = o.descent();
    a.put("--batch", Integer.toString(s.batch()));
    a.put("--iters", Long.toString(s.iterations()));
    a.put("--lr", s.learningRate().text());
    a.put("--lr-decay", Double.toString(s.lrDecay()));
    a.put("--init-scale", Double.toString(s.initScale()));
    a.put("--aggregation-depth", s.aggregationDepth().toString());
    a.put("--precision", s.precision().label());
    a.put("--update", s.update().rule().label());
    a.put("--momentum", Double.toString(s.update().momentum()));
    a.put("--eval-every", Integer.toString(o.reporting().evalEvery()));
    a.put("--print-every", Integer.toString(o.reporting().printEvery()));
    a.put("--keep", o.stopping().keep().toString());
    o.stopping().stopAt().ifPresent(x -> a.put("--stop-at", Double.toString(x)));
    a.put("--patience", Integer.toString(o.stopping().patience()));
    o.checkpoints().every().ifPresent(n -> a.put("--checkpoint-every", Long.toString(n)));
    putIf(a, "--resume", o.checkpoints().resume());
    putIf(a, "--master", o.spark().master());
    putIf(a, "--event-log", o.spark().eventLog());
    putIf(a, "--out", o.output().dir());
    a.put("--overwrite", Boolean.toString(o.output().overwrite()));
    return a;
  }

  /**
   * The options {@code args} name; an option it lacks has {@code train}'s default (for its loss).
   *
   * @throws UsageException naming the option and the value for a name or a value that is not one
   */
  public static TrainOptions parse(Map<String, String> args) {
    for (String name : args.keySet()) {
      if (!NAMES.contains(name)) {
        throw new UsageException("unknown option '" + name + "'");
      }
    }
    Reader r = new Reader(args);
    LossKind kind = r.get("--loss", LossKind::named, LossKind.SVM);
    TrainOptions defaults = TrainOptions.defaults(kind);
    DataOptions d = defaults.data();
    DescentOptions s = defaults.descent();
    ReportingOptions p = defaults.reporting();
    StoppingOptions stop = defaults.stopping();
    return new TrainOptions(
        new DataOptions(
            r.get("--data", Function.identity(), null),
            r.get("--test", Function.identity(), null),
            r.get("--val", Integer::valueOf, d.validation()),
            r.has("--partitions")
                ? OptionalInt.of(r.get("--partitions", Integer::valueOf, 0))
                : OptionalInt.empty(),
            r.get("--seed", Long::valueOf, d.seed()),
            r.get("--format", DataFormat::named, null),
            r.get("--labels", Cifar100.Labels::named, null)),
        new LossOptions(
            kind,
            r.get("--reg", Double::valueOf, defaults.loss().reg()),
            r.get("--delta", Double::valueOf, defaults.loss().delta())),
        new DescentOptions(
            r.get("--batch", Integer::valueOf, s.batch()),
            r.get("--iters", Long::valueOf, s.iterations()),
            r.has("--lr") ? InitialRate.parse(args.get("--lr")) : s.learningRate(),
            r.get("--lr-decay", Double::valueOf, s.lrDecay()),
            r.get("--init-scale", Double::valueOf, s.initScale()),
            AggregationDepth.of(r.get("--aggregation-depth", Integer::valueOf, 0)),
            r.get("--precision", Precision::named, s.precision()),
            new UpdateOptions(
                r.get("--update", UpdateRule::named, s.update().rule()),
                r.get("--momentum", Double::valueOf, s.update().momentum()))),
        new ReportingOptions(
            r.get("--eval-every", Integer::valueOf, p.evalEvery()),
            r.get("--print-every", Integer::valueOf, p.printEvery())),
        new StoppingOptions(
            r.get(
                "--keep",
                v -> StoppingOptions.Keep.valueOf(v.toUpperCase(Locale.ROOT)),
                stop.keep()),
            r.has("--stop-at")
                ? OptionalDouble.of(r.get("--stop-at", Double::valueOf, 0.0))
                : OptionalDouble.empty(),
            r.get("--patience", Integer::valueOf, stop.patience())),
        new CheckpointOptions(
            r.has("--checkpoint-every")
                ? OptionalLong.of(r.get("--checkpoint-every", Long::valueOf, 0L))
                : OptionalLong.empty(),
            r.get("--resume", Function.identity(), null)),
        new SparkOptions(
            r.get("--master", Function.identity(), null),
            r.get("--event-log", Function.identity(), null)),
        new OutputOptions(
            r.get("--out", Function.identity(), null),
            r.get("--overwrite", TrainArgs::bool, false)));
  }

  private static void putIf(Map<String, String> a, String name, String value) {
    if (value != null) {
      a.put(name, value);
    }
  }

  private static Boolean bool(String v) {
    if (!v.equals("true") && !v.equals("false")) {
      throw new IllegalArgumentException(v);
    }
    return Boolean.valueOf(v);
  }

  /** Typed values of the map, each error naming the option and the value. */
  private record Reader(Map<String, String> args) {
    boolean has(String name) {
      return args.containsKey(name);
    }

    <T> T get(String name, Function<String, T> parse, T otherwise) {
      String text = args.get(name);
      if (text == null) {
        return otherwise;
      }
      T value;
      try {
        value = parse.apply(text);
      } catch (IllegalArgumentException e) { // NumberFormatException too
        value = null;
      }
      if (value == null) {
        throw new UsageException(name + " cannot be '" + text + "'");
      }
      return value;
    }
  }
}
