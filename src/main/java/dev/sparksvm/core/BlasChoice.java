package dev.sparksvm.core;

import java.util.Locale;

/**
 * Which BLAS the GEMMs run on, as the user chose it with {@code -Dsparksvm.blas} or the {@code
 * SPARKSVM_BLAS} environment variable (the property wins): {@code java} is netlib's Java BLAS
 * (VectorBLAS with the Vector API, the bits of every earlier release), {@code native} OpenBLAS,
 * {@code auto} (the default) OpenBLAS when it loads and the Java BLAS when it does not.
 */
public enum BlasChoice {
  /** netlib's Java BLAS: VectorBLAS, or Java11BLAS without {@code jdk.incubator.vector}. */
  JAVA,
  /**
   * OpenBLAS: the one {@code dev.ludovic.netlib.blas.nativeLibPath} names, else the bundled one.
   */
  NATIVE,
  /** OpenBLAS when it loads, else the Java BLAS. */
  AUTO;

  /** The system property that chooses. */
  public static final String PROPERTY = "sparksvm.blas";

  /** The environment variable that chooses when the property is not set (executors inherit it). */
  public static final String ENVIRONMENT = "SPARKSVM_BLAS";

  /** This JVM's choice: the property, else the environment variable, else {@link #AUTO}. */
  public static BlasChoice current() {
    String property = System.getProperty(PROPERTY);
    if (property != null && !property.isBlank()) {
      return parse(property, "-D" + PROPERTY);
    }
    String env = System.getenv(ENVIRONMENT);
    return env == null || env.isBlank() ? AUTO : parse(env, ENVIRONMENT);
  }

  /**
   * As {@link #current()}, but a value that is none of the choices gives {@link #AUTO} and a
   * warning: an executor cannot refuse to start (the launchers check the value before Spark does).
   */
  public static BlasChoice currentOrAuto() {
    try {
      return current();
    } catch (IllegalArgumentException e) {
      org.slf4j.LoggerFactory.getLogger(BlasChoice.class).warn("{}: using auto", e.getMessage());
      return AUTO;
    }
  }

  /**
   * {@code java}, {@code native} or {@code auto}, in any case.
   *
   * @param where what named it, for the message
   * @throws IllegalArgumentException naming {@code where} and the value when it is none of them
   */
  public static BlasChoice parse(String value, String where) {
    return switch (value.trim().toLowerCase(Locale.ROOT)) {
      case "java" -> JAVA;
      case "native" -> NATIVE;
      case "auto" -> AUTO;
      default ->
          throw new IllegalArgumentException(
              where + "=" + value + " is not a BLAS choice (one of: java, native, auto)");
    };
  }

  /** The value as the property and the environment variable take it. */
  public String value() {
    return name().toLowerCase(Locale.ROOT);
  }
}
