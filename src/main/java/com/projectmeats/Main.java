package com.projectmeats;

import com.projectmeats.auth.CreateUserCommand;
import com.projectmeats.core.config.AppConfig;
import com.projectmeats.core.config.ConfigException;
import com.projectmeats.core.config.UsageException;
import com.projectmeats.core.db.Migrations;
import com.projectmeats.demo.SeedDemoCommand;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code java -jar projectmeats.jar [command]}. Exit codes: 0 done, 1 failed, 2 bad configuration
 * or usage.
 */
public final class Main {
  static final int OK = 0;
  static final int FAILED = 1;
  static final int USAGE = 2;

  interface Command {
    int run(AppConfig config, String[] args) throws Exception;
  }

  record Entry(String usage, String help, Command command) {}

  static Map<String, Entry> commands() {
    Map<String, Entry> commands = new LinkedHashMap<>();
    commands.put(
        "serve",
        new Entry(
            "serve",
            "migrate the database, then serve HTTP on PORT (the default command)",
            Main::serve));
    commands.put(
        "migrate",
        new Entry("migrate", "bring the database schema up to date, then exit", Main::migrate));
    commands.put(
        "create-user",
        new Entry(CreateUserCommand.USAGE, CreateUserCommand.HELP, CreateUserCommand::run));
    commands.put(
        "seed-demo", new Entry(SeedDemoCommand.USAGE, SeedDemoCommand.HELP, SeedDemoCommand::run));
    return commands;
  }

  public static void main(String[] args) {
    int code = FAILED;
    try {
      code = run(args);
      flushLogs();
    } catch (Throwable e) {
      e.printStackTrace();
    } finally {
      // Always, whatever was thrown: the event loops are not daemon threads, so a main thread that
      // ended on a throw (a class the replaced jar no longer has, met while stopping or flushing
      // the logs) would leave the process running, deaf to the SIGTERM it has already handled.
      System.exit(code);
    }
  }

  /**
   * Log lines go through a queue (logback.xml); the last ones ("Stopped cleanly") must reach stdout
   * before exit.
   */
  private static void flushLogs() {
    if (LoggerFactory.getILoggerFactory() instanceof ch.qos.logback.classic.LoggerContext logback) {
      logback.stop();
    }
  }

  static int run(String[] args) {
    String name = args.length == 0 ? "serve" : args[0];
    if (name.equals("--help") || name.equals("-h") || name.equals("help")) {
      System.out.println(help());
      return OK;
    }
    Entry entry = commands().get(name);
    if (entry == null) {
      System.err.println("projectmeats: unknown command '" + name + "'\n\n" + help());
      return USAGE;
    }
    AppConfig config;
    try {
      config = AppConfig.fromEnvironment();
    } catch (ConfigException e) {
      System.err.println("projectmeats: configuration error: " + e.getMessage());
      return USAGE;
    }
    // Before the first logger exists: logback.xml picks its appender from this property.
    System.setProperty(
        "projectmeats.log.appender",
        config.logFormat() == AppConfig.LogFormat.JSON ? "JSON" : "TEXT");
    String[] rest = Arrays.copyOfRange(args, Math.min(1, args.length), args.length);
    try {
      return entry.command().run(config, rest);
    } catch (UsageException e) {
      System.err.println("projectmeats " + name + ": " + e.getMessage());
      return USAGE;
    } catch (Exception e) {
      Throwable cause =
          e instanceof java.util.concurrent.ExecutionException && e.getCause() != null
              ? e.getCause()
              : e;
      LoggerFactory.getLogger(Main.class).error("{} failed: {}", name, cause.getMessage(), cause);
      return FAILED;
    }
  }

  static String help() {
    StringBuilder out =
        new StringBuilder(
            """
        ProjectMeats — the operating system of a meat brokerage.

        Usage: java -jar projectmeats.jar [command] [options]

        Commands:
        """);
    commands()
        .values()
        .forEach(e -> out.append(String.format("  %-60s %s%n", e.usage(), e.help())));
    out.append(
        "\nConfiguration comes from environment variables (README.md says what each means):\n ");
    int width = 1;
    for (String variable : AppConfig.VARIABLES) {
      if (width + variable.length() + 1 > 100) {
        out.append("\n ");
        width = 1;
      }
      out.append(' ').append(variable);
      width += variable.length() + 1;
    }
    return out.toString();
  }

  private static int migrate(AppConfig config, String[] args) throws Exception {
    Migrations.migrate(config);
    return OK;
  }

  private static int serve(AppConfig config, String[] args) throws Exception {
    Logger log = LoggerFactory.getLogger(Main.class);
    App app = App.start(config).toCompletionStage().toCompletableFuture().get();
    CountDownLatch stopped = new CountDownLatch(1);
    AtomicBoolean stopFailed = new AtomicBoolean();
    Runnable shutdown =
        () -> {
          log.info(
              "Stopping: draining in-flight requests for up to {} s",
              config.shutdownTimeout().toSeconds());
          try {
            app.stop()
                .toCompletionStage()
                .toCompletableFuture()
                .get(
                    config.shutdownTimeout().plus(Duration.ofSeconds(10)).toMillis(),
                    TimeUnit.MILLISECONDS);
            log.info("Stopped cleanly");
          } catch (Exception | Error e) {
            // An Error too (a class that can no longer be loaded because the jar was replaced
            // under the running process): the process must still exit on SIGTERM instead of
            // ignoring it for ever.
            stopFailed.set(true);
            log.warn("Stopped with an error: {}", e.toString());
          } finally {
            stopped.countDown();
          }
        };
    // A handled SIGTERM lets the process drain and exit 0, as Compose and Kubernetes expect.
    for (String signal : new String[] {"TERM", "INT"}) {
      sun.misc.Signal.handle(
          new sun.misc.Signal(signal), sig -> new Thread(shutdown, "shutdown").start());
    }
    app.fatal().onFailure(failure -> stopped.countDown());
    stopped.await();
    return app.fatal().failed() || stopFailed.get() ? FAILED : OK;
  }
}
