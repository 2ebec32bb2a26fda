package dev.sparksvm.spark;

import dev.sparksvm.options.UsageException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;
import org.apache.spark.SparkConf;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the driver's authentication secret comes from, and the one line that says how the run is
 * secured.
 *
 * <p>Spark 4.2 reads a secret file only on Kubernetes ({@code SecurityManager.secretKeyFromFile}:
 * "Secret keys provided via files is only allowed in Kubernetes mode"); a standalone driver must
 * have {@code spark.authenticate.secret} in its configuration ({@code initializeAuth} requires it).
 * So the launcher names the file ({@value #SECRET_FILE}, from {@code SPARKSVM_SECRET_FILE}) and the
 * secret is read here, into the driver's configuration only: never on a command line. Its executors
 * get it from their Worker, through the environment ({@code _SPARK_AUTH_SECRET}, set by {@code
 * deploy.worker.CommandUtils}), and Spark keeps it out of the executors' command lines ({@code
 * SparkConf.isExecutorStartupConf}) and redacts it from the event log and the UI ({@code
 * spark.redaction.regex}). On YARN and Kubernetes Spark makes a secret per application itself.
 */
final class ClusterSecurity {
  /** The file that holds the secret of a standalone cluster (submit/cluster-up.sh writes one). */
  static final String SECRET_FILE = "spark.sparksvm.authenticate.secretFile";

  static final String AUTHENTICATE = "spark.authenticate";
  static final String SECRET = "spark.authenticate.secret";
  private static final Logger LOG = LoggerFactory.getLogger(ClusterSecurity.class);

  /** Group or others may not read the secret (ssh refuses a private key on the same grounds). */
  private static final Set<PosixFilePermission> OTHERS =
      EnumSet.complementOf(
          EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));

  private ClusterSecurity() {}

  /**
   * Reads the secret file into {@code conf} when authentication is on and no secret is set, and
   * logs how a cluster run is secured.
   *
   * @throws UsageException naming the setting when the file is missing, empty, or open to others
   */
  static void apply(SparkConf conf) {
    String file = conf.get(SECRET_FILE, null);
    if (file != null && conf.getBoolean(AUTHENTICATE, false) && !conf.contains(SECRET)) {
      conf.set(SECRET, read(Path.of(file)));
    }
    String master = conf.get("spark.master");
    if (master.startsWith("local")) {
      return;
    }
    if (conf.getBoolean(AUTHENTICATE, false)) {
      LOG.info("security: {}", describe(conf, master));
    } else {
      // --no-auth, or a spark-submit of one's own: allowed (a cluster may have none), not silent.
      LOG.warn("security: {}", describe(conf, master));
    }
  }

  /** How the run is secured, in words: authentication, RPC and local disk encryption, the UI. */
  static String describe(SparkConf conf, String master) {
    if (!conf.getBoolean(AUTHENTICATE, false)) {
      return "authentication off (spark.authenticate=false): whoever reaches the cluster's ports"
          + " can run code in it; RPC and local disk unencrypted";
    }
    String secret;
    if (master.equals("yarn")) {
      secret = "a secret YARN hands this application alone";
    } else if (master.startsWith("k8s://")) {
      secret = "a secret Spark makes for this application";
    } else if (conf.contains(SECRET_FILE)) {
      secret = "the cluster's secret, from " + conf.get(SECRET_FILE);
    } else {
      secret = "spark.authenticate.secret";
    }
    boolean rpc = conf.getBoolean("spark.network.crypto.enabled", false);
    return "authentication on ("
        + secret
        + "), RPC encryption "
        + (rpc ? conf.get("spark.network.crypto.cipher", "AES/CTR/NoPadding") : "off")
        + ", local disk encryption "
        + (conf.getBoolean("spark.io.encryption.enabled", false) ? "on" : "off")
        + ", UI view ACLs "
        + (conf.getBoolean("spark.acls.enable", false) ? "on" : "off");
  }

  /** The secret: the file's first line, which must exist and be readable by its owner alone. */
  static String read(Path file) {
    try {
      Set<PosixFilePermission> open = Files.getPosixFilePermissions(file);
      open.retainAll(OTHERS);
      if (!open.isEmpty()) {
        throw new UsageException(
            SECRET_FILE
                + " "
                + file
                + ": "
                + PosixFilePermissions.toString(Files.getPosixFilePermissions(file))
                + " lets others read or change the secret; chmod 600 it");
      }
      String secret;
      try (InputStream in = Files.newInputStream(file)) {
        // A secret is a line; a file of megabytes is not one, so only its start is read.
        secret =
            new String(in.readNBytes(4096), StandardCharsets.UTF_8)
                .lines()
                .findFirst()
                .orElse("")
                .strip();
      }
      if (secret.isEmpty()) {
        throw new UsageException(SECRET_FILE + " " + file + ": the file holds no secret");
      }
      return secret;
    } catch (NoSuchFileException e) {
      throw new UsageException(
          SECRET_FILE
              + " "
              + file
              + ": no such file (SPARKSVM_SECRET_FILE names the file cluster-up.sh wrote,"
              + " DIR/secret)");
    } catch (IOException | UnsupportedOperationException e) {
      throw new UsageException(SECRET_FILE + " " + file + ": cannot be read (" + e + ")");
    }
  }
}
