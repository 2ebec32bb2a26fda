package dev.sparksvm.session;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The sparksvm version, from {@code sparksvm-version.properties} (filled in by Maven). */
public final class Version {
  private Version() {}

  /** e.g. {@code 0.2.0-SNAPSHOT}, or {@code unknown} outside a build. */
  public static String get() {
    try (InputStream in = Version.class.getResourceAsStream("/sparksvm-version.properties")) {
      if (in == null) {
        return "unknown";
      }
      Properties p = new Properties();
      p.load(in);
      return p.getProperty("version", "unknown");
    } catch (IOException e) {
      return "unknown";
    }
  }
}
