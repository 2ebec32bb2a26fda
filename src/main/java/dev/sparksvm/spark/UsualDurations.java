package dev.sparksvm.spark;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * How long the jobs of each call site usually take: the median of the last {@value #HISTORY}
 * undisturbed ones, so that a job slowed by a lost executor can be reported against it.
 */
final class UsualDurations {

  /** Undisturbed jobs per call site whose median is the "usual" duration. */
  static final int HISTORY = 20;

  private final Map<String, Deque<Long>> millis = new HashMap<>();

  /** Records an undisturbed job of {@code callSite} that took {@code took} ms. */
  void add(String callSite, long took) {
    Deque<Long> usual = millis.computeIfAbsent(callSite, k -> new ArrayDeque<>());
    usual.addLast(took);
    if (usual.size() > HISTORY) {
      usual.removeFirst();
    }
  }

  /** The median ms of {@code callSite}'s recorded jobs; empty before the first. */
  OptionalDouble median(String callSite) {
    Deque<Long> values = millis.get(callSite);
    if (values == null || values.isEmpty()) {
      return OptionalDouble.empty();
    }
    List<Long> sorted = new ArrayList<>(values);
    sorted.sort(null);
    int n = sorted.size();
    return OptionalDouble.of(
        n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2.0);
  }
}
