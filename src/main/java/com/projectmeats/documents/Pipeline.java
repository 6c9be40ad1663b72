package com.projectmeats.documents;

import com.projectmeats.assistant.Completions;
import com.projectmeats.core.crud.Child;
import com.projectmeats.core.crud.Field;
import com.projectmeats.core.crud.FieldType;
import com.projectmeats.core.crud.Resource;
import com.projectmeats.core.crud.ResourceService;
import com.projectmeats.core.security.Principal;
import com.projectmeats.core.security.Role;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads one claimed document into a draft: its content (on a worker), the target (the user's
 * choice, else a first model call classifies it), the strict-schema extraction, references by name
 * resolved against the company's records, then the API's own validation without writing. Every
 * field that failed a check, could not be resolved or was guessed gets a flag. Any failure ends the
 * document {@code failed} with a reason; nothing is left in {@code processing}.
 */
final class Pipeline {
  static final List<String> TARGETS =
      List.of("purchase-orders", "sales-orders", "invoices", "suppliers", "customers", "carriers");
  static final Duration READ_LIMIT = Duration.ofSeconds(30);
  static final Duration MODEL_LIMIT = Duration.ofSeconds(90);

  /**
   * Longer than every step together; the sweep requeues processing older than {@link
   * Worker#STUCK_AFTER}.
   */
  static final Duration PROCESS_LIMIT = Duration.ofMinutes(3);

  private static final Logger log = LoggerFactory.getLogger(Pipeline.class);

  private final Vertx vertx;
  private final DocumentStore store;
  private final ResourceService records;
  private final Completions completions;
  private final WorkerExecutor readers;

  /** {@code completions} is null when no OPENAI_API_KEY is configured. */
  Pipeline(Vertx vertx, DocumentStore store, ResourceService records, Completions completions) {
    this.vertx = vertx;
    this.store = store;
    this.records = records;
    this.completions = completions;
    this.readers =
        vertx.createSharedWorkerExecutor(
            "documents-readers", 2, READ_LIMIT.toSeconds() * 2, TimeUnit.SECONDS);
  }

  record Drafted(String target, JsonObject draft, JsonObject flags) {}

  Future<Void> process(long id) {
    return store
        .work(id)
        .compose(this::read)
        .timeout(PROCESS_LIMIT.toMillis(), TimeUnit.MILLISECONDS)
        .compose(d -> store.drafted(id, d.target(), d.draft(), d.flags()))
        .recover(
            failure -> {
              String reason = reason(failure);
              log.info("Document {} could not be read: {}", id, reason);
              return store.failed(id, reason);
            });
  }

  private Future<Drafted> read(DocumentStore.Work work) {
    if (completions == null) {
      return Future.failedFuture(
          new Contents.Unreadable(
              "ai_not_configured",
              "No AI service is configured (OPENAI_API_KEY), so documents cannot be read; enter the record by hand."));
    }
    // The uploader, in the document's company: references are looked up exactly as they could.
    Principal uploader =
        new Principal(
            work.uploadedBy(), null, Principal.Via.SESSION, 0, work.companyId(), null, Role.USER);
    long deadline = System.nanoTime() + READ_LIMIT.toNanos();
    return readers
        .executeBlocking(
            () ->
                Contents.parts(work.type(), work.content(), () -> System.nanoTime() - deadline > 0),
            false)
        .timeout(READ_LIMIT.toMillis() + 1000, TimeUnit.MILLISECONDS)
        .compose(
            parts -> target(work, parts).compose(target -> extract(uploader, target, work, parts)));
  }

  private Future<String> target(DocumentStore.Work work, JsonArray parts) {
    if (work.target() != null) {
      return Future.succeededFuture(work.target());
    }
    JsonObject body =
        new JsonObject()
            .put(
                "messages",
                new JsonArray()
                    .add(
                        system(
                            "You sort the business documents of a US meat brokerage. Answer which record the document "
                                + "should become: purchase-orders (the broker buys product from a supplier, e.g. a PO or supplier "
                                + "confirmation), sales-orders (the broker sells product to a customer), invoices (a bill the broker "
                                + "sends a customer), suppliers, customers or carriers (details of a packer, a buyer or a trucking "
                                + "company, e.g. a credit application or carrier packet)."))
                    .add(user(work.filename(), parts)))
            .put(
                "response_format",
                DraftSchema.responseFormat("document_kind", DraftSchema.classifier(TARGETS)));
    return completions
        .complete(body, MODEL_LIMIT)
        .map(
            text -> {
              String target = parse(text).getString("target");
              if (!TARGETS.contains(target)) {
                throw new Completions.Failure(
                    "upstream_bad_response",
                    "The AI service named no known kind of record (" + target + ").");
              }
              return target;
            });
  }

