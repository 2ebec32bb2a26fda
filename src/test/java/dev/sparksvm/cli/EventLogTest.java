package dev.sparksvm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparksvm.spark.CifarFixtures;
import dev.sparksvm.spark.LocalSpark;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.deploy.history.EventLogFileReader;
import org.apache.spark.scheduler.ReplayListenerBus;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerApplicationStart;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code --event-log}: a short {@code train} writes Spark's event log, which Spark's own classes
 * (those the History Server reads it with) replay with every job's description and group.
 */
class EventLogTest {
  private static final int ITERATIONS = 12;
  private static final Pattern STEP =
      Pattern.compile("train svm: step (\\d+)/" + ITERATIONS + " \\(batch 64\\)");
  @TempDir Path tmp;

  /** One job as the event log has it. */
  private record Job(String description, String group) {}

  /** Collects what a History Server would show of each job, and the application's name. */
  private static final class Jobs extends SparkListener {
    final List<Job> jobs = new ArrayList<>();
    String appName;

    @Override
    public void onJobStart(SparkListenerJobStart start) {
      Properties p = start.properties();
      jobs.add(
          new Job(
              p == null ? null : p.getProperty("spark.job.description"),
              p == null ? null : p.getProperty("spark.jobGroup.id")));
    }

    @Override
    public void onApplicationStart(SparkListenerApplicationStart start) {
      appName = start.appName();
    }
  }

  @Test
  void aTrainingRunsLogReplaysWithEveryStepUnderTheTrainGroup() throws Exception {
    LocalSpark.stop(); // train opens its own context, with the event log: one context per JVM
    Path data = CifarFixtures.batches(tmp.resolve("data"), 100);
    Path logs = tmp.resolve("logs").resolve("not-yet-there");
    Path out = tmp.resolve("out");
    assertEquals(
        0,
        Main.run(
            new String[] {
              "train",
              "--master",
              "local[2]",
              "--data",
              data.toString(),
              "--val",
              "100",
              "--partitions",
              "2",
              "--iters",
              "" + ITERATIONS,
              "--batch",
              "64",
              "--eval-every",
              "5",
              "--event-log",
              logs.toString(),
              "--out",
              out.toString()
            },
            System.err));

    FileSystem fs = FileSystem.getLocal(new Configuration());
    FileStatus[] apps = fs.listStatus(new org.apache.hadoop.fs.Path(logs.toUri()));
    assertEquals(1, apps.length, "one application's log");
    EventLogFileReader reader = EventLogFileReader.apply(fs, apps[0]).get();
    assertTrue(reader.completed(), "the log was closed when the context stopped");
    Jobs jobs = new Jobs();
    ReplayListenerBus bus = new ReplayListenerBus();
    bus.addListener(jobs);
    for (FileStatus file :
        scala.jdk.javaapi.CollectionConverters.asJava(reader.listEventLogFiles())) {
      // openEventLog undoes the compression Spark 4 applies by default (zstd).
      try (InputStream in = EventLogFileReader.openEventLog(file.getPath(), fs)) {
        assertTrue(
            bus.replay(
                in, file.getPath().toString(), false, ReplayListenerBus.SELECT_ALL_FILTER()));
      }
    }

    assertEquals("sparksvm train", jobs.appName);
    assertFalse(jobs.jobs.isEmpty());
    for (Job job : jobs.jobs) {
      assertEquals("sparksvm train", job.group(), "every job under the command's group: " + job);
      assertTrue(job.description() != null && !job.description().isBlank(), "described: " + job);
    }
    Set<String> descriptions =
        jobs.jobs.stream().map(Job::description).collect(Collectors.toCollection(TreeSet::new));
    assertTrue(
        descriptions.contains("load: cache 500 images in 2 partitions"), descriptions.toString());
    assertTrue(descriptions.contains("train: validation accuracy"), descriptions.toString());
    assertTrue(descriptions.contains("train: training accuracy"), descriptions.toString());
    assertTrue(
        descriptions.contains("train: which BLAS the executors run"), descriptions.toString());
    assertTrue(descriptions.contains("train: CRC-32C of 5 data files"), descriptions.toString());

    Set<Integer> steps = new TreeSet<>();
    for (Job job : jobs.jobs) {
      Matcher m = STEP.matcher(job.description());
      if (m.matches()) {
        steps.add(Integer.parseInt(m.group(1)));
      }
    }
    Set<Integer> history;
    try (Stream<String> lines = Files.lines(out.resolve("history.csv"))) {
      history =
          lines
              .skip(1)
              .map(l -> Integer.parseInt(l.substring(0, l.indexOf(','))))
              .collect(Collectors.toCollection(TreeSet::new));
    }
    assertEquals(ITERATIONS, history.size());
    assertEquals(history, steps, "one described step job per row of history.csv, numbered alike");
  }

  @Test
  void anEventLogDirectoryThatCannotBeCreatedIsOneLineBeforeSparkStarts() throws Exception {
    Path data = CifarFixtures.batches(tmp.resolve("data"), 10);
    Path file = Files.writeString(tmp.resolve("a-file"), "not a directory");
    Path out = tmp.resolve("out");
    for (String bad : List.of(file.resolve("logs").toString(), file.toString(), " ")) {
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      int code =
          Main.run(
              new String[] {
                "train",
                "--data",
                data.toString(),
                "--val",
                "5",
                "--event-log",
                bad,
                "--out",
                out.toString()
              },
              new PrintStream(err, true, StandardCharsets.UTF_8));
      String message = err.toString(StandardCharsets.UTF_8);
      assertEquals(2, code, message);
      assertEquals(1, message.lines().count(), message);
      assertTrue(message.startsWith("sparksvm: error: --event-log "), message);
      assertFalse(Files.exists(out), "checked before --out is claimed and Spark starts");
    }
  }

  @Test
  void everyCommandThatStartsSparkTakesAnEventLog() {
    CommandLine main = Main.commandLine(new Main());
    for (var command : main.getSubcommands().entrySet()) {
      boolean startsSpark = !command.getKey().equals("export");
      assertEquals(
          startsSpark,
          command.getValue().getCommandSpec().findOption("--event-log") != null,
          command.getKey());
    }
  }
}
