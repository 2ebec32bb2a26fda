package dev.sparksvm.spark;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;

/** Waiting for a cluster's executors, so that measurements start with every task slot present. */
public final class Executors {
  private Executors() {}

  /**
   * Where an application with {@code slots} task slots runs and the settings that give it them.
   *
   * @param master {@code local[slots]} for a local master, else the cluster's URL
   * @param settings on a cluster: {@code slots} executors of one core each, all registered before
   *     the application's first job
   */
  public record Slots(String master, Map<String, String> settings) {
    public Slots {
      settings = Map.copyOf(settings);
    }
  }

  /** {@code local}, {@code standalone}, or the cluster manager's scheme, for a master URL. */
  public static String environment(String master) {
    return master.startsWith("local")
        ? "local"
        : master.startsWith("spark://") ? "standalone" : master.replaceAll("[:/].*", "");
  }

  /** The application of {@code slots} task slots on {@code master}. */
  public static Slots withSlots(String master, int slots) {
    if (master.startsWith("local")) {
      return new Slots("local[" + slots + "]", Map.of());
    }
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put(
        master.startsWith("spark://") ? "spark.cores.max" : "spark.executor.instances",
        Integer.toString(slots));
    settings.put("spark.executor.cores", "1");
    settings.put("spark.scheduler.minRegisteredResourcesRatio", "1.0");
    settings.put("spark.scheduler.maxRegisteredResourcesWaitingTime", "120s");
    return new Slots(master, settings);
  }

  /**
   * Returns once {@code count} executors have registered with the context, or throws after {@code
   * timeoutSeconds} (local masters have their one executor from the start).
   */
  public static void await(JavaSparkContext sc, int count, long timeoutSeconds) {
    if (sc.master().startsWith("local")) {
      return;
    }
    long deadline = System.nanoTime() + timeoutSeconds * 1_000_000_000L;
    while (sc.sc().getExecutorIds().size() < count) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "only "
                + sc.sc().getExecutorIds().size()
                + " of "
                + count
                + " executors registered within "
                + timeoutSeconds
                + " s: does the cluster have "
                + count
                + " free cores and enough memory?");
      }
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for executors", e);
      }
    }
  }
}
