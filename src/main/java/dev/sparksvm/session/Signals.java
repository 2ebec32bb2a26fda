package dev.sparksvm.session;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.function.Consumer;

/**
 * The JVM's handlers of SIGTERM and SIGINT: a handler that runs an action and can pass the signal
 * on to the handler it replaced.
 *
 * <p>{@code sun.misc.Signal} is the JDK's only way to handle a signal and go on (Spark's {@code
 * SignalUtils} uses it too). It is reached by reflection because javac's warning about the
 * JDK-internal API cannot be suppressed, and the build treats warnings as errors.
 */
public final class Signals {
  private static final Class<?> SIGNAL = load("sun.misc.Signal");
  private static final Class<?> HANDLER = load("sun.misc.SignalHandler");
  private static final Method HANDLE = method(SIGNAL, "handle", SIGNAL, HANDLER);
  private static final Method CALL = method(HANDLER, "handle", SIGNAL);
  private static final Object IGNORE = field(HANDLER, "SIG_IGN");
  private static final Object DEFAULT = field(HANDLER, "SIG_DFL");

  private Signals() {}

  /** A signal as the action sees it: its name ({@code TERM}) and a way to pass it on. */
  public interface Received {
    /** {@code TERM} or {@code INT}. */
    String name();

    /** {@code 128 +} the signal's number: the exit code a shell expects of a process it ended. */
    int exitCode();

    /**
     * Passes the signal to the handler this one replaced; when there was none to pass it to (the
     * JVM's default, or ignored), ends the JVM at once with {@link #exitCode}.
     */
    void passOn();
  }

  /** A handler installed by {@link #handle}; {@link #restore} puts back the one it replaced. */
  public static final class Installed {
    private final Object signal;
    private final Object previous;

    private Installed(Object signal, Object previous) {
      this.signal = signal;
      this.previous = previous;
    }

    /** Puts back the handler this one replaced. */
    public void restore() {
      try {
        HANDLE.invoke(null, signal, previous);
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException("cannot restore the handler of a signal", e);
      }
    }
  }

  /**
   * Handles signal {@code name} ({@code TERM}, {@code INT}) with {@code action}.
   *
   * @return the installed handler, or null when the JVM reserves the signal (e.g. {@code -Xrs})
   * @throws ReflectiveOperationException when this JVM has no {@code sun.misc.Signal}
   */
  public static Installed handle(String name, Consumer<Received> action)
      throws ReflectiveOperationException {
    Object signal = SIGNAL.getConstructor(String.class).newInstance(name);
    Object[] previous = new Object[1];
    Object handler =
        Proxy.newProxyInstance(
            HANDLER.getClassLoader(),
            new Class<?>[] {HANDLER},
            (proxy, method, args) ->
                switch (method.getName()) {
                  case "handle" -> {
                    action.accept(received(args[0], previous[0]));
                    yield null;
                  }
                  case "hashCode" -> System.identityHashCode(proxy);
                  case "equals" -> proxy == args[0];
                  default -> "sparksvm handler of SIG" + name;
                });
    try {
      previous[0] = HANDLE.invoke(null, signal, handler);
    } catch (InvocationTargetException e) {
      return null; // reserved by the JVM: left as it is
    }
    return new Installed(signal, previous[0]);
  }

  private static Received received(Object signal, Object previous) {
    String name = (String) invoke(signal, "getName");
    int code = 128 + (Integer) invoke(signal, "getNumber");
    return new Received() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public int exitCode() {
        return code;
      }

      @Override
      public void passOn() {
        if (previous != null && previous != IGNORE && previous != DEFAULT) {
          try {
            CALL.invoke(previous, signal);
          } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("the previous handler of SIG" + name + " failed", e);
          }
        } else {
          Runtime.getRuntime().halt(code);
        }
      }
    };
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
