package dev.sparksvm.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import org.apache.spark.SecurityManager;
import org.apache.spark.SparkConf;
import org.apache.spark.rpc.RpcAddress;
import org.apache.spark.rpc.RpcEnv;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import scala.Option;

/**
 * MasterCheck against Spark's own RPC server with authentication and AES-GCM encryption on, as a
 * standalone Master runs it ({@code Master.startRpcEnvAndEndpoint}: {@code RpcEnv.create} with the
 * daemon's SecurityManager): the right secret passes, a wrong one, none, and authentication off are
 * each refused with a message that says which; a port where nothing listens is left to Spark.
 */
class MasterCheckTest {
  private static final String SECRET =
      "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";
  private static RpcEnv server;
  private static String url;

  @BeforeAll
  static void startServer() {
    SparkConf conf = secured(new SparkConf(false)).set("spark.authenticate.secret", SECRET);
    server =
        RpcEnv.create(
            "masterCheckTest",
            "127.0.0.1",
            0,
            conf,
            new SecurityManager(
                conf,
                Option.empty(),
                org.apache.spark.internal.config.package$.MODULE$.AUTH_SECRET_FILE()),
            false);
    url = "spark://127.0.0.1:" + server.address().port();
  }

  @AfterAll
  static void stopServer() {
    server.shutdown();
    server.awaitTermination();
  }

  @Test
  void theClustersSecretIsLetIn() {
    MasterCheck.authenticate(client(url).set("spark.authenticate.secret", SECRET));
  }

  @Test
  void anotherSecretIsRefused() {
    String other = SECRET.replace('0', '1');
    AuthenticationFailedException e =
        assertThrows(
            AuthenticationFailedException.class,
            () -> MasterCheck.authenticate(client(url).set("spark.authenticate.secret", other)));
    assertTrue(
        e.getMessage()
            .startsWith(
                "authentication failed: the Spark master " + url + " refused this run's secret"),
        e.getMessage());
    assertTrue(!e.getMessage().contains(other) && !e.getMessage().contains(SECRET));
  }

  @Test
  void aRunWithoutAuthenticationIsRefused() {
    SparkConf off =
        new SparkConf(false)
            .setMaster(url)
            .set("spark.authenticate", "false")
            .set("spark.rpc.askTimeout", "20s");
    AuthenticationFailedException e =
        assertThrows(AuthenticationFailedException.class, () -> MasterCheck.authenticate(off));
    assertEquals(
        "authentication failed: the Spark master "
            + url
            + " requires authentication, and this run has none (--no-auth, or"
            + " spark.authenticate=false): give it the cluster's secret (SPARKSVM_SECRET_FILE)",
        e.getMessage());
  }

  @Test
  void authenticationWithoutASecretIsRefusedBeforeConnecting() {
    AuthenticationFailedException e =
        assertThrows(
            AuthenticationFailedException.class, () -> MasterCheck.authenticate(client(url)));
    assertTrue(e.getMessage().contains("this run has no secret"), e.getMessage());
  }

  @Test
  void noMasterThereIsLeftToSparksRetries() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    MasterCheck.authenticate(
        client("spark://127.0.0.1:" + port).set("spark.authenticate.secret", SECRET));
    MasterCheck.authenticate(new SparkConf(false).setMaster("local[2]"));
  }

  @Test
  void severalMastersAreEachAskedAndAUrlSparkRefusesIsLeftToIt() {
    assertEquals(
        List.of("spark://a:7077", "spark://b:7078"), MasterCheck.urls("spark://a:7077,b:7078"));
    RpcAddress v6 = MasterCheck.address("spark://[::1]:7077");
    assertEquals(7077, v6.port());
    assertTrue(v6.host().contains("::1"), v6.host());
    assertEquals(null, MasterCheck.address("spark://host"));
    assertEquals(null, MasterCheck.address("spark://host:port"));
    MasterCheck.authenticate(client("spark://host").set("spark.authenticate.secret", SECRET));
  }

  private static SparkConf client(String master) {
    return secured(new SparkConf(false).setMaster(master));
  }

  /** What the launcher and cluster-up.sh set (submit/common.sh's SPARKSVM_SECURITY_CONF). */
  private static SparkConf secured(SparkConf conf) {
    return conf.set("spark.authenticate", "true")
        .set("spark.network.crypto.enabled", "true")
        .set("spark.network.crypto.cipher", "AES/GCM/NoPadding")
        .set("spark.network.crypto.authEngineVersion", "2")
        .set("spark.network.crypto.saslFallback", "false");
  }
}
