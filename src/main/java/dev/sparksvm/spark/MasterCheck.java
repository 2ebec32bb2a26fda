package dev.sparksvm.spark;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.SecurityManager;
import org.apache.spark.SparkConf;
import org.apache.spark.network.TransportContext;
import org.apache.spark.network.client.TransportClient;
import org.apache.spark.network.client.TransportClientBootstrap;
import org.apache.spark.network.client.TransportClientFactory;
import org.apache.spark.network.crypto.AuthClientBootstrap;
import org.apache.spark.network.sasl.SaslClientBootstrap;
import org.apache.spark.network.sasl.SecretKeyHolder;
import org.apache.spark.network.server.NoOpRpcHandler;
import org.apache.spark.network.util.MapConfigProvider;
import org.apache.spark.network.util.TransportConf;
import org.apache.spark.rpc.RpcAddress;
import org.apache.spark.rpc.RpcEnv;
import scala.Option;
import scala.Tuple2;

/**
 * Asks a standalone master whether it lets this application in, before the SparkContext starts.
 *
 * <p>Spark's own {@code StandaloneAppClient} retries a refused registration three times, 20 s
 * apart, then stops the context with "All masters are unresponsive! Giving up.", which names no
 * cause: the authentication failure shows only in ERROR and WARN lines with stack traces. Here the
 * first step of a registration is taken once, and a refusal for authentication becomes one {@link
 * AuthenticationFailedException} that says which side lacks what. Any other failure (no master
 * there yet, a time-out) is left to Spark's retries, as before.
 *
 * <ul>
 *   <li>Authentication on: a connection to the master's RPC port with the handshake Spark's {@code
 *       NettyRpcEnv} would make (network-common's {@code AuthClientBootstrap}, or {@code
 *       SaslClientBootstrap} without RPC encryption), run here so that its failure comes back to us
 *       (inside Spark's client factory it is logged as an ERROR and lost).
 *   <li>Authentication off: Spark's own first message, a lookup of the {@code Master} endpoint (a
 *       client-mode {@code RpcEnv}, as {@code StandaloneAppClient} makes), which a master that
 *       requires authentication answers with {@code AuthRpcHandler}'s "Unknown challenge message".
 * </ul>
 */
final class MasterCheck {
  /** The user Spark's RPC authenticates as ({@code SecurityManager.getSaslUser}). */
  private static final String SASL_USER = "sparkSaslUser";

  private MasterCheck() {}

  /**
   * Connects to each master of a {@code spark://} URL as the application would.
   *
   * @throws AuthenticationFailedException when a master refuses the application's authentication
   */
  static void authenticate(SparkConf conf) {
    String master = conf.get("spark.master");
    if (!master.startsWith("spark://")) {
      return;
    }
    for (String url : urls(master)) {
      RpcAddress address = address(url);
      if (address == null) {
        return; // not a URL Spark takes: SparkContext says so, as before
      }
      String why =
          conf.getBoolean(ClusterSecurity.AUTHENTICATE, false)
              ? handshake(conf, address)
              : lookup(conf, address);
      if (why != null) {
        throw new AuthenticationFailedException(
            "authentication failed: the Spark master " + url + " " + why);
      }
    }
  }

  /** {@code spark://h1:p1,h2:p2} as one URL per master, as SparkContext splits it. */
  static List<String> urls(String master) {
    List<String> urls = new ArrayList<>();
    for (String hostPort : master.substring("spark://".length()).split(",", -1)) {
      urls.add("spark://" + hostPort);
    }
    return urls;
  }

  /** {@code spark://HOST:PORT} as an address, or null when it is not one. */
  static RpcAddress address(String url) {
    String hostPort = url.substring("spark://".length());
    int colon = hostPort.lastIndexOf(':');
    if (colon < 1 || !hostPort.substring(colon + 1).matches("\\d{1,5}")) {
      return null;
    }
    String host = hostPort.substring(0, colon);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    return RpcAddress.apply(host, Integer.parseInt(hostPort.substring(colon + 1)));
  }

