package dev.sparksvm.train;

import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * SIGTERM and Ctrl-C (SIGINT) during training: the first asks the run to stop after the current step
 * (it then writes a checkpoint and exits with 130); a second does what the signal always does.
 * Installed for the length of the descent only.
 */
final class StopSignal implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(StopSignal.class);
  private final AtomicReference<String> received = new AtomicReference<>();
  private final SignalHandler[] previous = new SignalHandler[2];
  private final Signal[] signals = {new Signal("TERM"), new Signal("INT")};

  StopSignal() {
    for (int i = 0; i < signals.length; i++) {
      int index = i;
      try {
        previous[i] = Signal.handle(signals[i], sig -> {
          if (received.compareAndSet(null, "SIG" + sig.getName())) {
            LOG.warn("SIG{}: stopping after this step to write a checkpoint (again to stop now)",
                sig.getName());
          } else if (previous[index] != null && previous[index] != SignalHandler.SIG_IGN) {
            previous[index].handle(sig);
          } else {
            Runtime.getRuntime().halt(128 + sig.getNumber());
          }
        });
      } catch (IllegalArgumentException e) {
        // The JVM reserves this signal here (e.g. -Xrs): leave it as it is.
      }
    }
  }

  /** The signal received (e.g. {@code SIGTERM}), or null. */
  String received() {
    return received.get();
  }

  @Override
  public void close() {
    for (int i = 0; i < signals.length; i++) {
      if (previous[i] != null) {
        Signal.handle(signals[i], previous[i]);
      }
    }
  }
}
