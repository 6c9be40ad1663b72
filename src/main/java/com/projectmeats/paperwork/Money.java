package com.projectmeats.paperwork;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;

/**
 * Amounts and quantities as printed: from the record's decimal strings, never through binary
 * floating point.
 */
final class Money {
  private Money() {}

  /** "134200.00" → "$134,200.00"; "-5.5" → "-$5.50"; blank → "". */
  static String dollars(String amount) {
    if (amount == null || amount.isBlank()) {
      return "";
    }
    BigDecimal value = new BigDecimal(amount).setScale(2, RoundingMode.HALF_UP);
    String digits = String.format(Locale.US, "%,.2f", value.abs());
    return (value.signum() < 0 ? "-$" : "$") + digits;
  }

  /**
   * A decimal with grouping and the record's own scale: "32000.00" → "32,000.00", "2.4500" →
   * "2.4500".
   */
  static String decimal(String value) {
    if (value == null || value.isBlank()) {
      return "";
    }
    BigDecimal d = new BigDecimal(value);
    return String.format(Locale.US, "%,." + Math.max(d.scale(), 0) + "f", d);
  }

  static BigDecimal of(String amount) {
    return amount == null || amount.isBlank() ? BigDecimal.ZERO : new BigDecimal(amount);
  }
}
