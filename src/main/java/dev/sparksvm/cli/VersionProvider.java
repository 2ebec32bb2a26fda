package dev.sparksvm.cli;

import dev.sparksvm.session.Version;
import picocli.CommandLine;

/** {@code --version} of every command: ours, and the Spark and Java we run on. */
final class VersionProvider implements CommandLine.IVersionProvider {
  @Override
  public String[] getVersion() {
    return new String[] {
      "sparksvm " + Version.get(),
      "Spark "
          + org.apache.spark.package$.MODULE$.SPARK_VERSION()
          + ", Java "
          + System.getProperty("java.version")
    };
  }
}
