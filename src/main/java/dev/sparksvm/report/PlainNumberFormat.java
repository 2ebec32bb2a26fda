package dev.sparksvm.report;

import java.text.DecimalFormat;
import java.text.FieldPosition;
import java.text.NumberFormat;
import java.text.ParsePosition;

/**
 * Tick labels for log axes that read as plain values: {@code 0.5}, {@code 20}, {@code 790}, and
 * {@code 1e-07} only where a value is too small or too large to read plainly.
 */
final class PlainNumberFormat extends NumberFormat {
  private static final long serialVersionUID = 1L;
  private final DecimalFormat plain = new DecimalFormat("#,##0.####");
  private final DecimalFormat scientific = new DecimalFormat("0.##E0");

  @Override
  public StringBuffer format(double value, StringBuffer out, FieldPosition pos) {
    double magnitude = Math.abs(value);
    boolean readable = magnitude == 0 || (magnitude >= 1e-3 && magnitude < 1e7);
    return (readable ? plain : scientific).format(value, out, pos);
  }

  @Override
  public StringBuffer format(long value, StringBuffer out, FieldPosition pos) {
    return format((double) value, out, pos);
  }

  @Override
  public Number parse(String source, ParsePosition pos) {
    return plain.parse(source, pos);
  }
}
