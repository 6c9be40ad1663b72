package com.projectmeats.core.crud;

import java.util.List;

/**
 * One field of a resource, as declared by the resource and read by the engine: its wire name,
 * column, type and the rules that follow from it. Immutable; declared through a {@link Builder}
 * ({@code text("order_number").maxLength(40).searchable().orderable()}), whose options each set one
 * property and nothing else.
 *
 * @param required a create (or a full replace) must carry a value, unless {@link #defaultValue}
 *     gives one
 * @param readOnly computed by the server (totals, status, snapshots): shown, never taken from a
 *     request body
 * @param searchable matched by a list's {@code q}; on a reference, {@code q} matches the referenced
 *     record's name
 * @param filterable a list accepts {@code ?name=value}
 * @param orderable a list accepts {@code ?ordering=name} (or {@code -name})
 * @param listed shown as a column of the web app's list page
 * @param defaultValue what a create (or a full replace) stores when the field is left out
 */
public record Field(
    String name,
    String column,
    FieldType type,
    String label,
    boolean required,
    int maxLength,
    int scale,
    List<String> choices,
    String reference,
    boolean readOnly,
    boolean searchable,
    boolean filterable,
    boolean orderable,
    boolean listed,
    Object defaultValue) {

  /**
   * A field of {@code type} with that type's defaults: choice, reference, boolean and date fields
   * are filterable, dates orderable; long texts and multi-choices are not listed.
   */
  public static Builder of(String name, FieldType type) {
    return new Builder(name, type);
  }

  public static Builder text(String name) {
    return of(name, FieldType.TEXT);
  }

  public static Builder textarea(String name) {
    return of(name, FieldType.TEXTAREA);
  }

  public static Builder email(String name) {
    return of(name, FieldType.EMAIL);
  }

  public static Builder phone(String name) {
    return of(name, FieldType.PHONE);
  }

  public static Builder integer(String name) {
    return of(name, FieldType.INTEGER);
  }

  public static Builder decimal(String name, int scale) {
    return of(name, FieldType.DECIMAL).scale(scale);
  }

  public static Builder money(String name) {
    return of(name, FieldType.MONEY);
  }

  public static Builder date(String name) {
    return of(name, FieldType.DATE);
  }

  public static Builder datetime(String name) {
    return of(name, FieldType.DATETIME);
  }

  public static Builder bool(String name) {
    return of(name, FieldType.BOOLEAN);
  }

  public static Builder choice(String name, List<String> choices) {
    return of(name, FieldType.CHOICE).choices(choices);
  }

  public static Builder choices(String name, List<String> choices) {
    return of(name, FieldType.CHOICES).choices(choices);
  }

  /**
   * A link to a record of {@code resource} in the same company; the wire name holds its id, the
   * column is {@code name_id}.
   */
  public static Builder ref(String name, String resource) {
    return of(name, FieldType.REFERENCE).reference(resource);
  }

  static String label(String name) {
    String spaced = name.replace('_', ' ');
    return Character.toUpperCase(spaced.charAt(0)) + spaced.substring(1);
  }

  /**
   * Collects a field's options; {@link #build()} checks that they agree and makes the immutable
   * {@link Field}.
   */
  public static final class Builder {
    private final String name;
    private final FieldType type;
    private String label;
    private boolean required;
    private int maxLength;
    private int scale;
    private List<String> choices = List.of();
    private String reference;
    private boolean readOnly;
    private boolean searchable;
    private boolean filterable;
    private boolean orderable;
    private boolean listed;
    private Object defaultValue;

    private Builder(String name, FieldType type) {
      this.name = name;
      this.type = type;
      this.label = Field.label(name);
      this.maxLength =
          switch (type) {
            case TEXTAREA -> 10_000;
            case EMAIL -> 254;
            case PHONE -> 30;
            case REFERENCE -> 0;
            default -> 200;
          };
      this.scale = type == FieldType.MONEY || type == FieldType.DECIMAL ? 2 : 0;
      this.filterable =
          switch (type) {
            case CHOICE, CHOICES, REFERENCE, BOOLEAN, DATE -> true;
            default -> false;
          };
      this.orderable = type == FieldType.DATE;
      this.listed = type != FieldType.TEXTAREA && type != FieldType.CHOICES;
    }

    public Builder required() {
      required = true;
      return this;
    }

    public Builder readOnly() {
      readOnly = true;
      return this;
    }

    public Builder searchable() {
      searchable = true;
      return this;
    }

    public Builder filterable() {
      filterable = true;
      return this;
    }

    public Builder orderable() {
      orderable = true;
      return this;
    }

    public Builder listed(boolean shown) {
      listed = shown;
      return this;
    }

    public Builder maxLength(int length) {
      maxLength = length;
      return this;
    }

    public Builder scale(int digits) {
      scale = digits;
      return this;
    }

    public Builder label(String text) {
      label = text;
      return this;
    }

    public Builder defaultValue(Object value) {
      defaultValue = value;
      return this;
    }

    Builder choices(List<String> allowed) {
      choices = List.copyOf(allowed);
      return this;
    }

    Builder reference(String resource) {
      reference = resource;
      return this;
    }

    public String name() {
      return name;
    }

    /**
     * Fails on options that contradict each other, so a declaration never means less than it says.
     */
    public Field build() {
      if (required && readOnly) {
        throw new IllegalStateException(
            name + ": a read-only field cannot be required (the server fills it)");
      }
      if (searchable && !type.textual() && type != FieldType.REFERENCE) {
        throw new IllegalStateException(
            name + ": only text fields and references can be searchable");
      }
      return new Field(
          name,
          type == FieldType.REFERENCE ? name + "_id" : name,
          type,
          label,
          required,
          maxLength,
          scale,
          choices,
          reference,
          readOnly,
          searchable,
          filterable,
          orderable,
          listed,
          defaultValue);
    }
  }
}
