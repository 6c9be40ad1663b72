package com.projectmeats.auth;

import com.projectmeats.core.config.AppConfig;
import com.projectmeats.core.config.UsageException;
import com.projectmeats.core.db.Database;
import com.projectmeats.core.db.Migrations;
import com.projectmeats.core.error.ApiException;
import com.projectmeats.core.security.Role;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * {@code create-user --email E [--password P] --company NAME --role owner [--name N]}: the first
 * user of an installation, like Django's createsuperuser. Creates the company (or joins the one the
 * name's slug already names) and the user, through the same repositories as the API. The password
 * may come from PROJECTMEATS_PASSWORD instead of --password, to keep it out of shell history.
 * Mistakes end with one line and exit code 2.
 */
public final class CreateUserCommand {
  public static final String USAGE = "create-user --email E --company C --role R [--password P]";
  public static final String HELP =
      "add a user to a company (created if new); [--name N]; the password may come from PROJECTMEATS_PASSWORD";
  static final String PASSWORD_ENV = "PROJECTMEATS_PASSWORD";
  private static final Set<String> OPTIONS =
      Set.of("--email", "--password", "--company", "--role", "--name");

  private CreateUserCommand() {}

  public static int run(AppConfig config, String[] args) throws Exception {
    return run(config, args, System.getenv(), System.out);
  }

  static int run(AppConfig config, String[] args, Map<String, String> env, PrintStream out)
      throws Exception {
    Map<String, String> options = parse(args);
    String email = Fields.normalEmail(require(options, "--email"));
    if (!Fields.isEmail(email)) {
      throw new UsageException("'" + email + "' is not an e-mail address");
    }
    String company = require(options, "--company").strip();
    if (CompanyRepository.slug(company).isEmpty() || company.length() > 200) {
      throw new UsageException(
          "--company needs a name of 1 to 200 characters with at least one letter or digit");
    }
    Role role =
        Role.parse(require(options, "--role").toLowerCase(Locale.ROOT))
            .orElseThrow(() -> new UsageException("--role must be one of " + Fields.ROLES));
    String password = password(options, env);
    List<String> problems = PasswordPolicy.problems(password, email);
    if (!problems.isEmpty()) {
      throw new UsageException("the password " + String.join(" and ", problems));
    }
    String name = options.getOrDefault("--name", "").strip();

    Migrations.migrate(config);
    Vertx vertx = Vertx.vertx();
    Database db = Database.open(vertx, config);
    try {
      Created created =
          create(
                  db,
                  new Passwords(vertx, config.passwordIterations()),
                  email,
                  name,
                  password,
                  company,
                  role)
              .toCompletionStage()
              .toCompletableFuture()
              .get(5, TimeUnit.MINUTES);
      out.printf(
          "Created user %s (id %d) as %s of %s company \"%s\" (id %d, X-Tenant-ID: %s).%n",
          email,
          created.userId(),
          role.wire(),
          created.company().created() ? "the new" : "the existing",
          created.company().name(),
          created.company().id(),
          created.company().slug());
      return 0;
    } catch (ExecutionException e) {
      if (e.getCause() instanceof ApiException api && api.code().equals("email_taken")) {
        throw new UsageException("a user with the e-mail address " + email + " already exists");
      }
      throw e;
    } finally {
      // Two steps, not chained: a continuation after vertx.close() would need an event loop that is
      // gone.
      try {
        db.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      } finally {
        vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      }
    }
  }

  record Created(long userId, CompanyRepository.Company company) {}

  /** The company (found or new), the user and the membership, in one transaction. */
  static Future<Created> create(
      Database db,
      Passwords passwords,
      String email,
      String name,
      String password,
      String companyName,
      Role role) {
    return passwords
        .hash(password)
        .compose(
            hash ->
                db.inTransaction(
                    sql ->
                        CompanyRepository.findOrCreate(sql, companyName)
                            .compose(
                                company ->
                                    UserRepository.insert(sql, email, name, hash, company.id())
                                        .compose(
                                            userId ->
                                                MemberRepository.add(
                                                        sql, userId, company.id(), role)
                                                    .map(new Created(userId, company))))));
  }

  private static Map<String, String> parse(String[] args) {
    Map<String, String> options = new LinkedHashMap<>();
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      String value;
      if (arg.contains("=")) {
        value = arg.substring(arg.indexOf('=') + 1);
        arg = arg.substring(0, arg.indexOf('='));
      } else if (i + 1 < args.length) {
        value = args[++i];
      } else {
        throw new UsageException(arg + " needs a value");
      }
      if (!OPTIONS.contains(arg)) {
        throw new UsageException("unknown option " + arg + "; usage: " + USAGE);
      }
      options.put(arg, value);
    }
    return options;
  }

  private static String require(Map<String, String> options, String name) {
    String value = options.get(name);
    if (value == null || value.isBlank()) {
      throw new UsageException(name + " is required; usage: " + USAGE);
    }
    return value;
  }

  /** From --password, else PROJECTMEATS_PASSWORD (which keeps it out of shell history and ps). */
  private static String password(Map<String, String> options, Map<String, String> env) {
    String given = options.get("--password");
    if (given == null) {
      given = env.get(PASSWORD_ENV);
    }
    if (given == null || given.isEmpty()) {
      throw new UsageException(
          "give the password with --password or in the " + PASSWORD_ENV + " environment variable");
    }
    return given;
  }
}
