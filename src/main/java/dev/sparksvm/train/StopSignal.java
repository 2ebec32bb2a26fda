package dev.sparksvm.train;

import dev.sparksvm.session.Signals;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SIGTERM and Ctrl-C (SIGINT) during training: the first asks the run to stop after the current
 * step (it then writes a checkpoint and exits with 130); a second goes to the handler this one
 * replaced (the command line's, which ends the process with one line and exit code 130). Installed
 * for the length of the descent only.
 */
final class StopSignal implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(StopSignal.class);
  private static final String[] NAMES = {"TERM", "INT"};
  private final AtomicReference<String> received = new AtomicReference<>();
  private final List<Signals.Installed> installed = new ArrayList<>();

  StopSignal() {
    for (String name : NAMES) {
      try {
        Signals.Installed handler =
            Signals.handle(
                name,
                sig -> {
                  if (received.compareAndSet(null, "SIG" + sig.name())) {
                    LOG.warn(
                        "SIG{}: stopping after this step to write a checkpoint (again to stop now)",
                        sig.name());
                  } else {
                    sig.passOn();
                  }
                });
        if (handler != null) {
          installed.add(handler);
        }
      } catch (ReflectiveOperationException | RuntimeException e) {
        LOG.warn("cannot handle SIG{} on this JVM ({}); it stops the run at once", name, e);
      }
    }
  }

  /** The signal received (e.g. {@code SIGTERM}), or null. */
  String received() {
    return received.get();
  }

  @Override
  public void close() {
    for (Signals.Installed handler : installed) {
      try {
        handler.restore();
      } catch (IllegalStateException e) {
        LOG.warn("cannot restore a signal handler: {}", e.toString());
      }
    }
  }
}
