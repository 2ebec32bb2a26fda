package dev.sparksvm.spark;

import dev.sparksvm.core.BlasChoice;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.deploy.SparkHadoopUtil;

/** Creates the SparkContext of a command. */
public final class SparkContexts {
  /**
   * The {@code spark.task.maxDirectResultSize} these contexts set: K stacked models' sums go back
   * with the task's status (the spark.ml face advises it to sessions it did not start).
   */
  public static final long DIRECT_RESULT_BYTES = 64L << 20;

  private SparkContexts() {}

  /** The master used when neither {@code --master} nor spark-submit names one. */
  public static final String DEFAULT_MASTER = "local[*]";

  /**
   * A context for {@code appName}. The master is {@code master} when given, else the one
   * spark-submit set ({@code spark.master}), else {@value #DEFAULT_MASTER}. Local masters, and
   * standalone masters on 127.0.0.1 or localhost, bind the driver to 127.0.0.1 only, and its UI too
   * ({@link LoopbackUi}). Files are written with the user's umask ({@link FileUmask}). On a cluster
   * the secret comes from its file ({@link ClusterSecurity}), the master is asked first whether it
   * takes it ({@link MasterCheck}), and a wait for executors is said ({@link ExecutorWait}).
   */
  public static JavaSparkContext open(String appName, String master) {
    return open(appName, master, Map.of());
  }

  /** As {@link #open(String, String)}, with extra Spark settings (they win over spark-submit's). */
  public static JavaSparkContext open(String appName, String master, Map<String, String> settings) {
    SparkConf conf = new SparkConf().setAppName(appName);
    if (master != null) {
      conf.setMaster(master);
    } else if (!conf.contains("spark.master")) {
      conf.setMaster(DEFAULT_MASTER);
    }
    settings.forEach(conf::set);
    if (isLoopback(conf.get("spark.master"))) {
      conf.setIfMissing("spark.driver.host", "127.0.0.1");
      conf.setIfMissing("spark.driver.bindAddress", "127.0.0.1");
      LoopbackUi.keepOffTheNetwork(conf, System.getenv("SPARK_LOCAL_IP"));
    }
    FileUmask.apply(conf);
    ClusterSecurity.apply(conf);
    // Our own progress lines replace Spark's console progress bar.
    conf.setIfMissing("spark.ui.showConsoleProgress", "false");
    // Each step broadcasts W and gets K x C x D sums back from every task. W is random doubles,
    // which LZ4 cannot shrink: compressing it only costs time. Results above 1 MB (K >= 5 models
    // of CIFAR-10) would go through the block manager, a second round trip per task: send them
    // with the status.
    conf.setIfMissing("spark.broadcast.compress", "false");
    conf.setIfMissing("spark.task.maxDirectResultSize", String.valueOf(DIRECT_RESULT_BYTES));
    // A broadcast is written into chunks of this size, each allocated whole: at Spark's 4 MB two
    // 4 MB arrays a step (W's and the job's task binary) for a few hundred KB of bytes. At 1 MB
    // train --batch 256 spent 0.56-0.70 ms a step broadcasting W against 0.91-1.10 (three
    // interleaved runs each, same bits); W of 16 float models of CIFAR-10 is then two pieces.
    conf.setIfMissing("spark.broadcast.blockSize", "1m");
    // The executors choose their BLAS when their first kernel runs (core/BlasSelection): they get
    // the driver's choice, and OpenBLAS one thread per task (Spark runs one task per core).
    String blas = System.getProperty(BlasChoice.PROPERTY, System.getenv(BlasChoice.ENVIRONMENT));
    if (blas != null && !blas.isBlank()) {
      conf.setIfMissing("spark.executorEnv." + BlasChoice.ENVIRONMENT, blas);
    }
    conf.setIfMissing("spark.executorEnv.OPENBLAS_NUM_THREADS", "1");
    MasterCheck.authenticate(conf);
    try {
      JavaSparkContext sc = new JavaSparkContext(conf);
      ExecutorWait.watch(sc);
      return sc;
    } catch (RuntimeException e) {
      // A master URL Spark cannot parse is the user's typo, not a crash: say so in one line.
      if (String.valueOf(e.getMessage()).contains("Master URL")) {
        throw new BadMasterException(
            "--master "
                + conf.get("spark.master")
                + ": "
                + e.getMessage().lines().findFirst().orElse(""));
      }
      throw e;
    }
  }

  /** A master URL Spark refused: the user's to fix (one line, exit code 2). */
  public static final class BadMasterException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    BadMasterException(String message) {
      super(message);
    }
  }

  /** True for {@code local} masters and standalone masters on 127.0.0.1 or localhost. */
  public static boolean isLoopback(String master) {
    return master.startsWith("local")
        || master.matches("spark://(127\\.0\\.0\\.1|localhost)(:\\d+)?");
  }

  /** The master spark-submit set ({@code spark.master}), or null outside spark-submit. */
  public static String submittedMaster() {
    return System.getProperty("spark.master");
  }

  /**
   * The Hadoop configuration a context would have (including {@code spark.hadoop.*} settings),
   * without starting one: lets a command check its paths before paying for Spark's start-up.
   */
  public static Configuration hadoopConfiguration() {
    return SparkHadoopUtil.get().newConfiguration(FileUmask.apply(new SparkConf()));
  }
}
