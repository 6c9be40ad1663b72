package com.projectmeats;

import com.projectmeats.assistant.Assistant;
import com.projectmeats.attachments.Attachments;
import com.projectmeats.auth.AuthFeature;
import com.projectmeats.auth.Authentication;
import com.projectmeats.catalog.Brokerage;
import com.projectmeats.company.ProfileRoutes;
import com.projectmeats.company.ProfileStore;
import com.projectmeats.core.config.AppConfig;
import com.projectmeats.core.crud.RecordPages;
import com.projectmeats.core.crud.ResourceRoutes;
import com.projectmeats.core.crud.ResourceService;
import com.projectmeats.core.db.Database;
import com.projectmeats.core.db.Migrations;
import com.projectmeats.core.error.ApiException;
import com.projectmeats.core.health.Health;
import com.projectmeats.core.http.AccessLog;
import com.projectmeats.core.http.Api;
import com.projectmeats.core.http.ApiRoute;
import com.projectmeats.core.http.HttpVerticle;
import com.projectmeats.core.http.ProblemHandler;
import com.projectmeats.core.http.RequestId;
import com.projectmeats.core.http.SecurityHeaders;
import com.projectmeats.core.http.WebApp;
import com.projectmeats.core.metrics.Metrics;
import com.projectmeats.core.security.Authenticator;
import com.projectmeats.docs.DocsRoutes;
import com.projectmeats.documents.Documents;
import com.projectmeats.export.ExportRoutes;
import com.projectmeats.mail.DocumentSends;
import com.projectmeats.mail.Mail;
import com.projectmeats.money.OverdueInvoices;
import com.projectmeats.paperwork.Paperwork;
import com.projectmeats.paperwork.PaperworkRoutes;
import com.projectmeats.reports.ReportRoutes;
import com.projectmeats.search.SearchRoutes;
import com.projectmeats.today.TodayRoutes;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.CorsHandler;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The wiring: the one place where the datastore, the features and the HTTP server meet. Features
 * get their dependencies here and declare their routes on {@link Api}.
 */
public final class App {
  private static final Logger log = LoggerFactory.getLogger(App.class);

  private final Vertx vertx;
  private final AppConfig config;
  private final Database database;
  private final Metrics metrics;
  private final Authenticator authenticator;
  private final ResourceService records;
  private final ReportRoutes reports;
  private final DocsRoutes docs;
  private final OverdueInvoices overdueInvoices;
  private final WebApp webApp;

  /** Each feature declares its routes on the API; this list is the whole product. */
  private final List<Consumer<Api>> features;

  private final List<HttpVerticle> servers = new CopyOnWriteArrayList<>();
  private volatile List<ApiRoute> routeTable = List.of();
  private String deploymentId;
  private final AtomicBoolean schemaReady = new AtomicBoolean();
  private final Promise<Void> fatal = Promise.promise();

  private App(Vertx vertx, AppConfig config, Database database, Metrics metrics) {
    this.vertx = vertx;
    this.metrics = metrics;
    this.config = config;
    this.database = database;
    this.authenticator = new Authentication(database, config, vertx, metrics.registry());
    this.records = new ResourceService(database, Brokerage.catalog());
    this.reports = new ReportRoutes(database);
    ProfileStore profiles = new ProfileStore(database);
    this.docs = new DocsRoutes(vertx, () -> routeTable);
    this.overdueInvoices = new OverdueInvoices(vertx, database);
    Mail mail = new Mail(vertx, database, config.mail());
    this.webApp = WebApp.packaged();
    Paperwork paperwork = new Paperwork(vertx, records, profiles);
    Attachments attachments = new Attachments(vertx, database, records);
    this.features =
        List.of(
            new AuthFeature(database, config, vertx, mail, authenticator),
            new ExportRoutes(
                vertx, records.catalog(), new RecordPages(database, records.catalog())),
            new ResourceRoutes(records),
            new ProfileRoutes(vertx, profiles),
            new PaperworkRoutes(paperwork),
            new DocumentSends(mail, database, records, paperwork),
            reports,
            new TodayRoutes(database),
            new SearchRoutes(records),
            new Assistant(vertx, config, database, records, reports),
            attachments,
            new Documents(vertx, config, database, records, attachments));
  }

  /**
   * Serves at once and migrates beside it: until the schema is current the API answers 503 and
   * /healthz says why, so a database that is down at start-up delays readiness instead of killing
   * the process. {@link #fatal()} fails if a migration itself is broken.
   */
  public static Future<App> start(AppConfig config) {
    Metrics metrics = new Metrics();
    Vertx vertx = metrics.vertx(new VertxOptions().setPreferNativeTransport(false));
    metrics.watchEventLoops(vertx, VertxOptions.DEFAULT_EVENT_LOOP_POOL_SIZE);
    App app = new App(vertx, config, Database.open(vertx, config), metrics);
    return app.listen()
        .onSuccess(started -> app.prepareSchema())
        .recover(
            failure -> {
              // Not chained: once Vert.x is closed its event loops can no longer complete our
              // future.
              vertx.close();
              return Future.failedFuture(failure);
            });
  }

