package dev.sparksvm.io;

import java.io.IOException;
import java.io.OutputStream;

/** Produces a file's bytes. */
@FunctionalInterface
public interface StreamWriter {
  void writeTo(OutputStream out) throws IOException;
}
