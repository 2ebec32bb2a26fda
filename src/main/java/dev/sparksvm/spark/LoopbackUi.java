package dev.sparksvm.spark;

import org.apache.spark.SparkConf;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the Spark UI of a run on this machine off the network.
 *
 * <p>Spark 4.2 binds its UI to the address in the environment variable {@code SPARK_LOCAL_IP}, else
 * to every address ({@code 0.0.0.0}; {@code ui.WebUI.initServer}); {@code spark.driver.bindAddress}
 * does not apply to it, and a running JVM cannot set its own environment. The launchers set {@code
 * SPARK_LOCAL_IP=127.0.0.1} for local and loopback masters; a run started any other way without a
 * loopback {@code SPARK_LOCAL_IP} gets no UI, with one line that says why, unless {@code
 * spark.ui.enabled} is set explicitly.
 */
final class LoopbackUi {
  private static final Logger LOG = LoggerFactory.getLogger(LoopbackUi.class);

  private LoopbackUi() {}

  /** Turns the UI off unless {@code localIp} (SPARK_LOCAL_IP) keeps it on loopback. */
  static void keepOffTheNetwork(SparkConf conf, String localIp) {
    if (conf.contains("spark.ui.enabled") || isLoopback(localIp)) {
      return;
    }
    conf.set("spark.ui.enabled", "false");
    LOG.warn(
        "Spark UI off: Spark would bind it to every address of this machine, as SPARK_LOCAL_IP is"
            + " {}; submit/local.sh sets SPARK_LOCAL_IP=127.0.0.1 (or set it yourself), and"
            + " spark.ui.enabled=true turns the UI on regardless",
        localIp == null ? "not set" : "'" + localIp + "'");
  }

  /** 127.x.x.x, ::1 or localhost (no name lookup). */
  static boolean isLoopback(String address) {
    return address != null
        && (address.matches("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}")
            || address.equals("::1")
            || address.equals("[::1]")
            || address.equals("localhost"));
  }
}
