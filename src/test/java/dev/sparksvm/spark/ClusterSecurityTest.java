package dev.sparksvm.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparksvm.options.UsageException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.apache.spark.SparkConf;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The secret of a standalone cluster, read from its file by the driver (refused when others could
 * read it), and the line that says how a cluster run is secured.
 */
class ClusterSecurityTest {
  @TempDir Path tmp;

  @Test
  void theSecretIsTheFilesFirstLineWhenOnlyItsOwnerMayReadIt() throws IOException {
    Path file = secret("s3cr3t\n", "rw-------");
    SparkConf conf =
        new SparkConf(false)
            .setMaster("spark://127.0.0.1:7077")
            .set("spark.authenticate", "true")
            .set(ClusterSecurity.SECRET_FILE, file.toString());
    ClusterSecurity.apply(conf);
    assertEquals("s3cr3t", conf.get("spark.authenticate.secret"));
    assertTrue(
        ClusterSecurity.describe(conf, conf.get("spark.master"))
            .startsWith("authentication on (the cluster's secret, from " + file + ")"));
  }

  @Test
  void aSecretOthersCouldReadIsRefusedAndNotPrinted() throws IOException {
    Path file = secret("s3cr3t\n", "rw-r-----");
    UsageException e = assertThrows(UsageException.class, () -> ClusterSecurity.read(file));
    assertEquals(
        ClusterSecurity.SECRET_FILE
            + " "
            + file
            + ": rw-r----- lets others read or change the secret; chmod 600 it",
        e.getMessage());
    assertFalse(e.getMessage().contains("s3cr3t"));
    assertThrows(UsageException.class, () -> ClusterSecurity.read(secret("\n", "rw-------")));
    assertTrue(
        assertThrows(UsageException.class, () -> ClusterSecurity.read(tmp.resolve("missing")))
            .getMessage()
            .contains(": no such file"));
  }

  @Test
  void withoutAuthenticationTheFileIsNotRead() throws IOException {
    SparkConf conf =
        new SparkConf(false)
            .setMaster("spark://127.0.0.1:7077")
            .set(ClusterSecurity.SECRET_FILE, secret("s3cr3t", "rw-r--r--").toString());
    ClusterSecurity.apply(conf);
    assertFalse(conf.contains("spark.authenticate.secret"));
    assertTrue(
        ClusterSecurity.describe(conf, "spark://127.0.0.1:7077")
            .startsWith("authentication off (spark.authenticate=false)"));
  }

  @Test
  void yarnAndKubernetesMakeTheirOwnSecret() {
    SparkConf conf =
        new SparkConf(false)
            .set("spark.authenticate", "true")
            .set("spark.network.crypto.enabled", "true")
            .set("spark.network.crypto.cipher", "AES/GCM/NoPadding")
            .set("spark.io.encryption.enabled", "true")
            .set("spark.acls.enable", "true");
    assertEquals(
        "authentication on (a secret YARN hands this application alone), RPC encryption"
            + " AES/GCM/NoPadding, local disk encryption on, UI view ACLs on",
        ClusterSecurity.describe(conf, "yarn"));
    assertTrue(
        ClusterSecurity.describe(conf, "k8s://https://h:6443")
            .startsWith("authentication on (a secret Spark makes for this application)"));
  }

  private Path secret(String text, String mode) throws IOException {
    Path file = Files.createTempFile(tmp, "secret", "");
    Files.writeString(file, text);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));
    return file;
  }
}
