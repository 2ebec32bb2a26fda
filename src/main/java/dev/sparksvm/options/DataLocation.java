package dev.sparksvm.options;

import dev.sparksvm.data.Cifar10;
import dev.sparksvm.data.SyntheticCifar10;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the training data comes from: {@code --data} when given; else {@code
 * data/cifar-10-batches-bin} under the project root when it exists; else a synthetic set generated
 * (once) under {@code target/}, announced loudly with instructions for getting the real one.
 *
 * @param path what to read (a path, a URI or a glob)
 * @param synthetic whether it is the generated stand-in
 */
public record DataLocation(String path, boolean synthetic) {
  private static final Logger LOG = LoggerFactory.getLogger(DataLocation.class);

  /** Images per synthetic batch file (5 files). */
  static final int SYNTHETIC_PER_FILE = 2_000;

  /**
   * The project root: {@code -Dsparksvm.home} (set by the launchers), else the working directory.
   */
  public static Path projectRoot() {
    return Path.of(System.getProperty("sparksvm.home", ".")).toAbsolutePath().normalize();
  }

  /**
   * Resolves the training data of a command whose {@code --data} was {@code option} (maybe null).
   */
  public static DataLocation resolve(String option, long seed) {
    if (option != null) {
      return new DataLocation(option, false);
    }
    Path root = projectRoot();
    Path real = root.resolve("data").resolve("cifar-10-batches-bin");
    if (Files.isDirectory(real)) {
      return new DataLocation(real.toUri().toString(), false); // local, whatever fs.defaultFS says
    }
    Path dir = root.resolve("target").resolve("synthetic-cifar-10-batches-bin");
    try {
      SyntheticCifar10.ensure(dir, SYNTHETIC_PER_FILE, seed);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the synthetic data set to " + dir, e);
    }
    LOG.warn(
        """
        *** No --data given and no {} found: training on a SYNTHETIC stand-in for CIFAR-10 ***
        *** ({} images in {}). Its accuracy says nothing about CIFAR-10. To use the real set:
        ***   curl -LO {}   (MD5 {})
        ***   mkdir -p {}/data && tar -xzf cifar-10-binary.tar.gz -C {}/data
        ***   (which makes data/cifar-10-batches-bin)
        *** or pass --data PATH (a directory, a file, a glob; file:, hdfs:// and plain paths work).\
        """,
        real,
        SyntheticCifar10.FILES * SYNTHETIC_PER_FILE,
        dir,
        Cifar10.DOWNLOAD_URL,
        Cifar10.DOWNLOAD_MD5,
        root,
        root);
    return new DataLocation(dir.toUri().toString(), true);
  }
}
