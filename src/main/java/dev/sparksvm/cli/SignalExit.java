package dev.sparksvm.cli;

import dev.sparksvm.io.OutputDirectory;
import dev.sparksvm.session.Signals;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * SIGTERM and Ctrl-C wherever a command is (loading, evaluating, tuning, writing; a training run's
 * steps have their own handler, which finishes the step and writes a checkpoint first): one line
 * saying what was kept, the unfinished outputs removed by their shutdown hooks, exit code 130. A
 * second signal ends the process at once.
 */
final class SignalExit {
  private static final AtomicReference<String> RECEIVED = new AtomicReference<>();

  private SignalExit() {}

  /** Handles SIGTERM and SIGINT for the rest of the process; {@code command} for the hint. */
  static void install(String command, PrintStream err) {
    for (String name : new String[] {"TERM", "INT"}) {
      try {
        Signals.handle(
            name,
            sig -> {
              if (!RECEIVED.compareAndSet(null, "SIG" + sig.name())) {
                Runtime.getRuntime().halt(ExitCodes.INTERRUPTED);
              }
              err.println("sparksvm: SIG" + sig.name() + ": stopped; " + kept(command));
              err.flush();
              // Exits from its own thread: the shutdown hooks (outputs, Spark) run meanwhile.
              Thread exit = new Thread(() -> System.exit(ExitCodes.INTERRUPTED), "sparksvm-exit");
              exit.start();
            });
      } catch (ReflectiveOperationException | RuntimeException e) {
        // No sun.misc.Signal here: the JVM's own handling stays (exit code 143 on SIGTERM).
      }
    }
  }

  /** Whether a signal is ending the process: the command's own failure is then not reported. */
  static boolean received() {
    return RECEIVED.get() != null;
  }

  /** What the stopped run leaves: nothing of its outputs, and any checkpoint with a resume hint. */
  static String kept(String command) {
    List<String> parts = new ArrayList<>();
    for (OutputDirectory.Unfinished out : OutputDirectory.unfinished()) {
      List<String> checkpoints =
          out.kept().stream().filter(n -> n.startsWith("checkpoint-")).toList();
      if (checkpoints.isEmpty()) {
        parts.add("nothing of this run is written to " + out.path());
      } else {
        parts.add(
            out.path()
                + " keeps "
                + String.join(", ", checkpoints)
                + ("train".equals(command) ? "; resume with: train --resume " + out.path() : ""));
      }
    }
    return parts.isEmpty() ? "nothing was written" : String.join("; ", parts);
  }
}
