package com.projectmeats.assistant;

import com.projectmeats.core.config.AppConfig;
import com.projectmeats.core.crud.Records;
import com.projectmeats.core.db.Database;
import com.projectmeats.core.http.Api;
import com.projectmeats.reports.ReportRoutes;
import io.vertx.core.Vertx;
import java.util.function.Consumer;

/**
 * The assistant's chat: sessions, streamed answers from an OpenAI-compatible server, tools over the
 * company's records, usage. Built once per App (shared client and stop signals); its routes are
 * declared on every router the App builds.
 */
public final class Assistant implements Consumer<Api> {
  private final Guard guard;
  private final SessionRoutes sessionRoutes;
  private final MessageRoutes messageRoutes;
  private final UsageRoutes usageRoutes;
  private final StatusRoutes statusRoutes;

  public Assistant(
      Vertx vertx, AppConfig config, Database database, Records records, ReportRoutes reports) {
    AppConfig.OpenAiSettings settings = config.openAi();
    this.guard = new Guard(settings.configured());
    Sessions sessions = new Sessions(database);
    Messages messages = new Messages(database);
    Chat chat = null;
    StopSignals stops = null;
    if (settings.configured()) {
      stops = StopSignals.forDatabase(database);
      UpstreamClient upstream = new UpstreamClient(vertx, settings, config.serverInstances());
      ChatStream.Services services =
          new ChatStream.Services(
              vertx,
              settings,
              upstream,
              new Tools(records, new Reports.Source(reports::receivables, reports::dashboard)),
              messages,
              stops);
      chat = new Chat(services, messages);
      Leases.start(vertx, messages, stops);
    }
    this.sessionRoutes = new SessionRoutes(sessions, stops);
    this.messageRoutes = new MessageRoutes(chat, messages);
    this.usageRoutes = new UsageRoutes(database);
    this.statusRoutes = new StatusRoutes(settings);
  }

  @Override
  public void accept(Api api) {
    sessionRoutes.mount(api, guard);
    messageRoutes.mount(api, guard);
    usageRoutes.mount(api, guard);
    statusRoutes.mount(api);
  }
}
