package dev.sparksvm.data;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads of this JVM (an executor) that read rows of the blocks' disk parts: one positioned
 * read at a time each, so that together they keep up to {@link #threads()} requests queued at the
 * device, which serves a queue of random reads several times faster than one read at a time. Shared
 * by all the executor's tasks; idle threads end after a few seconds. With 0 threads a task reads
 * its rows itself, one at a time, when it needs them.
 */
public final class DiskReaders {
  /** Threads without a setting: reads in flight at most, for the whole executor. */
  public static final int DEFAULT_THREADS = 16;

  private static final ThreadPoolExecutor POOL = newPool();

  private static volatile int threads = DEFAULT_THREADS;

  private DiskReaders() {}

  /** Reader threads at most; 0 when each task reads its own rows. */
  public static int threads() {
    return threads;
  }

  /** Sets the reader threads (0: each task reads its own rows when it needs them). */
  public static synchronized void threads(int n) {
    if (n < 0) {
      throw new IllegalArgumentException("cannot read with " + n + " threads");
    }
    int size = Math.max(1, n);
    // The core size may never exceed the maximum: grow the maximum first, shrink it last.
    if (size > POOL.getMaximumPoolSize()) {
      POOL.setMaximumPoolSize(size);
      POOL.setCorePoolSize(size);
    } else {
      POOL.setCorePoolSize(size);
      POOL.setMaximumPoolSize(size);
    }
    threads = n;
  }

  /** The pool the reads run on. */
  static ExecutorService pool() {
    return POOL;
  }

  private static ThreadPoolExecutor newPool() {
    AtomicInteger n = new AtomicInteger();
    ThreadPoolExecutor pool =
        new ThreadPoolExecutor(
            DEFAULT_THREADS,
            DEFAULT_THREADS,
            5,
            TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(),
            r -> {
              Thread t = new Thread(r, "sparksvm-disk-rows-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    pool.allowCoreThreadTimeOut(true);
    return pool;
  }
}
