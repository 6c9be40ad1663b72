package com.projectmeats.auth;

import com.projectmeats.testing.Datastore;
import com.projectmeats.testing.OnEachDatastore;
import com.projectmeats.testing.TestApp;
import org.junit.jupiter.api.BeforeAll;

/** An auth test contract: the service with cheap password hashing, and people who can sign in. */
abstract class AccountsContract extends OnEachDatastore {
  protected Accounts accounts;

  AccountsContract(Datastore datastore) {
    super(datastore);
  }

  @Override
  protected TestApp startApp() {
    return Accounts.start(datastore);
  }

  @BeforeAll
  final void accounts() {
    accounts = new Accounts(app);
  }
}
