package io.bizmaster.store.contract;

/** The connector contract for {@code jdbc} on H2 (a file database, so it outlives a killed process). */
class JdbcH2ContractTest extends JdbcContract {

    @Override
    protected String freshUrl() {
        return "jdbc:h2:file:" + data.resolve("stores").resolve("subject") + ";WRITE_DELAY=0";
    }
}
