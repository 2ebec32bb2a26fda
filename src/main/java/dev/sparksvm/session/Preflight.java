package dev.sparksvm.session;

import dev.sparksvm.data.ImageSchema;
import dev.sparksvm.io.FreeSpace;
import dev.sparksvm.io.InputOverlap;
import dev.sparksvm.io.OutputDirectory;
import dev.sparksvm.options.BatchSize;
import dev.sparksvm.options.DataOptions;
import dev.sparksvm.options.Inputs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.ToLongFunction;

/**
 * What a run that trains on a cached set checks before Spark starts, beyond its data and {@code
 * --out}: the other paths it reads (kept apart from {@code --out}), its batch against the number of
 * training images the files hold, and the bytes it will write into {@code --out} against the space
 * free there. Each refusal is one line naming the option, so a mistake costs no start-up and no
 * loading.
 *
 * @param reads paths the run reads besides {@code --data} and {@code --test} (e.g. {@code
 *     --resume})
 * @param batch the batch of every step, or null when the run has none
 * @param what what {@code bytes} are, for the message (e.g. "the checkpoints and the model")
 * @param bytes the bytes the run writes into {@code --out}, from the data's schema; null: unknown
 * @param inputs a check of the resolved inputs (e.g. against a checkpoint), or null
 */
public record Preflight(
    List<InputOverlap.Input> reads,
    BatchSize batch,
    String what,
    ToLongFunction<ImageSchema> bytes,
    Consumer<Inputs> inputs) {
  public Preflight {
    reads = List.copyOf(reads);
  }

  /** Nothing beyond the data and {@code --out}. */
  public static Preflight none() {
    return new Preflight(List.of(), null, null, null, null);
  }

  /** Also keeps {@code --out} apart from {@code input}. */
  public Preflight withRead(InputOverlap.Input input) {
    List<InputOverlap.Input> more = new ArrayList<>(reads);
    more.add(Objects.requireNonNull(input));
    return new Preflight(more, batch, what, bytes, inputs);
  }

  /** Also checks {@code value} against the training images. */
  public Preflight withBatch(BatchSize value) {
    return new Preflight(reads, value, what, bytes, inputs);
  }

  /** Also checks that {@code --out} has room for {@code value} bytes of {@code description}. */
  public Preflight withOutputBytes(String description, ToLongFunction<ImageSchema> value) {
    return new Preflight(reads, batch, description, value, inputs);
  }

  /** Also runs {@code check} on the resolved inputs. */
  public Preflight withInputsCheck(Consumer<Inputs> check) {
    return new Preflight(reads, batch, what, bytes, check);
  }

  /**
   * Every path the run reads: the training data (the path given, or the default it resolved to),
   * the test data, and {@link #reads}.
   */
  public List<InputOverlap.Input> readsOf(Inputs inputs, DataOptions data) {
    List<InputOverlap.Input> all = new ArrayList<>();
    all.add(InputOverlap.Input.of("--data", inputs.dataLabel()));
    all.add(InputOverlap.Input.of("--test", data.test()));
    all.addAll(reads);
    return all;
  }

  /**
   * The batch against the training images (the records less {@code --val}) and the bytes against
   * {@code --out}'s free space, where its file system reports it.
   *
   * @throws dev.sparksvm.options.UsageException naming {@code --batch}
   * @throws dev.sparksvm.io.OutputException naming {@code --out} and both sizes
   */
  void check(Session<Inputs> session, DataOptions data) {
    Inputs resolved = session.inputs();
    if (inputs != null) {
      inputs.accept(resolved);
    }
    if (batch != null) {
      batch.resolve(resolved.data().totalRecords() - data.validation());
    }
    OutputDirectory out = session.out();
    if (bytes != null && out != null) {
      try {
        FreeSpace.require(
            out.path().getFileSystem(session.conf()),
            out.path(),
            bytes.applyAsLong(resolved.data().schema()),
            "--out " + out.path(),
            what);
      } catch (IOException e) {
        throw new UncheckedIOException("--out " + out.path() + ": " + e.getMessage(), e);
      }
    }
  }
}
