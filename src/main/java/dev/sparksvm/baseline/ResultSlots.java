package dev.sparksvm.baseline;

import scala.runtime.AbstractFunction2;
import scala.runtime.BoxedUnit;

/**
 * The result handler of a floor job: stores each task's result in its partition's slot. Spark calls
 * it on the driver. A named class, not a lambda, so Spark's closure cleaner has nothing to do.
 */
final class ResultSlots extends AbstractFunction2<Object, Object, BoxedUnit> {
  private final Object[] slots;

  ResultSlots(Object[] slots) {
    this.slots = slots;
  }

  @Override
  public BoxedUnit apply(Object index, Object result) {
    slots[(Integer) index] = result;
    return BoxedUnit.UNIT;
  }
}
