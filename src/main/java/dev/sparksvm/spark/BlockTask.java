package dev.sparksvm.spark;

import dev.sparksvm.data.FeatureBlock;
import java.io.Serializable;
import org.apache.spark.TaskContext;
import scala.collection.Iterator;
import scala.runtime.AbstractFunction2;

/**
 * What one task computes on its partition's cached {@link FeatureBlock}, for {@link BlockJob}.
 * Tasks are named classes, not lambdas: Spark's {@code ClosureCleaner} parses the class file of
 * every lambda or Scala closure it is given, with ASM, on every job, while a named class passes
 * through untouched. A task's fields are all it ships; W travels by broadcast, never in a field.
 *
 * @param <R> the result shipped back to the driver (bytes are cheapest to serialize)
 */
public abstract class BlockTask<R> extends AbstractFunction2<TaskContext, Iterator<FeatureBlock>, R>
    implements Serializable {
  private static final long serialVersionUID = 1L;

  @Override
  public final R apply(TaskContext context, Iterator<FeatureBlock> blocks) {
    return run(context.partitionId(), blocks.next());
  }

  /** The result of partition {@code partition}, whose block is {@code block}. */
  protected abstract R run(int partition, FeatureBlock block);
}
