package dev.sparksvm.io;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Paths;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

/**
 * Keeps a run's outputs away from its inputs: an output directory that is, lies inside, or contains
 * a path the run reads (data, test data, a model, a checkpoint folder, the event log) is refused
 * before anything runs, because {@code --overwrite} replaces what the directory held and a run's
 * files would mix with the inputs. A glob counts as the folder it matches in; on the local file
 * system symbolic links are followed, so a link to an input is that input.
 */
public final class InputOverlap {
  private InputOverlap() {}

  /**
   * A path a run reads.
   *
   * @param option the option that named it, for the message
   * @param path as the user gave it (a file, a directory or a glob; any Hadoop file system)
   * @param mayBeTheOutput true for a folder the run continues in (train --resume DIR writes its
   *     outputs into DIR by design): equal is allowed, inside or around is not
   */
  public record Input(String option, String path, boolean mayBeTheOutput) {
    public Input {
      Objects.requireNonNull(option);
    }

    /** An input the output may never be, contain or lie in. */
    public static Input of(String option, String path) {
      return new Input(option, path, false);
    }
  }

  /**
   * Refuses {@code out} when it overlaps one of {@code inputs} (null paths are skipped).
   *
   * @param outLabel how the user named the output, e.g. {@code --out runs/x}
   * @throws OutputException naming both options
   */
  public static void check(String outLabel, String out, List<Input> inputs, Configuration conf) {
    Place o = qualified(out, conf);
    for (Input input : inputs) {
      if (input.path() == null) {
        continue;
      }
      Place in = qualified(folderOf(input.path()), conf);
      if (!o.sameFileSystem(in)) {
        continue;
      }
      String relation = null;
      if (o.path().equals(in.path())) {
        relation = input.mayBeTheOutput() ? null : "is";
      } else if (under(o.path(), in.path())) {
        relation = "lies inside";
      } else if (under(in.path(), o.path())) {
        relation = "contains";
      }
      if (relation != null) {
        throw new OutputException(
            outLabel
                + " "
                + relation
                + " "
                + input.option()
                + " "
                + input.path()
                + ": a run never writes where it reads (its files would mix with the inputs, and"
                + " --overwrite would delete them); choose another directory");
      }
    }
  }

  /**
   * The file {@code path} names, as a string equal for two names of one file: qualified with its
   * file system, and on the local file system with its symbolic links resolved.
   */
  public static String canonical(String path, Configuration conf) {
    Place p = qualified(path, conf);
    return p.scheme() + "://" + (p.authority() == null ? "" : p.authority()) + p.path();
  }

  /** The path itself, or for a glob the deepest folder above its first wildcard. */
  static String folderOf(String path) {
    Path p = new Path(path);
    while (p.getParent() != null && hasWildcard(p.toUri().getPath())) {
      p = p.getParent();
    }
    return p.toString();
  }

  private static boolean hasWildcard(String s) {
    return s.chars().anyMatch(c -> c == '*' || c == '?' || c == '[' || c == '{');
  }

  /** Where a path lies: its file system and its absolute path without a trailing slash. */
  private record Place(String scheme, String authority, String path) {
    boolean sameFileSystem(Place other) {
      return Objects.equals(scheme, other.scheme) && Objects.equals(authority, other.authority);
    }
  }

  private static Place qualified(String path, Configuration conf) {
    Path p = new Path(path);
    URI u;
    try {
      u = p.getFileSystem(conf).makeQualified(p).toUri();
    } catch (IOException | IllegalArgumentException e) {
      u = p.toUri(); // an unusable path is refused by whoever reads or writes it
    }
    String clean = u.getPath() == null ? "" : u.getPath();
    if ("file".equals(u.getScheme())) {
      clean = realLocal(clean);
    }
    while (clean.length() > 1 && clean.endsWith("/")) {
      clean = clean.substring(0, clean.length() - 1);
    }
    return new Place(u.getScheme(), u.getAuthority(), clean);
  }

  /**
   * A local path with its symbolic links resolved as far as it exists (the rest appended as given):
   * an --out that is a link to the data is the data, and --overwrite would empty it through the
   * link. A path that cannot be resolved (a loop of links) is kept as given.
   */
  static String realLocal(String path) {
    java.nio.file.Path given;
    try {
      given = Paths.get(path);
    } catch (InvalidPathException e) {
      return path;
    }
    java.nio.file.Path existing = given;
    Deque<java.nio.file.Path> tail = new ArrayDeque<>();
    while (existing != null && !Files.exists(existing)) {
      tail.push(existing.getFileName());
      existing = existing.getParent();
    }
    if (existing == null) {
      return path;
    }
    try {
      java.nio.file.Path real = existing.toRealPath();
      while (!tail.isEmpty()) {
        real = real.resolve(tail.pop());
      }
      return real.toString();
    } catch (IOException | SecurityException e) {
      return path;
    }
  }

  private static boolean under(String child, String parent) {
    return child.startsWith(parent.endsWith("/") ? parent : parent + "/");
  }
}
