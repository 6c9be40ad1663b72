package com.projectmeats.core.crud;

import com.projectmeats.core.security.Role;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A brokerage resource, declared once: its URL name, table, fields, owned rows, roles,
 * numbering, workflow and rules. The engine ({@link ResourceService}, {@link ResourceRoutes})
 * does everything else the same way for all of them.
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
    boolean updatable) {

  /** Starts a declaration; every resource reads {@code Resource.named("suppliers", "Supplier", "suppliers")...}. */
  public static Resource named(String name, String singular, String table) {
    return new Resource(name, singular, table, "id", List.of(), List.of(), Role.USER, Role.MANAGER, null, null,
        false, Rules.NONE, "-created_on", true);
  }

  public Resource fields(Field... declared) {
    List<Field> all = new ArrayList<>(fields);
    all.addAll(List.of(declared));
    return new Resource(name, singular, table, displayField, List.copyOf(all), children, writeRole, deleteRole,
        workflow, numberField, history, rules, defaultOrdering, updatable);
  }

  public Resource display(String field) {
    return new Resource(name, singular, table, field, fields, children, writeRole, deleteRole, workflow, numberField,
        history, rules, defaultOrdering, updatable);
  }

  public Resource child(Child child) {
    List<Child> all = new ArrayList<>(children);
    all.add(child);
    return new Resource(name, singular, table, displayField, fields, List.copyOf(all), writeRole, deleteRole,
        workflow, numberField, history, rules, defaultOrdering, updatable);
  }

  public Resource roles(Role write, Role delete) {
    return new Resource(name, singular, table, displayField, fields, children, write, delete, workflow, numberField,
        history, rules, defaultOrdering, updatable);
  }

  public Resource workflow(Workflow flow) {
    Field status = Field.choice(flow.field(), flow.statuses()).readOnly();
    return new Resource(name, singular, table, displayField, fields, children, writeRole, deleteRole, flow, numberField,
        history, rules, defaultOrdering, updatable).fields(status);
  }

  /** The field is the company's next number when a create leaves it blank; unique per company. */
  public Resource numbered(String field) {
    return new Resource(name, singular, table, displayField, fields, children, writeRole, deleteRole, workflow, field,
        history, rules, defaultOrdering, updatable);
  }

  public Resource withHistory() {
    return new Resource(name, singular, table, displayField, fields, children, writeRole, deleteRole, workflow,
        numberField, true, rules, defaultOrdering, updatable);
  }

  public Resource rules(Rules r) {
    return new Resource(name, singular, table, displayField, fields, children, writeRole, deleteRole, workflow,
        numberField, history, r, defaultOrdering, updatable);
  }

  public Resource ordering(String ordering) {
    return new Resource(name, singular, table, displayField, fields, children, writeRole, deleteRole, workflow,
        numberField, history, rules, ordering, updatable);
  }

  /** Records that are facts once written (payments): create, read and delete, never edit. */
  public Resource immutable() {
    return new Resource(name, singular, table, displayField, fields, children, writeRole, deleteRole, workflow,
        numberField, history, rules, defaultOrdering, false);
  }

  public Optional<Field> field(String fieldName) {
    return fields.stream().filter(f -> f.name().equals(fieldName)).findFirst();
  }

  public Optional<Child> childNamed(String childName) {
    return children.stream().filter(c -> c.name().equals(childName)).findFirst();
  }

  public String label() {
    String spaced = name.replace('-', ' ');
    return Character.toUpperCase(spaced.charAt(0)) + spaced.substring(1);
  }
}
