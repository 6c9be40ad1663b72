package com.projectmeats.core.crud;

import com.projectmeats.core.db.Sql;
import com.projectmeats.core.security.Principal;
import java.util.List;
import java.util.Map;

/**
 * A write in progress, handed to {@link Rules}: the transaction, who writes, the record before
 * (null on create) and the values being written (field name → canonical Java value: String, Long,
 * BigDecimal, LocalDate, Instant, Boolean, List of String). Rules may change {@code values} and
 * {@code children}; nothing else can.
 */
public record Change(
    Sql sql,
    Principal caller,
    Resource resource,
    Long id,
    Map<String, Object> before,
    Map<String, Object> values,
    Map<String, List<Map<String, Object>>> children) {

  public boolean creating() {
    return before == null;
  }

  /** The value being written, else the stored one. */
  public Object current(String field) {
    if (values.containsKey(field)) {
      return values.get(field);
    }
    return before == null ? null : before.get(field);
  }

  public Change withId(long newId) {
    return new Change(sql, caller, resource, newId, before, values, children);
  }
}
