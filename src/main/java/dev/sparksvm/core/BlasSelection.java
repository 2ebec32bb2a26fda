package dev.sparksvm.core;

import dev.ludovic.netlib.blas.BLAS;
import dev.ludovic.netlib.blas.JavaBLAS;
import dev.ludovic.netlib.blas.NativeBLAS;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a {@link BlasChoice} into the BLAS instance every GEMM of this JVM runs on, once, when
 * {@link LinearBatch} first initializes (on the driver and in every executor, whatever the cluster
 * manager: no launcher setting has to reach the executors but the choice itself).
 *
 * <p>OpenBLAS is reached through netlib's JNI BLAS, which loads the library named by the system
 * property {@value #NATIVE_LIB_PATH} when its class initializes: the property is set here, before
 * the first call into netlib, to the library {@link BundledOpenBlas} extracted (unless the user set
 * it to a library of their own). When that fails (another platform, an unwritable cache, netlib
 * initialized earlier without it), one warning says so and the GEMMs run on netlib's Java BLAS.
 *
 * @param blas the implementation
 * @param name what runs, as logs, metrics.json and the provenance say it: the Java BLAS's class
 *     ({@code VectorBLAS}), or {@code OpenBLAS 0.3.31 (JNIBLAS)}, or {@code JNIBLAS (PATH)} for a
 *     library the user named
 */
public record BlasSelection(BLAS blas, String name) {
  private static final Logger LOG = LoggerFactory.getLogger(BlasSelection.class);

  /** netlib's JNI BLAS loads the library this property names (default {@code libblas.so.3}). */
  public static final String NATIVE_LIB_PATH = "dev.ludovic.netlib.blas.nativeLibPath";

  /** A test's BLAS for the calling thread only (null: the selected one). */
  private static final ThreadLocal<BLAS> OVERRIDE = new ThreadLocal<>();

  /** {@code selected}, unless a test runs this thread on another BLAS ({@link #withBlas}). */
  static BLAS onThisThread(BLAS selected) {
    BLAS b = OVERRIDE.get();
    return b != null ? b : selected;
  }

  /** Runs {@code body} on this thread with every GEMM on {@code blas} (tests compare BLASes). */
  static void withBlas(BLAS blas, Runnable body) {
    OVERRIDE.set(blas);
    try {
      body.run();
    } finally {
      OVERRIDE.remove();
    }
  }

  /** The BLAS for {@code choice}, with a log line saying which and, on a fallback, why. */
  public static BlasSelection select(BlasChoice choice) {
    if (choice == BlasChoice.JAVA) {
      return java("chosen with " + BlasChoice.PROPERTY + "=java");
    }
    String userPath = System.getProperty(NATIVE_LIB_PATH);
    String name;
    try {
      if (userPath == null || userPath.isBlank()) {
        if (!BundledOpenBlas.supported()) {
          return fallBack(
              choice,
              "the bundled OpenBLAS is for linux x86_64, this JVM runs on "
                  + System.getProperty("os.name")
                  + " "
                  + System.getProperty("os.arch"));
        }
        Path lib = BundledOpenBlas.extract();
        System.setProperty(NATIVE_LIB_PATH, lib.toString());
        name = BundledOpenBlas.NAME;
      } else {
        name = "JNIBLAS (" + userPath + ")";
      }
      BLAS blas = NativeBLAS.getInstance();
      warnUnlessOneThread();
      LOG.info("BLAS: {} ({}={})", name, NATIVE_LIB_PATH, System.getProperty(NATIVE_LIB_PATH));
      return new BlasSelection(blas, name);
    } catch (Exception | LinkageError e) {
      return fallBack(choice, String.valueOf(e.getMessage()));
    }
  }

  private static BlasSelection fallBack(BlasChoice choice, String why) {
    BlasSelection java = java(null);
    LOG.warn(
        "OpenBLAS did not load ({}): the GEMMs run on {}{}",
        why,
        java.name(),
        choice == BlasChoice.NATIVE ? " although " + BlasChoice.PROPERTY + "=native" : "");
    return java;
  }

  private static BlasSelection java(String why) {
    BLAS blas = JavaBLAS.getInstance();
    BlasSelection s = new BlasSelection(blas, blas.getClass().getSimpleName());
    if (why != null) {
      LOG.info("BLAS: {} ({})", s.name(), why);
    }
    if (!JitLevel.hasC2()) {
      LOG.warn(
          "this JVM runs without HotSpot's C2 compiler (-XX:TieredStopAtLevel={}), where {} is"
              + " about 100x slower: set SPARKSVM_JIT=full (submit/*.sh)",
          JitLevel.stopLevel(),
          s.name());
    }
    return s;
  }

  /**
   * Spark runs one task per core already: OpenBLAS's own threads would only contend with them, so
   * the launchers set {@code OPENBLAS_NUM_THREADS=1} (an environment variable: OpenBLAS reads it
   * once, when it loads, and no Java call can change it afterwards).
   */
  private static void warnUnlessOneThread() {
    String threads = System.getenv("OPENBLAS_NUM_THREADS");
    if (!"1".equals(threads)) {
      LOG.warn(
          "OPENBLAS_NUM_THREADS is {}: OpenBLAS starts its own threads inside every Spark task;"
              + " set it to 1 (submit/*.sh and spark.executorEnv do)",
          threads == null ? "unset" : threads);
    }
  }
}
