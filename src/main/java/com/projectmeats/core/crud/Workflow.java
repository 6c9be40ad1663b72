package com.projectmeats.core.crud;

import com.projectmeats.core.security.Role;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A record's status life cycle: its statuses, where a new record starts, and the actions that move
 * it (each with the states it may start from and the role it needs). Status never changes through
 * PATCH/PUT; only through these actions, each written to the record's history.
 */
public record Workflow(
    String field, List<String> statuses, String initial, Map<String, Transition> actions) {

  public record Transition(String action, Set<String> from, String to, Role role) {}

  public static Workflow of(String field, List<String> statuses, String initial) {
    return new Workflow(field, List.copyOf(statuses), initial, Map.of());
  }

  public Workflow action(String name, Set<String> from, String to, Role role) {
    Map<String, Transition> copy = new LinkedHashMap<>(actions);
    copy.put(name, new Transition(name, Set.copyOf(from), to, role));
    return new Workflow(field, statuses, initial, copy);
  }

  public Optional<Transition> transition(String action) {
    return Optional.ofNullable(actions.get(action));
  }
}
