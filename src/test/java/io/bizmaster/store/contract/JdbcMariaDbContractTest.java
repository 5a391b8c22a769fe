package io.bizmaster.store.contract;

import io.bizmaster.testing.ExternalDatabases;

/** The connector contract for {@code jdbc} on the local MariaDB (skipped when it is absent, except under CI). */
class JdbcMariaDbContractTest extends JdbcContract {

    @Override
    protected String freshUrl() {
        return ExternalDatabases.freshMariaDb();
    }
}
