package dev.sparksvm.input;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Counting and stepping through kept records, against plain loops over keeps(). */
class RecordSelectionTest {

  @Test
  void countAndNextAgreeWithKeeps() {
    SplittableRandom random = new SplittableRandom(3);
    long[] listed = new long[40];
    for (int i = 0; i < listed.length; i++) {
      listed[i] = random.nextInt(100);
    }
    listed[0] = listed[1]; // a duplicate counts once
    for (RecordSelection s :
        new RecordSelection[] {
          RecordSelection.all(), RecordSelection.only(listed), RecordSelection.allBut(listed)
        }) {
      for (int from = 0; from <= 100; from += 7) {
        for (int to = from; to <= 110; to += 13) {
          long expected = 0;
          for (long i = from; i < to; i++) {
            expected += s.keeps(i) ? 1 : 0;
          }
          assertEquals(expected, s.count(from, to), "count [" + from + ", " + to + ")");
        }
      }
      for (long i = 0; i < 110; i++) {
        long expected = i;
        while (expected < 200 && !s.keeps(expected)) {
          expected++;
        }
        // None kept from i on (only past the last listed record): "past the end".
        assertEquals(expected < 200 ? expected : Long.MAX_VALUE, s.next(i), "next from " + i);
      }
    }
  }
}
