package dev.sparksvm.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@link JitLevel} reads the compiler tier the JVM was started with. */
class JitLevelTest {

  /** Prints this JVM's {@link JitLevel#stopLevel()}. */
  public static void main(String[] args) {
    System.out.println(JitLevel.stopLevel() + " " + JitLevel.hasC2());
  }

  private static String childSays(String flag) throws Exception {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process p =
        new ProcessBuilder(
                java.toString(),
                flag,
                "-cp",
                System.getProperty("java.class.path"),
                JitLevelTest.class.getName())
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    return out;
  }

  @Test
  void aJvmStoppedAtC1SaysSoAndTheUsualOneHasC2() throws Exception {
    assertEquals("1 false", childSays("-XX:TieredStopAtLevel=1"));
    assertEquals("4 true", childSays("-XX:TieredStopAtLevel=4"));
    assertTrue(JitLevel.hasC2(), "the test JVM runs both compilers");
  }
}