  /** The authentication handshake with the master: why it failed, or null. */
  private static String handshake(SparkConf conf, RpcAddress address) {
    String secret = conf.get(ClusterSecurity.SECRET, null);
    if (secret == null) {
      return "cannot be asked: authentication is on and this run has no secret (set"
          + " SPARKSVM_SECRET_FILE, or spark.authenticate.secret)";
    }
    Map<String, String> settings = new HashMap<>();
    for (Tuple2<String, String> s : conf.getAll()) {
      settings.put(s._1(), s._2());
    }
    TransportConf transport = new TransportConf("rpc", new MapConfigProvider(settings));
    SecretKeyHolder keys = new Secret(secret);
    TransportClientBootstrap bootstrap =
        transport.encryptionEnabled()
            ? new AuthClientBootstrap(transport, SASL_USER, keys)
            : new SaslClientBootstrap(transport, SASL_USER, keys);
    try (TransportContext context = new TransportContext(transport, new NoOpRpcHandler());
        TransportClientFactory factory = context.createClientFactory()) {
      TransportClient client;
      try {
        client = factory.createUnmanagedClient(address.host(), address.port());
      } catch (IOException e) {
        return null; // not reachable (yet): Spark retries
      }
      try {
        bootstrap.doBootstrap(client, client.getChannel());
        return null;
      } catch (RuntimeException e) {
        return text(e).contains("authentication failed") || text(e).contains("sasl")
            ? "refused this run's secret: it is not the cluster's (SPARKSVM_SECRET_FILE names"
                + " the file cluster-up.sh wrote, DIR/secret)"
            : "did not accept this run's authentication (both sides need the same"
                + " spark.network.crypto.enabled; a master without authentication needs"
                + " --no-auth): "
                + firstLine(e);
      } finally {
        client.close();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }

  /** Spark's lookup of the master's endpoint, unauthenticated: why it was refused, or null. */
  private static String lookup(SparkConf conf, RpcAddress address) {
    SparkConf probe = conf.clone();
    RpcEnv env =
        RpcEnv.create(
            "sparksvmMasterCheck",
            probe.get("spark.driver.host", "127.0.0.1"),
            0,
            probe,
            new SecurityManager(
                probe,
                Option.empty(),
                org.apache.spark.internal.config.package$.MODULE$.AUTH_SECRET_FILE_DRIVER()),
            true);
    try {
      env.setupEndpointRef(address, "Master");
      return null;
    } catch (Exception e) { // Spark's awaitResult throws SparkException, undeclared
      String text = text(e);
      return text.contains("unknown challenge message") || text.contains("sasl")
          ? "requires authentication, and this run has none (--no-auth, or"
              + " spark.authenticate=false): give it the cluster's secret (SPARKSVM_SECRET_FILE)"
          : null;
    } finally {
      env.shutdown();
      env.awaitTermination();
    }
  }

  /** Every message of the chain, lower case: the server's words travel in its RPC failure. */
  private static String text(Throwable e) {
    StringBuilder text = new StringBuilder();
    for (Throwable t = e; t != null; t = t.getCause()) {
      text.append(t.getClass().getName()).append(": ").append(t.getMessage()).append('\n');
    }
    return text.toString().toLowerCase(Locale.ROOT);
  }

  private static String firstLine(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null) {
      root = root.getCause();
    }
    String message = String.valueOf(root.getMessage());
    int nl = message.indexOf('\n');
    return nl < 0 ? message : message.substring(0, nl);
  }

  /** The secret, for the user Spark's RPC authenticates as. */
  private record Secret(String secret) implements SecretKeyHolder {
    @Override
    public String getSaslUser(String appId) {
      return SASL_USER;
    }

    @Override
    public String getSecretKey(String appId) {
      return secret;
    }

    @Override
    public String toString() {
      return "Secret[redacted]";
    }
  }
}
