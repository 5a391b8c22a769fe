package io.bizmaster.store.contract;

import io.bizmaster.testing.ExternalDatabases;

/** The connector contract for {@code jdbc} on the local PostgreSQL (skipped when it is absent, except under CI). */
class JdbcPostgresContractTest extends JdbcContract {

    @Override
    protected String freshUrl() {
        return ExternalDatabases.freshPostgres();
    }
}
