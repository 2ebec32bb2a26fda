package dev.sparksvm.spark;

import dev.sparksvm.data.VectorBlock;
import java.io.Serializable;

/**
 * What one partition of a DataFrame is cached as: its training rows and, when a validation
 * indicator column splits them, its validation rows, read in the same pass.
 *
 * @param train the rows to train on
 * @param validation the held-out rows, or null without an indicator column
 */
public record SplitBlock(VectorBlock train, VectorBlock validation) implements Serializable {
  private static final long serialVersionUID = 1L;

  VectorBlock trainBlock() {
    return train;
  }

  VectorBlock validationBlock() {
    return validation;
  }
}
