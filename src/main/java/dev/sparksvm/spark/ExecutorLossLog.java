package dev.sparksvm.spark;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Properties;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerBlockUpdated;
import org.apache.spark.scheduler.SparkListenerExecutorRemoved;
import org.apache.spark.scheduler.SparkListenerJobEnd;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerStageSubmitted;
import org.apache.spark.storage.BlockUpdatedInfo;
import org.apache.spark.storage.RDDBlockId;
import org.apache.spark.storage.RDDInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Tells the driver's log what a lost executor cost. Spark recovers by itself (it reruns the lost
 * tasks, and rebuilds each lost cached block from its lineage when a task next needs it); this says
 * so, in two lines:
 *
 * <ul>
 *   <li>when Spark removes the executor: its reason, the job it happened in and the cached blocks
 *       that went with it, e.g. {@code executor 0 lost (Command exited with code 42) during train
 *       svm: step 20/200 (batch 64); it held train images partition 0, validation images partition
 *       1}
 *   <li>when a job that was running then, or that rebuilt lost blocks, ends: its time against the
 *       median of the last {@value UsualDurations#HISTORY} undisturbed jobs of the same call site,
 *       e.g. {@code train svm: step 20/200 (batch 64) took 1.42 s instead of ~0.03 s: rebuilt train
 *       images partition 0 on executor 1}
 * </ul>
 *
 * A block is "rebuilt" when it is cached again after its executor was lost, or cached on a second
 * executor (blocks are kept {@code MEMORY_ONLY}, unreplicated: a second copy only appears when the
 * first could not be read). Everything runs on Spark's listener-bus thread, one event at a time;
 * the logic lives in plain methods that tests call directly.
 */
public final class ExecutorLossLog extends SparkListener {
  private static final Logger LOG = LoggerFactory.getLogger(ExecutorLossLog.class);

  private final JavaSparkContext sc;
  private final Map<Integer, String> rddNames = new HashMap<>();

  /** Cached RDD block -> the executors that hold it. */
  private final Map<Block, List<String>> locations = new HashMap<>();

  /** Blocks whose only copy went with an executor, not yet cached again. */
  private final Map<Block, String> lost = new LinkedHashMap<>();

  private final Map<Integer, Job> running = new LinkedHashMap<>();
  private final UsualDurations usual = new UsualDurations();
  private final List<String> reports = Collections.synchronizedList(new ArrayList<>());
  private final AtomicInteger executorsLost = new AtomicInteger();
  private final AtomicInteger blocksRebuilt = new AtomicInteger();

  /** A cached RDD block. */
  record Block(int rdd, int partition) {}

  /** A running job: what it is called, when it began, what it went through. */
  private static final class Job {
    final String description;
    final String callSite;
    final long startMillis;
    boolean sawLoss;
    final List<String> rebuilt = new ArrayList<>();

    Job(String description, String callSite, long startMillis) {
      this.description = description;
      this.callSite = callSite;
      this.startMillis = startMillis;
    }
  }

  ExecutorLossLog(JavaSparkContext sc) {
    this.sc = sc;
  }

  /** A log registered with {@code sc}; {@link #detach} it when the run ends. */
  public static ExecutorLossLog attach(JavaSparkContext sc) {
    ExecutorLossLog log = new ExecutorLossLog(sc);
    sc.sc().addSparkListener(log);
    return log;
  }

  /** Stops listening. */
  public void detach() {
    sc.sc().removeSparkListener(this);
  }

  /** Executors lost so far (after the events posted before this call have arrived). */
  public int executorsLost() {
    drain();
    return executorsLost.get();
  }

  /** Lost cached blocks rebuilt so far (after the events posted before this call have arrived). */
  public int blocksRebuilt() {
    drain();
    return blocksRebuilt.get();
  }

  /** The lines logged so far. */
  public List<String> reports() {
    drain();
    synchronized (reports) { // the listener thread may be adding one
      return List.copyOf(reports);
    }
  }

  private void drain() {
    if (sc == null) {
      return;
    }
    try {
      sc.sc().listenerBus().waitUntilEmpty(10_000); // Scala private[spark], public to Java
    } catch (TimeoutException e) {
      // A slow bus: report what has arrived.
    }
  }

  @Override
  public void onStageSubmitted(SparkListenerStageSubmitted event) {
    for (RDDInfo rdd : CollectionConverters.asJava(event.stageInfo().rddInfos())) {
      if (rdd.storageLevel().isValid()) { // only cached RDDs have blocks to lose
        rddNamed(rdd.id(), rdd.name());
      }
    }
  }

  @Override
  public void onJobStart(SparkListenerJobStart event) {
    Properties p = event.properties();
    jobStarted(
        event.jobId(),
        event.time(),
        p == null ? null : p.getProperty("spark.job.description"),
        p == null ? null : p.getProperty("callSite.short"));
  }

  @Override
  public void onJobEnd(SparkListenerJobEnd event) {
    jobEnded(event.jobId(), event.time());
  }

  @Override
  public void onBlockUpdated(SparkListenerBlockUpdated event) {
    BlockUpdatedInfo info = event.blockUpdatedInfo();
    if (info.blockId() instanceof RDDBlockId id) {
      blockUpdated(
          new Block(id.rddId(), id.splitIndex()),
          info.blockManagerId().executorId(),
          info.storageLevel().isValid());
    }
  }

  @Override
  public void onExecutorRemoved(SparkListenerExecutorRemoved event) {
    executorRemoved(event.executorId(), event.reason());
  }

  void rddNamed(int id, String name) {
    rddNames.put(id, name);
  }

  void jobStarted(int id, long millis, String description, String callSite) {
    running.put(
        id,
        new Job(
            description == null ? "job " + id : description,
            callSite == null ? "" : callSite,
            millis));
  }

  void blockUpdated(Block block, String executor, boolean cached) {
    List<String> at = locations.computeIfAbsent(block, b -> new ArrayList<>());
    if (!cached) {
      at.remove(executor);
      if (at.isEmpty()) {
        locations.remove(block); // unpersisted or evicted: no longer ours to follow
      }
      return;
    }
    if (at.contains(executor)) {
      return;
    }
    boolean rebuilt = lost.remove(block) != null || !at.isEmpty();
    at.add(executor);
    if (rebuilt) {
      blocksRebuilt.incrementAndGet();
      for (Job job : running.values()) {
        job.rebuilt.add(name(block) + " on executor " + executor);
      }
    }
  }

  void executorRemoved(String executor, String reason) {
    List<String> gone = new ArrayList<>();
    List<String> copied = new ArrayList<>();
    for (Map.Entry<Block, List<String>> e : locations.entrySet()) {
      if (e.getValue().remove(executor)) {
        if (e.getValue().isEmpty()) {
          lost.put(e.getKey(), executor); // its empty entry stays: rebuilt when cached again
          gone.add(name(e.getKey()));
        } else {
          copied.add(name(e.getKey()));
        }
      }
    }
    if (gone.isEmpty() && copied.isEmpty() && running.isEmpty() && deliberate(reason)) {
      return; // dynamic allocation letting an idle executor go: nothing was lost
    }
    executorsLost.incrementAndGet();
    gone.sort(null);
    copied.sort(null);
    List<String> during = new ArrayList<>();
    for (Job job : running.values()) {
      job.sawLoss = true;
      during.add(job.description);
    }
    report(
        String.format(
            Locale.ROOT,
            "executor %s lost (%s) %s; %s%s",
            executor,
            reason,
            during.isEmpty() ? "between jobs" : "during " + String.join(", ", during),
            gone.isEmpty()
                ? "it held no cached blocks"
                : "it held "
                    + String.join(", ", gone)
                    + ": Spark rebuilds them from the files when a task needs them",
            copied.isEmpty() ? "" : "; already rebuilt elsewhere: " + String.join(", ", copied)),
        true);
  }

  void jobEnded(int id, long millis) {
    Job job = running.remove(id);
    if (job == null) {
      return;
    }
    long took = millis - job.startMillis;
    if (!job.sawLoss && job.rebuilt.isEmpty()) {
      usual.add(job.callSite, took);
      return;
    }
    OptionalDouble usualMillis = usual.median(job.callSite);
    report(
        String.format(
            Locale.ROOT,
            "%s took %.2f s%s%s",
            job.description,
            took / 1e3,
            usualMillis.isEmpty()
                ? ""
                : String.format(
                    Locale.ROOT, " instead of ~%.2f s", usualMillis.getAsDouble() / 1e3),
            job.rebuilt.isEmpty() ? "" : ": rebuilt " + String.join(", ", job.rebuilt)),
        false);
  }

  /** Spark's reasons for removing an executor on purpose (ExecutorKilled, decommissioning). */
  private static boolean deliberate(String reason) {
    String r = String.valueOf(reason).toLowerCase(Locale.ROOT);
    return r.contains("killed by driver") || r.contains("decommission");
  }

  private String name(Block block) {
    return rddNames.getOrDefault(block.rdd(), "rdd " + block.rdd())
        + " partition "
        + block.partition();
  }

  private void report(String line, boolean warn) {
    reports.add(line);
    if (warn) {
      LOG.warn(line);
    } else {
      LOG.info(line);
    }
  }
}
