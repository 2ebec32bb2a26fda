package dev.sparksvm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.SecurityManager;
import org.apache.spark.SparkConf;
import org.apache.spark.rpc.RpcEnv;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import scala.Option;

/**
 * {@code train} against a Spark RPC server that requires authentication (as a Master of
 * cluster-up.sh does), from a run without any: one line, exit code 1, no stack trace, nothing
 * written. (The same against a real cluster, with a wrong secret too: StandaloneClusterTest.)
 */
class AuthenticationFailedTest {
  @TempDir Path tmp;

  @Test
  void aRunWithoutTheClustersSecretIsOneLineAndExitCode1() {
    SparkConf conf =
        new SparkConf(false)
            .set("spark.authenticate", "true")
            .set("spark.authenticate.secret", "00112233445566778899aabbccddeeff")
            .set("spark.network.crypto.enabled", "true")
            .set("spark.network.crypto.cipher", "AES/GCM/NoPadding");
    RpcEnv server =
        RpcEnv.create(
            "authenticationFailedTest",
            "127.0.0.1",
            0,
            conf,
            new SecurityManager(
                conf,
                Option.empty(),
                org.apache.spark.internal.config.package$.MODULE$.AUTH_SECRET_FILE()),
            false);
    try {
      String master = "spark://127.0.0.1:" + server.address().port();
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      int code =
          Main.run(
              new String[] {
                "train", "--master", master, "--iters", "2", "--out", tmp.resolve("out").toString()
              },
              new PrintStream(bytes, true, StandardCharsets.UTF_8));
      String err = bytes.toString(StandardCharsets.UTF_8);
      assertEquals(1, code, err);
      assertEquals(
          "sparksvm: error: authentication failed: the Spark master "
              + master
              + " requires authentication, and this run has none (--no-auth, or"
              + " spark.authenticate=false): give it the cluster's secret (SPARKSVM_SECRET_FILE)\n",
          err);
      assertFalse(Files.exists(tmp.resolve("out").resolve("model.bin")));
    } finally {
      server.shutdown();
      server.awaitTermination();
    }
  }
}