  /**
   * A schema that already holds this build's migrations makes the service ready at once; Flyway's
   * full check of it follows in the background and, like a failed migration, stops the service when
   * the history does not match. Anything else (a new or older database) is migrated first.
   */
  private void prepareSchema() {
    Migrations.isCurrent(vertx, database)
        .compose(
            current -> {
              if (current) {
                schemaReady.set(true);
                overdueInvoices.start();
                log.info(
                    "Schema of {} holds this version's migrations; Flyway checks it in the background",
                    config.database());
                return Migrations.validateUntilReachable(vertx, config.database()).<Void>mapEmpty();
              }
              return Migrations.runUntilReachable(vertx, config)
                  .onSuccess(
                      done -> {
                        schemaReady.set(true);
                        overdueInvoices.start();
                      })
                  .<Void>mapEmpty();
            })
        .onFailure(
            failure -> {
              schemaReady.set(false);
              log.error(
                  "Migrations failed; the service cannot serve this database: {}",
                  failure.getMessage(),
                  failure);
              fatal.tryFail(failure);
            });
  }

  /**
   * Fails when the service can never become ready (a broken migration or a schema history that does
   * not match).
   */
  public Future<Void> fatal() {
    return fatal.future();
  }

  public boolean schemaReady() {
    return schemaReady.get();
  }

  private Future<App> listen() {
    DeploymentOptions options = new DeploymentOptions().setInstances(config.serverInstances());
    return vertx
        .deployVerticle(
            () -> {
              HttpVerticle verticle =
                  new HttpVerticle(this::router, config.port(), config.shutdownTimeout());
              servers.add(verticle);
              return verticle;
            },
            options)
        .map(
            id -> {
              deploymentId = id;
              log.info(
                  "ProjectMeats serves on port {} ({} env, {})",
                  port(),
                  config.env().name().toLowerCase(),
                  config.database());
              return this;
            });
  }

  Router router() {
    Router root = Router.router(vertx);
    root.route()
        .handler(new RequestId())
        .handler(new AccessLog())
        .handler(new SecurityHeaders(!config.env().isDev()))
        .handler(metrics.streamCounter());
    if (!config.corsAllowedOrigins().isEmpty()) {
      root.route("/api/*")
          .handler(
              CorsHandler.create()
                  .addOrigins(config.corsAllowedOrigins())
                  .allowCredentials(true)
                  .allowedMethods(
                      Set.of(
                          HttpMethod.GET,
                          HttpMethod.POST,
                          HttpMethod.PUT,
                          HttpMethod.PATCH,
                          HttpMethod.DELETE))
                  .allowedHeaders(
                      Set.of(
                          "Content-Type",
                          "Authorization",
                          "X-Tenant-ID",
                          "If-Match",
                          "Idempotency-Key",
                          "X-Requested-With",
                          "X-CSRF-Token",
                          "Accept"))
                  .exposedHeaders(Set.of("ETag", "Location", "X-Request-Id", "Retry-After")));
    }
    new Health(vertx, database, schemaReady::get, config.openAi().configured()).mount(root);
    metrics.mount(root);
    root.route("/api/*")
        .handler(
            ctx -> {
              if (schemaReady.get()) {
                ctx.next();
              } else {
                ctx.fail(
                    ApiException.unavailable(
                        "starting",
                        "The service is starting: the database schema is not ready yet."));
              }
            });

    Router apiRouter = Router.router(vertx);
    Api api = new Api(vertx, apiRouter, authenticator);
    features.forEach(feature -> feature.accept(api));
    routeTable = api.routes();
    root.route(Api.PREFIX + "/*").subRouter(apiRouter);
    docs.mount(root);
    root.route("/api/*")
        .handler(
            ctx ->
                ctx.fail(ApiException.notFound("No API route at " + ctx.request().path() + ".")));

    webApp.mount(root);
    ProblemHandler problems = new ProblemHandler();
    root.route().failureHandler(problems);
    // Requests no route matched (wrong method, unsupported media type) never reach a failure
    // handler.
    for (int status : new int[] {400, 404, 405, 406, 413, 415, 500}) {
      root.errorHandler(status, problems);
    }
    return root;
  }

  public int port() {
    return servers.isEmpty() ? config.port() : servers.get(0).actualPort();
  }

  public Vertx vertx() {
    return vertx;
  }

  public Database database() {
    return database;
  }

  public AppConfig config() {
    return config;
  }

  /** The brokerage records, for code that is not an HTTP route (commands, the assistant). */
  public ResourceService records() {
    return records;
  }

  /** The daily job that marks invoices overdue (it starts by itself once the schema is current). */
  public OverdueInvoices overdueInvoices() {
    return overdueInvoices;
  }

  public List<ApiRoute> routeTable() {
    return routeTable;
  }

  /**
   * Stops taking connections, lets in-flight requests finish (up to the drain limit), closes the
   * pool, then Vert.x. The returned future completes off the event loops, which are gone by then.
   */
  public Future<Void> stop() {
    overdueInvoices.stop();
    if (authenticator instanceof Authentication auth) {
      auth.close();
    }
    Future<Void> undeploy =
        deploymentId == null ? Future.succeededFuture() : vertx.undeploy(deploymentId);
    Promise<Void> stopped = Promise.promise();
    undeploy
        .eventually(database::close)
        .onComplete(
            drained -> {
              CompletableFuture<Void> closed =
                  vertx.close().toCompletionStage().toCompletableFuture();
              closed.whenComplete((v, e) -> stopped.handle(drained));
            });
    return stopped.future();
  }
}
