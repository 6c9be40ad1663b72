package com.projectmeats.core.crud;

/** What a field holds on the wire; the engine derives validation, storage and filters from it. */
public enum FieldType {
  TEXT,
  TEXTAREA,
  EMAIL,
  PHONE,
  INTEGER,
  /** Exact decimal with a fixed scale (weights, prices per unit); a string on the wire. */
  DECIMAL,
  /** Exact amount in cents; a string such as "1234.50" on the wire. */
  MONEY,
  DATE,
  DATETIME,
  BOOLEAN,
  /** One value of a fixed list, spelled exactly as the business spells it (domain/Choices). */
  CHOICE,
  /** Several values of a fixed list. */
  CHOICES,
  /** The id of another record of the same company. */
  REFERENCE;

  public boolean numeric() {
    return this == INTEGER || this == DECIMAL || this == MONEY;
  }

  public boolean textual() {
    return this == TEXT || this == TEXTAREA || this == EMAIL || this == PHONE;
  }

  public String wire() {
    return name().toLowerCase();
  }
}
