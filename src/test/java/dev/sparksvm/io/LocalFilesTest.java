package dev.sparksvm.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The local write gives what Hadoop's own create and rename give (the permission under the
 * configured umask, the bytes, no side files), replaces the target, and leaves folders and other
 * file systems to Hadoop.
 */
class LocalFilesTest {
  @TempDir java.nio.file.Path tmp;

  @ParameterizedTest
  @ValueSource(strings = {"022", "077", "002", "027"})
  void aFileGetsThePermissionHadoopsCreateGives(String umask) throws Exception {
    Configuration conf = new Configuration();
    conf.set("fs.permissions.umask-mode", umask);
    // A fresh instance: the cached one keeps the configuration it was first made with.
    FileSystem fs = FileSystem.newInstance(tmp.toUri(), conf);
    fs.setWriteChecksum(false);
    Path dir = new Path(tmp.toUri().toString());
    Path hadoop = new Path(dir, "by-hadoop");
    try (OutputStream out = fs.create(hadoop, false)) {
      out.write(1);
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    bytes.write(new byte[] {1, 2, 3});
    LocalFiles.write(fs, new Path(dir, ".ours.tmp"), new Path(dir, "ours"), bytes);
    assertEquals(
        PosixFilePermissions.toString(Files.getPosixFilePermissions(tmp.resolve("by-hadoop"))),
        PosixFilePermissions.toString(Files.getPosixFilePermissions(tmp.resolve("ours"))),
        "umask " + umask);
    assertArrayEquals(new byte[] {1, 2, 3}, Files.readAllBytes(tmp.resolve("ours")));
    assertEquals(List.of("by-hadoop", "ours"), names(), "no temporary or checksum file");
  }

  @Test
  void aWriteReplacesTheTargetAndARenameMovesOnlyRegularFiles() throws Exception {
    Configuration conf = new Configuration();
    FileSystem fs = FileSystem.getLocal(conf);
    Path dir = new Path(tmp.toUri().toString());
    Files.writeString(tmp.resolve("model.bin"), "old");
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    bytes.write("new".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    LocalFiles.write(fs, new Path(dir, ".m.tmp"), new Path(dir, "model.bin"), bytes);
    assertEquals("new", Files.readString(tmp.resolve("model.bin")));

    Files.writeString(tmp.resolve("staged"), "staged");
    assertTrue(LocalFiles.replaceFile(fs, new Path(dir, "staged"), new Path(dir, "model.bin")));
    assertEquals("staged", Files.readString(tmp.resolve("model.bin")));
    assertFalse(Files.exists(tmp.resolve("staged")));

    Files.createDirectories(tmp.resolve("folder"));
    assertFalse(
        LocalFiles.replaceFile(fs, new Path(dir, "folder"), new Path(dir, "moved")),
        "a folder is left to Hadoop's rename");
    assertTrue(Files.isDirectory(tmp.resolve("folder")));
  }

  @Test
  void onlyHadoopsOwnLocalFileSystemIsGoneAround() throws Exception {
    Configuration conf = new Configuration();
    assertTrue(LocalFiles.handles(FileSystem.getLocal(conf)));
    assertTrue(LocalFiles.handles(FileSystem.getLocal(conf).getRawFileSystem()));
    conf.setClass("fs.full.impl", org.apache.hadoop.fs.FullFileSystem.class, FileSystem.class);
    conf.setBoolean("fs.full.impl.disable.cache", true);
    assertFalse(LocalFiles.handles(new Path("full:///x").getFileSystem(conf)));
  }

  private List<String> names() throws Exception {
    try (Stream<java.nio.file.Path> s = Files.list(tmp)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }
}
