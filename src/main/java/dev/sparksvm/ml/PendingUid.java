package dev.sparksvm.ml;

import org.apache.spark.ml.util.Identifiable$;

/**
 * The uid an estimator or model is being constructed with, for the params spark.ml's own
 * constructors make before ours runs: a Java subclass cannot set a field before {@code super()},
 * yet {@code Predictor}'s constructor already makes {@code featuresCol} and friends with {@code
 * uid()}. The public constructor taking a uid parks it here, in an argument of the constructor it
 * delegates to (evaluated before {@code super()}), and {@code uid()} takes it on first call.
 */
final class PendingUid {
  private static final ThreadLocal<String> PENDING = new ThreadLocal<>();

  private PendingUid() {}

  /** What a constructor taking the parked uid receives. */
  enum Token {
    INSTANCE
  }

  /** Parks {@code uid} for the instance this thread constructs next. */
  static Token hold(String uid) {
    if (uid == null || uid.isEmpty()) {
      throw new IllegalArgumentException("a uid must not be empty");
    }
    PENDING.set(uid);
    return Token.INSTANCE;
  }

  /** The parked uid (taken, so it serves one instance), or a fresh one with {@code prefix}. */
  static String take(String prefix) {
    String uid = PENDING.get();
    PENDING.remove();
    return uid != null ? uid : Identifiable$.MODULE$.randomUID(prefix);
  }
}