  private Future<Drafted> extract(
      Principal uploader, String target, DocumentStore.Work work, JsonArray parts) {
    Resource resource = records.catalog().get(target);
    JsonObject body =
        new JsonObject()
            .put(
                "messages",
                new JsonArray()
                    .add(
                        system(
                            "You read a document for a US meat brokerage and fill in a "
                                + resource.singular().toLowerCase()
                                + " record from it. Use only what the document says: leave a field null when the document does not give "
                                + "it, and never invent ids or numbers. Write names of suppliers, customers, carriers, plants, locations "
                                + "and products exactly as the document spells them. Weights and prices are numbers as text (\"32000.00\"). "
                                + "List in \"guessed\" every key whose value you inferred or read from an unclear spot instead of reading it plainly."))
                    .add(user(work.filename(), parts)))
            .put(
                "response_format",
                DraftSchema.responseFormat(
                    target.replace('-', '_'), DraftSchema.forResource(resource)));
    return completions
        .complete(body, MODEL_LIMIT)
        .compose(
            text -> {
              JsonObject answer = parse(text);
              JsonObject draft = new JsonObject();
              JsonObject flags = new JsonObject();
              Future<Void> filled = fill(uploader, resource.fields(), answer, draft, flags, "");
              for (Child child : resource.children()) {
                JsonArray rows =
                    answer.getValue(child.name()) instanceof JsonArray a ? a : new JsonArray();
                JsonArray out = new JsonArray();
                for (int i = 0; i < Math.min(rows.size(), child.maxRows()); i++) {
                  JsonObject row = rows.getValue(i) instanceof JsonObject o ? o : new JsonObject();
                  JsonObject drafted = new JsonObject();
                  out.add(drafted);
                  String prefix = child.name() + "[" + i + "].";
                  filled =
                      filled.compose(
                          v -> fill(uploader, child.fields(), row, drafted, flags, prefix));
                }
                if (!out.isEmpty()) {
                  draft.put(child.name(), out);
                }
              }
              return filled
                  .compose(v -> records.validate(uploader, target, draft))
                  .map(
                      errors -> {
                        errors.forEach(
                            (key, messages) ->
                                flags.put(
                                    key,
                                    flags.containsKey(key)
                                        ? flags.getString(key)
                                        : String.join(" ", messages)));
                        markGuesses(resource, answer.getValue(DraftSchema.GUESSED), flags);
                        return new Drafted(target, draft, flags);
                      });
            });
  }

  /**
   * Copies the model's values into the draft under the API's field names; references become ids.
   */
  private Future<Void> fill(
      Principal uploader,
      List<Field> fields,
      JsonObject answer,
      JsonObject draft,
      JsonObject flags,
      String prefix) {
    Future<Void> chain = Future.succeededFuture();
    for (Field f : DraftSchema.writable(fields)) {
      Object value = answer.getValue(DraftSchema.key(f));
      if (value == null || value instanceof String s && s.isBlank()) {
        continue;
      }
      if (f.type() != FieldType.REFERENCE) {
        draft.put(f.name(), value);
        continue;
      }
      String name = String.valueOf(value).strip();
      chain =
          chain.compose(
              v ->
                  resolve(uploader, f.reference(), name)
                      .map(
                          found -> {
                            if (found.id() != null) {
                              draft.put(f.name(), found.id());
                            }
                            if (found.flag() != null) {
                              flags.put(prefix + f.name(), found.flag());
                            }
                            return null;
                          }));
    }
    return chain;
  }

  record Resolved(Long id, String flag) {}

