package com.projectmeats.assistant;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An answer is stored as {@code streaming} while a process writes it. A process that dies (killed,
 * out of memory, its machine gone) cannot say how its answers ended, and they would stay {@code
 * streaming} for ever: never regenerable, never stoppable. So every process renews the answers it
 * streams every {@link #RENEW}, and any process fails the answers nobody renewed for {@link #STALE}
 * with {@code server_restarting}, as a graceful shutdown does. The sweep is the service's own
 * housekeeping, so it spans all companies; it only ever ends answers, never reads them.
 */
final class Leases {
  static final Duration RENEW = Duration.ofSeconds(30);
  static final Duration STALE = Duration.ofSeconds(120);
  private static final int IDS_PER_STATEMENT = 500;
  private static final Logger log = LoggerFactory.getLogger(Leases.class);

  private final Messages messages;
  private final StopSignals streams;
  private final Duration stale;

  Leases(Messages messages, StopSignals streams, Duration stale) {
    this.messages = messages;
    this.streams = streams;
    this.stale = stale;
  }

  /** Renews and sweeps every {@link #RENEW}, from now on, in this process. */
  static Leases start(Vertx vertx, Messages messages, StopSignals streams) {
    Leases leases = new Leases(messages, streams, STALE);
    vertx.setPeriodic(RENEW.toMillis(), RENEW.toMillis(), t -> leases.tick());
    return leases;
  }

  /**
   * One round: the answers this process streams are renewed, then the ones nobody renewed are
   * failed.
   */
  Future<Integer> tick() {
    Instant now = Instant.now();
    List<Long> live = new ArrayList<>(streams.streaming());
    List<Future<Integer>> renewals = new ArrayList<>();
    for (int from = 0; from < live.size(); from += IDS_PER_STATEMENT) {
      renewals.add(
          messages.renew(live.subList(from, Math.min(live.size(), from + IDS_PER_STATEMENT)), now));
    }
    // A process that cannot renew its own answers must not fail anyone's: they may be its own.
    return Future.all(renewals)
        .compose(renewed -> messages.failStale(now.minus(stale), now))
        .onSuccess(
            failed -> {
              if (failed > 0) {
                log.warn(
                    "{} answer(s) were left streaming by a process that stopped; they are now failed (server_restarting)",
                    failed);
              }
            })
        .onFailure(e -> log.warn("Could not renew or sweep streaming answers: {}", e.getMessage()));
  }
}
