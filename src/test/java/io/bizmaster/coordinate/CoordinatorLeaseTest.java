package io.bizmaster.coordinate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bizmaster.store.jdbc.Dialect;
import io.bizmaster.testing.Eventually;
import io.bizmaster.testing.ExternalDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Two instances' coordinators in one JVM against one business store, with a short lease and beats by hand, so a
 * "paused" instance is one whose beats stop (what a GC pause or SIGSTOP does to its lease thread). On H2 and
 * PostgreSQL (business stores, migrated by Flyway) and MariaDB (the lease's SQL: the V6 script run as it is).
 */
class CoordinatorLeaseTest {

    private static final CoordinatorProperties SHORT = new CoordinatorProperties(Duration.ofMillis(800),
            Duration.ofMillis(200), "", Duration.ofSeconds(20));

    private final List<AutoCloseable> opened = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : opened) {
            c.close();
        }
    }

    private static DataSource businessStore(Dialect dialect) throws Exception {
        DataSource ds = ExternalDatabases.fresh(dialect);
        if (dialect == Dialect.MARIADB) {
            String script = Files.readString(Path.of("src/main/resources/db/log/V7__coordinator.sql"));
            try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
                for (String statement : script.replaceAll("--.*", "").split(";")) {
                    if (!statement.isBlank()) {
                        s.execute(statement);
                    }
                }
            }
        } else {
            Flyway.configure().dataSource(ds).locations("classpath:db/log").load().migrate();
        }
        return ds;
    }

    private Coordinator instance(DataSource ds, String id) {
        Coordinator c = new Coordinator(new CoordinatorLease(ds), SHORT);
        c.name(id);
        opened.add(c);
        return c;
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void oneHoldsTheLeaseAndAfterItsPauseTheOtherTakesOverWithANewEpoch(Dialect dialect) throws Exception {
        DataSource ds = businessStore(dialect);
        Coordinator a = instance(ds, "host-a:8080");
        Coordinator b = instance(ds, "host-b:8080");

        a.beat();
        b.beat();
        assertThat(a.isCoordinator()).isTrue();
        assertThat(b.isCoordinator()).as("the lease is held by a").isFalse();
        long first = a.epoch();
        CoordinatorStatus seenFromB = b.status();
        assertThat(seenFromB.instance()).isEqualTo("host-b:8080");
        assertThat(seenFromB.coordinator()).isEqualTo("host-a:8080");
        assertThat(seenFromB.epoch()).isEqualTo(first);
        assertThat(seenFromB.thisOne()).isFalse();
        assertThat(seenFromB.expiresInMs()).isPositive();

        a.beat(); // a renewal keeps the epoch
        b.beat();
        assertThat(a.epoch()).isEqualTo(first);
        assertThat(b.isCoordinator()).isFalse();

        // a is paused: no more beats. b takes over once the lease expires by the database's clock.
        Eventually.await("b takes over after a's lease expired", Duration.ofSeconds(20), () -> {
            b.beat();
            return b.isCoordinator();
        });
        assertThat(b.epoch()).isEqualTo(first + 1);
        assertThat(a.isCoordinator()).as("a's own clock says its lease ran out").isFalse();

        // a resumes: its renewal fails at once, and it does not take the lease back from a live holder.
        a.beat();
        assertThat(a.isCoordinator()).isFalse();
        assertThat(a.epoch()).isZero();
        assertThat(b.status().coordinator()).isEqualTo("host-b:8080");
        assertThat(b.status().thisOne()).isTrue();
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void aPausedFormerCoordinatorsWriteIsRefusedOnceAnotherTookOver(Dialect dialect) throws Exception {
        DataSource ds = businessStore(dialect);
        Coordinator a = instance(ds, "host-a:8080");
        Coordinator b = instance(ds, "host-b:8080");
        a.beat();
        assertThat(fencedWrite(ds, a)).as("the holder writes").isTrue();

        Eventually.await("b takes over", Duration.ofSeconds(20), () -> {
            b.beat();
            return b.isCoordinator();
        });

        // a wakes up in the middle of a step, before any beat of its own told it: its write is still refused.
        assertThatThrownBy(() -> fencedWrite(ds, a)).isInstanceOf(LeadershipLostException.class)
                .hasMessageContaining("host-a:8080").hasMessageContaining("epoch " + (b.epoch() - 1))
                .hasMessageContaining("held by 'host-b:8080'");
        assertThat(fencedWrite(ds, b)).isTrue();
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void aTakeoverWaitsForTheHoldersWriteInFlight(Dialect dialect) throws Exception {
        DataSource ds = businessStore(dialect);
        Coordinator a = instance(ds, "host-a:8080");
        a.beat();
        long epoch = a.epoch();
        CoordinatorLease other = new CoordinatorLease(ds);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            a.fence(c); // the holder's write is in flight: the lease row is locked until it commits
            Eventually.await("a's lease expires by the database's clock", Duration.ofSeconds(20),
                    () -> new CoordinatorLease(ds).current().expiresInMs() < 0);
            Future<java.util.OptionalLong> takeover = pool.submit(() -> other.acquire("host-b:8080", 800));
            // The acquisition cannot complete while a's transaction holds the row: it is ordered after a's write.
            assertThat(takeover.isDone()).isFalse();
            c.commit();
            assertThat(takeover.get(20, TimeUnit.SECONDS)).hasValue(epoch + 1);
        } finally {
            pool.shutdownNow();
        }
    }

    @ParameterizedTest
    @EnumSource(value = Dialect.class, names = {"H2", "POSTGRESQL"})
    void aRestartedInstanceTakesItsLeaseBackAtOnceAndAReleasedLeaseIsFreeAtOnce(Dialect dialect) throws Exception {
        DataSource ds = businessStore(dialect);
        Coordinator before = instance(ds, "host-a:8080");
        before.beat();
        long first = before.epoch();

        // Same id: the process that held it was killed and this is its restart; no waiting for the expiry.
        Coordinator restarted = instance(ds, "host-a:8080");
        restarted.beat();
        assertThat(restarted.epoch()).isEqualTo(first + 1);
        assertThatThrownBy(() -> fencedWrite(ds, before)).isInstanceOf(LeadershipLostException.class);

        restarted.close(); // stops: the lease is released
        Coordinator b = instance(ds, "host-b:8080");
        b.beat();
        assertThat(b.isCoordinator()).isTrue();
        assertThat(b.epoch()).isEqualTo(first + 2);
    }

    @ParameterizedTest
    @EnumSource(value = Dialect.class, names = {"H2", "POSTGRESQL"})
    void aVerbAskedOnAnotherInstanceIsCarriedOutByTheCoordinatorOnce(Dialect dialect) throws Exception {
        DataSource ds = businessStore(dialect);
        Coordinator a = instance(ds, "host-a:8080");
        Coordinator b = instance(ds, "host-b:8080");
        a.beat();
        b.beat();
        List<String> carriedOut = new java.util.concurrent.CopyOnWriteArrayList<>();
        CoordinatorRequests onA = new CoordinatorRequests(ds, a, SHORT.verbTimeout());
        CoordinatorRequests onB = new CoordinatorRequests(ds, b, SHORT.verbTimeout());
        opened.add(onA);
        opened.add(onB);
        for (var pair : List.of(java.util.Map.entry("host-a:8080", onA), java.util.Map.entry("host-b:8080", onB))) {
            pair.getValue().handle("migrate.cutover", (target, argument) -> {
                if (target.equals("wrong")) {
                    throw new IllegalArgumentException("migration 'wrong': not READY");
                }
                carriedOut.add(target + " on " + pair.getKey());
                return "cut over " + target;
            });
        }
        onA.start(50);

        assertThat(onB.call("migrate.cutover", "m1", null)).isEqualTo("cut over m1");
        assertThat(carriedOut).containsExactly("m1 on host-a:8080");
        assertThatThrownBy(() -> onB.call("migrate.cutover", "wrong", null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("migration 'wrong': not READY");
        // Asked on the coordinator itself, the verb runs there at once.
        assertThat(onA.call("migrate.cutover", "m2", null)).isEqualTo("cut over m2");
        assertThat(carriedOut).containsExactly("m1 on host-a:8080", "m2 on host-a:8080");
    }

    /** A state write as the migration and replay repositories make it: fenced in its own transaction. */
    private static boolean fencedWrite(DataSource ds, Coordinator c) throws Exception {
        try (Connection connection = ds.getConnection()) {
            connection.setAutoCommit(false);
            try {
                c.fence(connection);
                try (Statement s = connection.createStatement()) {
                    s.executeUpdate("UPDATE coordinator_request SET state = state WHERE 1 = 0");
                }
                connection.commit();
                return true;
            } catch (Exception e) {
                connection.rollback();
                throw e;
            }
        }
    }
}
