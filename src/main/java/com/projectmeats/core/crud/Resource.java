package com.projectmeats.core.crud;

import com.projectmeats.core.security.Role;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A brokerage resource, declared once: its URL name, table, fields, owned rows, roles, numbering,
 * workflow and rules. The engine ({@link ResourceService}, {@link ResourceRoutes}) does everything
 * else the same way for all of them. Declared through a {@link Builder}: {@code
 * Resource.named("suppliers", "Supplier", "suppliers").displayField("name").fields(...).build()}.
 *
 * @param displayField the field a reference to this resource shows as its name
 * @param writeRole the least role that creates and edits
 * @param deleteRole the least role that deletes
 * @param workflow its status life cycle, or null when it has none
 * @param numberField the field that is the company's next number when a create leaves it blank, or
 *     null
 * @param history whether every change is kept in the record's history
 * @param defaultOrdering a list's ordering when the request names none
 * @param updatable false for records that are facts once written (payments): created, read and
 *     deleted, never edited
 * @param attachments whether files (bills of lading, certificates, photos) can be attached to its
 *     records; such a resource keeps a history, where attaching and removing are recorded
 * @param storedSearchText whether PostgreSQL stores its search text as the trigram-indexed
 *     generated column {@code search_text} (V84), which a search then reads instead of lower-casing
 *     each candidate's columns again
 */
public record Resource(
    String name,
    String singular,
    String table,
    String displayField,
    List<Field> fields,
    List<Child> children,
    Role writeRole,
    Role deleteRole,
    Workflow workflow,
    String numberField,
    boolean history,
    Rules rules,
    String defaultOrdering,
    boolean updatable,
    boolean attachments,
    boolean storedSearchText) {

  /**
   * Starts a declaration with the defaults: users write, managers delete, newest first, updatable.
   */
  public static Builder named(String name, String singular, String table) {
    return new Builder(name, singular, table);
  }

  public Optional<Field> field(String fieldName) {
    return fields.stream().filter(f -> f.name().equals(fieldName)).findFirst();
  }

  /** The column that names a record where another refers to it ({@code id} without a name). */
  public String displayColumn() {
    return field(displayField).map(Field::column).orElse("id");
  }

  public Optional<Child> childNamed(String childName) {
    return children.stream().filter(c -> c.name().equals(childName)).findFirst();
  }

  public String label() {
    String spaced = name.replace('-', ' ');
    return Character.toUpperCase(spaced.charAt(0)) + spaced.substring(1);
  }

  /** Collects a resource's declaration; each option sets one property. */
  public static final class Builder {
    private final String name;
    private final String singular;
    private final String table;
    private String displayField = "id";
    private final List<Field> fields = new ArrayList<>();
    private final List<Child> children = new ArrayList<>();
    private Role writeRole = Role.USER;
    private Role deleteRole = Role.MANAGER;
    private Workflow workflow;
    private String numberField;
    private boolean history;
    private Rules rules = Rules.NONE;
    private String defaultOrdering = "-created_on";
    private boolean updatable = true;
    private boolean attachments;
    private boolean storedSearchText;

    private Builder(String name, String singular, String table) {
      this.name = name;
      this.singular = singular;
      this.table = table;
    }

    /** Appends fields, in the order the API, the docs and the web app show them. */
    public Builder fields(Field.Builder... declared) {
      for (Field.Builder f : declared) {
        fields.add(f.build());
      }
      return this;
    }

    public Builder child(Child child) {
      children.add(child);
      return this;
    }

    public Builder displayField(String field) {
      displayField = field;
      return this;
    }

    public Builder writeRole(Role role) {
      writeRole = role;
      return this;
    }

    public Builder deleteRole(Role role) {
      deleteRole = role;
      return this;
    }

    public Builder numberField(String field) {
      numberField = field;
      return this;
    }

    public Builder history() {
      history = true;
      return this;
    }

    public Builder rules(Rules r) {
      rules = r;
      return this;
    }

    public Builder defaultOrdering(String ordering) {
      defaultOrdering = ordering;
      return this;
    }

    public Builder updatable(boolean changeable) {
      updatable = changeable;
      return this;
    }

    /**
     * Its records take attached files; needs {@link #history()}, which records who attached what.
     */
    public Builder attachments() {
      attachments = true;
      return this;
    }

    /**
     * The status life cycle. Its status field is part of it (a read-only choice of its statuses),
     * so this also appends that field, at this point of the field order.
     */
    public Builder workflow(Workflow flow) {
      workflow = flow;
      return fields(Field.choice(flow.field(), flow.statuses()).readOnly());
    }

    /**
     * Its table has the generated column {@code search_text}, the search expression of its text
     * fields, with the trigram index on it (a migration adds both; {@code SearchIndexTest} checks
     * the column matches the fields, {@code SchemaMatchesDeclarationsTest} that the table has it).
     *
     * <p>V84's header calls this list {@code Dialect.storedSearchText}, its name when V84 was
     * applied; applied migrations are not edited (docs/architecture.md).
     */
    public Builder storedSearchText() {
      storedSearchText = true;
      return this;
    }

    public Resource build() {
      if (attachments && !history) {
        throw new IllegalStateException(
            name + " takes attachments but keeps no history to record who attached what");
      }
      return new Resource(
          name,
          singular,
          table,
          displayField,
          List.copyOf(fields),
          List.copyOf(children),
          writeRole,
          deleteRole,
          workflow,
          numberField,
          history,
          rules,
          defaultOrdering,
          updatable,
          attachments,
          storedSearchText);
    }
  }
}
