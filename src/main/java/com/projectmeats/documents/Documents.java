package com.projectmeats.documents;

import com.projectmeats.assistant.Completions;
import com.projectmeats.core.config.AppConfig;
import com.projectmeats.core.crud.ResourceService;
import com.projectmeats.core.db.Database;
import com.projectmeats.core.http.Api;
import io.vertx.core.Vertx;
import java.util.function.Consumer;

/**
 * Documents into draft records: uploads stored in the database, read in the background by the
 * configured AI service, reviewed and accepted into real records. Built once per App (one worker
 * per replica); its routes are declared on every router the App builds.
 */
public final class Documents implements Consumer<Api> {
  private final DocumentRoutes routes;

  public Documents(
      Vertx vertx,
      AppConfig config,
      Database database,
      ResourceService records,
      AcceptedDocument accepted) {
    DocumentStore store = new DocumentStore(database);
    Completions completions =
        config.openAi().configured() ? new Completions(vertx, config.openAi()) : null;
    Worker worker = new Worker(vertx, store, new Pipeline(vertx, store, records, completions));
    worker.start();
    this.routes = new DocumentRoutes(vertx, store, records, worker::sweep, accepted);
  }

  @Override
  public void accept(Api api) {
    routes.mount(api);
  }
}