  /** The one record of the company whose name matches; else no id and a flag saying why. */
  private Future<Resolved> resolve(Principal uploader, String resourceName, String name) {
    Resource target = records.catalog().get(resourceName);
    String noun = target.singular().toLowerCase(Locale.ROOT);
    String display = target.displayField();
    MultiMap query =
        MultiMap.caseInsensitiveMultiMap()
            .add("q", name.length() > 100 ? name.substring(0, 100) : name)
            .add("page_size", "10");
    return records
        .list(uploader, resourceName, query)
        .map(
            page -> {
              JsonArray results = page.getJsonArray("results");
              List<JsonObject> exact =
                  results.stream()
                      .map(JsonObject.class::cast)
                      .filter(
                          r -> name.equalsIgnoreCase(String.valueOf(r.getValue(display)).strip()))
                      .toList();
              if (exact.size() == 1) {
                return new Resolved(exact.get(0).getLong("id"), null);
              }
              if (exact.isEmpty() && results.size() == 1) {
                JsonObject only = results.getJsonObject(0);
                return new Resolved(
                    only.getLong("id"),
                    "The document says “"
                        + name
                        + "”; the closest "
                        + noun
                        + " is “"
                        + only.getValue(display)
                        + "”: check it.");
              }
              if (results.isEmpty()) {
                return new Resolved(
                    null,
                    "No "
                        + noun
                        + " named “"
                        + name
                        + "” was found: choose one or create it first.");
              }
              return new Resolved(
                  null,
                  "“"
                      + name
                      + "” matches "
                      + page.getLong("count")
                      + " "
                      + target.name().replace('-', ' ')
                      + ": choose one.");
            })
        .recover(
            failure ->
                Future.succeededFuture(
                    new Resolved(null, "“" + name + "” could not be looked up: choose one.")));
  }

  /**
   * The model's own doubts, for keys that name real fields ({@code supplier_name} is the supplier
   * field).
   */
  private static void markGuesses(Resource resource, Object guessed, JsonObject flags) {
    if (!(guessed instanceof JsonArray keys)) {
      return;
    }
    for (Object k : keys) {
      if (k instanceof String key) {
        path(resource, key.strip())
            .filter(p -> !flags.containsKey(p))
            .ifPresent(
                p ->
                    flags.put(
                        p,
                        "Guessed by the assistant, not read plainly in the document: check it."));
      }
    }
  }

  private static final java.util.regex.Pattern ROW_KEY =
      java.util.regex.Pattern.compile("^([a-z_]+)\\[(\\d{1,3})]\\.([a-z_]+)$");

  /**
   * The flag key for a key of the schema: the API's field name, lines as {@code lines[0].weight};
   * empty when unknown.
   */
  static java.util.Optional<String> path(Resource resource, String key) {
    java.util.regex.Matcher row = ROW_KEY.matcher(key);
    if (row.matches()) {
      return resource
          .childNamed(row.group(1))
          .flatMap(c -> fieldFor(c.fields(), row.group(3)))
          .map(f -> row.group(1) + "[" + Integer.parseInt(row.group(2)) + "]." + f.name());
    }
    return fieldFor(resource.fields(), key).map(Field::name);
  }

  private static java.util.Optional<Field> fieldFor(List<Field> fields, String key) {
    return DraftSchema.writable(fields).stream()
        .filter(f -> f.name().equals(key) || DraftSchema.key(f).equals(key))
        .findFirst();
  }

  private static JsonObject system(String text) {
    return new JsonObject().put("role", "system").put("content", text);
  }

  private static JsonObject user(String filename, JsonArray parts) {
    JsonArray content =
        new JsonArray()
            .add(new JsonObject().put("type", "text").put("text", "File name: " + filename));
    parts.forEach(content::add);
    return new JsonObject().put("role", "user").put("content", content);
  }

  private static JsonObject parse(String text) {
    try {
      return new JsonObject(text);
    } catch (DecodeException | ClassCastException e) {
      throw new Completions.Failure(
          "upstream_bad_response", "The AI service answered something other than the asked JSON.");
    }
  }

  /** "code: sentence" for the document's error. */
  static String reason(Throwable failure) {
    return switch (failure) {
      case Contents.Unreadable u -> u.code + ": " + u.getMessage();
      case Completions.Failure f -> f.code() + ": " + f.getMessage();
      case TimeoutException t -> "timeout: Reading the document took too long.";
      default ->
          "internal_error: The document could not be processed ("
              + failure.getClass().getSimpleName()
              + ").";
    };
  }
}
