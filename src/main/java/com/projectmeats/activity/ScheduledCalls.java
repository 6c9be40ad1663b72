package com.projectmeats.activity;

import static com.projectmeats.core.crud.Field.bool;
import static com.projectmeats.core.crud.Field.datetime;
import static com.projectmeats.core.crud.Field.email;
import static com.projectmeats.core.crud.Field.integer;
import static com.projectmeats.core.crud.Field.text;
import static com.projectmeats.core.crud.Field.textarea;

import com.projectmeats.core.crud.Resource;

/** A follow-up call about a party, an order or a contact. */
public final class ScheduledCalls {
  private ScheduledCalls() {}

  public static final Resource RESOURCE =
      Resource.named("scheduled-calls", "Scheduled call", "scheduled_calls")
          .displayField("title")
          .defaultOrdering("scheduled_at")
          .fields(
              text("title").required().searchable().orderable(),
              datetime("scheduled_at").required().orderable(),
              integer("duration_minutes").defaultValue(15L),
              email("assignee").filterable(),
              bool("done").defaultValue(false),
              textarea("notes"))
          .fields(ActivityLogs.subjects())
          .build();
}
