package dev.sparksvm.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.apache.spark.SparkConf;
import org.junit.jupiter.api.Test;

/** The UI of a run on this machine stays off the network: on loopback, or off. */
class LoopbackUiTest {
  @Test
  void theUiOfALoopbackRunIsOffUnlessSparkLocalIpKeepsItOnLoopback() {
    for (String ip : new String[] {"127.0.0.1", "127.1.2.3", "::1", "localhost"}) {
      SparkConf conf = new SparkConf(false);
      LoopbackUi.keepOffTheNetwork(conf, ip);
      assertFalse(conf.contains("spark.ui.enabled"), ip);
    }
    for (String ip : new String[] {null, "", "0.0.0.0", "192.0.2.2", "127.0.0.1.example.com"}) {
      SparkConf conf = new SparkConf(false);
      LoopbackUi.keepOffTheNetwork(conf, ip);
      assertEquals("false", conf.get("spark.ui.enabled", "unset"), String.valueOf(ip));
    }
    SparkConf asked = new SparkConf(false).set("spark.ui.enabled", "true");
    LoopbackUi.keepOffTheNetwork(asked, null);
    assertEquals("true", asked.get("spark.ui.enabled"), "an explicit setting wins");
  }
}
