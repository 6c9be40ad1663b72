package com.projectmeats.core.crud;

import java.util.List;

/**
 * One field of a resource, as declared by the resource and read by the engine: its wire name,
 * column, type and the rules that follow from DOMAIN.md. Immutable; the builder-style methods
 * return changed copies, so declarations read as one expression per field.
 */
public record Field(
    String name,
    String column,
    FieldType type,
    String label,
    boolean isRequired,
    int maxLength,
    int scale,
    List<String> choices,
    String reference,
    boolean isReadOnly,
    boolean search,
    boolean filter,
    boolean order,
    boolean list,
    Object defaultValue) {

  public static Field of(String name, FieldType type) {
    int max = switch (type) {
      case TEXTAREA -> 10_000;
      case EMAIL -> 254;
      case PHONE -> 30;
      default -> 200;
    };
    int scale = type == FieldType.MONEY ? 2 : type == FieldType.DECIMAL ? 2 : 0;
    boolean filterable = type == FieldType.CHOICE || type == FieldType.CHOICES || type == FieldType.REFERENCE
        || type == FieldType.BOOLEAN || type == FieldType.DATE;
    return new Field(name, type == FieldType.REFERENCE ? name + "_id" : name, type, label(name), false, max, scale,
        List.of(), null, false, false, filterable, type == FieldType.DATE, true, null);
  }

  public static Field text(String name) { return of(name, FieldType.TEXT); }
  public static Field textarea(String name) { return of(name, FieldType.TEXTAREA).listed(false); }
  public static Field email(String name) { return of(name, FieldType.EMAIL); }
  public static Field phone(String name) { return of(name, FieldType.PHONE); }
  public static Field integer(String name) { return of(name, FieldType.INTEGER); }
  public static Field decimal(String name, int scale) { return of(name, FieldType.DECIMAL).withScale(scale); }
  public static Field money(String name) { return of(name, FieldType.MONEY); }
  public static Field date(String name) { return of(name, FieldType.DATE); }
  public static Field datetime(String name) { return of(name, FieldType.DATETIME); }
  public static Field bool(String name) { return of(name, FieldType.BOOLEAN); }

  public static Field choice(String name, List<String> choices) {
    return of(name, FieldType.CHOICE).withChoices(choices);
  }

  public static Field choices(String name, List<String> choices) {
    return of(name, FieldType.CHOICES).withChoices(choices).listed(false);
  }

  /** A link to a record of {@code resource} in the same company; the wire name holds its id. */
  public static Field ref(String name, String resource) {
    return new Field(name, name + "_id", FieldType.REFERENCE, label(name), false, 0, 0, List.of(), resource,
        false, false, true, false, true, null);
  }

  public Field required() { return new Field(name, column, type, label, true, maxLength, scale, choices, reference, isReadOnly, search, filter, order, list, defaultValue); }
  public Field max(int length) { return new Field(name, column, type, label, isRequired, length, scale, choices, reference, isReadOnly, search, filter, order, list, defaultValue); }
  public Field withScale(int s) { return new Field(name, column, type, label, isRequired, maxLength, s, choices, reference, isReadOnly, search, filter, order, list, defaultValue); }
  public Field withChoices(List<String> c) { return new Field(name, column, type, label, isRequired, maxLength, scale, List.copyOf(c), reference, isReadOnly, search, filter, order, list, defaultValue); }
  /** Computed by the server (totals, status, snapshots): shown, never taken from a request body. */
  public Field readOnly() { return new Field(name, column, type, label, false, maxLength, scale, choices, reference, true, search, filter, order, list, defaultValue); }
  public Field searchable() { return new Field(name, column, type, label, isRequired, maxLength, scale, choices, reference, isReadOnly, true, filter, true, list, defaultValue); }
  public Field filterable() { return new Field(name, column, type, label, isRequired, maxLength, scale, choices, reference, isReadOnly, search, true, order, list, defaultValue); }
  public Field orderable() { return new Field(name, column, type, label, isRequired, maxLength, scale, choices, reference, isReadOnly, search, filter, true, list, defaultValue); }
  public Field listed(boolean shown) { return new Field(name, column, type, label, isRequired, maxLength, scale, choices, reference, isReadOnly, search, filter, order, shown, defaultValue); }
  public Field labelled(String text) { return new Field(name, column, type, text, isRequired, maxLength, scale, choices, reference, isReadOnly, search, filter, order, list, defaultValue); }

  /** What a create (or a full replace) stores when the field is left out. */
  public Field defaultsTo(Object value) { return new Field(name, column, type, label, isRequired, maxLength, scale, choices, reference, isReadOnly, search, filter, order, list, value); }

  static String label(String name) {
    String spaced = name.replace('_', ' ');
    return Character.toUpperCase(spaced.charAt(0)) + spaced.substring(1);
  }
}
