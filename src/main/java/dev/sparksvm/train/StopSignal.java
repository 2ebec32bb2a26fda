package dev.sparksvm.train;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SIGTERM and Ctrl-C (SIGINT) during training: the first asks the run to stop after the current
 * step (it then writes a checkpoint and exits with 130); a second does what the signal always does.
 * Installed for the length of the descent only.
 *
 * <p>{@code sun.misc.Signal} is the JDK's only way to handle a signal and go on (Spark's {@code
 * SignalUtils} uses it too). It is reached by reflection because javac's warning about the
 * JDK-internal API cannot be suppressed, and the build treats warnings as errors.
 */
final class StopSignal implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(StopSignal.class);
  private static final String[] NAMES = {"TERM", "INT"};
  private final AtomicReference<String> received = new AtomicReference<>();
  private final Object[] previous = new Object[NAMES.length];
  private final Object[] signals = new Object[NAMES.length];

  StopSignal() {
    for (int i = 0; i < NAMES.length; i++) {
      int index = i;
      try {
        signals[i] = Jdk.SIGNAL.getConstructor(String.class).newInstance(NAMES[i]);
        Object handler =
            Jdk.handler(
                sig -> {
                  String name = Jdk.name(sig);
                  if (received.compareAndSet(null, "SIG" + name)) {
                    LOG.warn(
                        "SIG{}: stopping after this step to write a checkpoint (again to stop now)",
                        name);
                  } else if (previous[index] != null && previous[index] != Jdk.IGNORE) {
                    Jdk.call(previous[index], sig);
                  } else {
                    Runtime.getRuntime().halt(128 + Jdk.number(sig));
                  }
                });
        previous[i] = Jdk.HANDLE.invoke(null, signals[i], handler);
      } catch (InvocationTargetException e) {
        // The JVM reserves this signal here (e.g. -Xrs): leave it as it is.
      } catch (ReflectiveOperationException e) {
        LOG.warn(
            "cannot handle SIG{} on this JVM ({}); it stops the run at once",
            NAMES[i],
            e.toString());
      }
    }
  }

  /** The signal received (e.g. {@code SIGTERM}), or null. */
  String received() {
    return received.get();
  }

  @Override
  public void close() {
    for (int i = 0; i < NAMES.length; i++) {
      if (previous[i] != null) {
        try {
          Jdk.HANDLE.invoke(null, signals[i], previous[i]);
        } catch (ReflectiveOperationException e) {
          LOG.warn("cannot restore the handler of SIG{}: {}", NAMES[i], e.toString());
        }
      }
    }
  }

  /** {@code sun.misc.Signal} and {@code sun.misc.SignalHandler}, by reflection. */
  private static final class Jdk {
    static final Class<?> SIGNAL = load("sun.misc.Signal");
    static final Class<?> HANDLER = load("sun.misc.SignalHandler");
    static final Method HANDLE = method(SIGNAL, "handle", SIGNAL, HANDLER);
    static final Method CALL = method(HANDLER, "handle", SIGNAL);
    static final Object IGNORE = field(HANDLER, "SIG_IGN");

    /** A {@code SignalHandler} that passes the signal to {@code action}. */
    static Object handler(java.util.function.Consumer<Object> action) {
      return Proxy.newProxyInstance(
          HANDLER.getClassLoader(),
          new Class<?>[] {HANDLER},
          (proxy, method, args) -> {
            return switch (method.getName()) {
              case "handle" -> {
                action.accept(args[0]);
                yield null;
              }
              case "hashCode" -> System.identityHashCode(proxy);
              case "equals" -> proxy == args[0];
              default -> "StopSignal handler";
            };
          });
    }

    static void call(Object handler, Object signal) {
      try {
        CALL.invoke(handler, signal);
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException("the previous handler of a signal failed", e);
      }
    }

    static String name(Object signal) {
      return (String) invoke(signal, "getName");
    }

    static int number(Object signal) {
      return (Integer) invoke(signal, "getNumber");
    }

    private static Object invoke(Object signal, String method) {
      try {
        return SIGNAL.getMethod(method).invoke(signal);
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException(e);
      }
    }

    private static Class<?> load(String name) {
      try {
        return Class.forName(name);
      } catch (ClassNotFoundException e) {
        throw new IllegalStateException(name + " is not in this JVM", e);
      }
    }

    private static Method method(Class<?> owner, String name, Class<?>... parameters) {
      try {
        return owner.getMethod(name, parameters);
      } catch (NoSuchMethodException e) {
        throw new IllegalStateException(e);
      }
    }

    private static Object field(Class<?> owner, String name) {
      try {
        return owner.getField(name).get(null);
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException(e);
      }
    }
  }
}
