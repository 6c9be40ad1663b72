package com.projectmeats.core.crud;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * What a resource does beyond storing fields: derived values, cross-field checks, effects on other
 * records. Every hook runs inside the write's transaction, so a failing rule leaves nothing.
 */
public interface Rules {
  Rules NONE = new Rules() {};

  /**
   * A rule across fields as the OpenAPI document states it: a JSON Schema every create or replace
   * body also satisfies, and the same in words (for a PATCH body, which JSON Schema cannot judge
   * alone: the rule holds for the record once the change is applied).
   */
  record BodyRule(JsonObject schema, String description) {}

  /** Several rules, run in order; each hook waits for the one before it. */
  static Rules all(Rules... rules) {
    return new Rules() {
      @Override
      public Future<Void> beforeSave(Change change) {
        Future<Void> chain = Future.succeededFuture();
        for (Rules r : rules) {
          chain = chain.compose(v -> r.beforeSave(change));
        }
        return chain;
      }

      @Override
      public Future<Void> afterSave(Change change) {
        Future<Void> chain = Future.succeededFuture();
        for (Rules r : rules) {
          chain = chain.compose(v -> r.afterSave(change));
        }
        return chain;
      }

      @Override
      public Future<Void> afterTransition(Change change, Workflow.Transition transition) {
        Future<Void> chain = Future.succeededFuture();
        for (Rules r : rules) {
          chain = chain.compose(v -> r.afterTransition(change, transition));
        }
        return chain;
      }

      @Override
      public Future<Void> afterDelete(Change change) {
        Future<Void> chain = Future.succeededFuture();
        for (Rules r : rules) {
          chain = chain.compose(v -> r.afterDelete(change));
        }
        return chain;
      }

      @Override
      public List<BodyRule> bodyRules() {
        List<BodyRule> all = new ArrayList<>();
        for (Rules r : rules) {
          all.addAll(r.bodyRules());
        }
        return List.copyOf(all);
      }
    };
  }

  /** The cross-field rules of {@link #beforeSave} that the document can state (none by default). */
  default List<BodyRule> bodyRules() {
    return List.of();
  }

  /** Before insert or update: fill derived fields, check rules that span fields; fail with 422. */
  default Future<Void> beforeSave(Change change) {
    return Future.succeededFuture();
  }

  /** After insert or update (the id is known): update records that depend on this one. */
  default Future<Void> afterSave(Change change) {
    return Future.succeededFuture();
  }

  /** After a status action moved the record. */
  default Future<Void> afterTransition(Change change, Workflow.Transition transition) {
    return Future.succeededFuture();
  }

  /** After a delete (the row is gone, {@code change.before()} holds what it was). */
  default Future<Void> afterDelete(Change change) {
    return Future.succeededFuture();
  }
}
