package dev.sparksvm.options;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparksvm.core.MulticlassHinge;
import dev.sparksvm.core.Softmax;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The losses {@code --loss} names: their factories, names and defaults. */
class LossKindTest {
  @Test
  void eachLossMakesItsFunctionWithTheMargin() {
    assertEquals(new MulticlassHinge(2.5), LossKind.SVM.function(2.5));
    assertEquals(new Softmax(), LossKind.SOFTMAX.function(2.5), "softmax has no margin");
    for (LossKind k : LossKind.values()) {
      assertEquals(k.label(), k.function(1).name(), "the model file's name is the option's");
      assertEquals(k, LossKind.named(k.label()));
      assertEquals(k, LossKind.named(k.label().toUpperCase(java.util.Locale.ROOT)));
      assertEquals(k.label(), k.toString(), "what picocli lists");
    }
    assertNull(LossKind.named("hinge"));
    assertTrue(LossKind.SVM.usesMargin() && LossKind.SVM.piecewiseLinear());
    assertFalse(LossKind.SOFTMAX.usesMargin() || LossKind.SOFTMAX.piecewiseLinear());
  }

  @Test
  void defaultsAreTheDocumentedOnes() {
    // README: the defaults chosen with tune, and CS231n's regularization for gradcheck.
    assertEquals(6e-7, LossKind.SVM.defaultLearningRate(), 0.0);
    assertEquals(3e-6, LossKind.SOFTMAX.defaultLearningRate(), 0.0);
    assertEquals(0, LossKind.SVM.defaultReg(), 0.0);
    assertEquals(30, LossKind.SOFTMAX.defaultReg(), 0.0);
    assertEquals(2.5e4, LossKind.SVM.cs231nReg(), 0.0);
    assertEquals(5e3, LossKind.SOFTMAX.cs231nReg(), 0.0);
    assertEquals(List.of(1e-7, 3e-7, 1e-6, 3e-6), LossKind.SVM.tuneLearningRates());
    assertEquals(List.of(1e-6, 3e-6, 1e-5, 3e-5), LossKind.SOFTMAX.tuneLearningRates());
    assertEquals(LossKind.SOFTMAX, LossOptions.defaults(LossKind.SOFTMAX).loss());
    assertEquals(30, LossOptions.defaults(LossKind.SOFTMAX).reg(), 0.0);
  }
}
