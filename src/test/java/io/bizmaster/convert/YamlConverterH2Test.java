package io.bizmaster.convert;

import static io.bizmaster.convert.TestCommands.cmd;
import static io.bizmaster.convert.TestStores.apply;
import static io.bizmaster.convert.TestStores.row;
import static io.bizmaster.convert.TestStores.rows;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bizmaster.command.SequencedCommand;
import io.bizmaster.store.jdbc.Dialect;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.TimeZone;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every operation against an in-memory H2 store, checking the rows it leaves. */
class YamlConverterH2Test {

    static final String SHOP = """
            converter: shop
            version: 1
            on:
              account.opened:
                - insert: ACCOUNT
                  set: {ID: key, OWNER: payload.owner, NICK: payload.nick, LIMIT_AMOUNT: payload.limit, OPENED_AT: issuedAt, VIP: payload.vip, LAST_SEQ: seq}
                - insert: ACCOUNT_LOG
                  set:
                    ACCOUNT_ID: key
                    SEQ: seq
                    NOTE: concat('opened by ', source, ' for ', payload.owner)
              account.saved:
                - upsert: ACCOUNT
                  key: {ID: key}
                  set: {OWNER: payload.owner, NICK: payload.nick, LAST_SEQ: seq}
              account.renamed:
                - update: ACCOUNT
                  key: {ID: key}
                  set: {OWNER: payload.owner}
              account.credited:
                - increment: ACCOUNT
                  key: {ID: key}
                  add: {CREDIT: payload.amount}
                  set: {LAST_SEQ: seq}
              account.tagged:
                - upsert: ACCOUNT_LOG
                  key: {ACCOUNT_ID: key, SEQ: int(payload.logSeq)}
              account.closed:
                - delete: ACCOUNT_LOG
                  key: {ACCOUNT_ID: key, SEQ: int(payload.logSeq)}
                - delete: ACCOUNT
                  key: {ID: key}
              account.noted:
                - update: ACCOUNT
                  key: {ID: key}
                  set: {NICK: payload.details}
              account.anonymised:
                - update: ACCOUNT
                  key: {ID: key}
                  set: {OWNER: payload.missing}
            """;

    static final String[] SCHEMA = {
            "CREATE TABLE ACCOUNT (ID VARCHAR(64) PRIMARY KEY, OWNER VARCHAR(200) NOT NULL, NICK VARCHAR(100), CREDIT BIGINT,"
                    + " LIMIT_AMOUNT DECIMAL(12,2), OPENED_AT TIMESTAMP(3), VIP BOOLEAN, LAST_SEQ BIGINT)",
            "CREATE TABLE ACCOUNT_LOG (ACCOUNT_ID VARCHAR(64) NOT NULL, SEQ BIGINT NOT NULL, NOTE VARCHAR(500), PRIMARY KEY (ACCOUNT_ID, SEQ))"};

    @TempDir
    Path dir;

    DataSource store;
    YamlConverter shop;

    @BeforeEach
    void setUp() throws Exception {
        store = TestStores.fresh(Dialect.H2);
        TestStores.execute(store, SCHEMA);
        shop = load(SHOP);
    }

    private YamlConverter load(String yaml) throws IOException {
        Path file = dir.resolve("shop").resolve("v1.yaml");
        Files.createDirectories(file.getParent());
        Files.writeString(file, yaml);
        return new YamlConverterLoader().load(file);
    }

    private void applyAll(SequencedCommand... commands) throws SQLException {
        apply(shop, store, "shop-h2", List.of(commands));
    }

    private static LocalDateTime utc(long seq) {
        return LocalDateTime.ofInstant(TestCommands.issuedAt(seq), ZoneOffset.UTC);
    }

    @Test
    void insertWritesTheRowAndSeveralOperationsRunInOrder() throws SQLException {
        applyAll(cmd(1, "account.opened", "a1", "{`owner`: `Ann`, `limit`: 12.30, `vip`: true}"));

        var account = row(store, "SELECT * FROM ACCOUNT WHERE ID = ?", "a1");
        assertThat(account.string("OWNER")).isEqualTo("Ann");
        assertThat(account.get("NICK")).isNull();
        assertThat(account.get("CREDIT")).isNull();
        assertThat(account.decimal("LIMIT_AMOUNT")).isEqualTo(new BigDecimal("12.30"));
        assertThat(account.time("OPENED_AT")).isEqualTo(utc(1));
        assertThat(account.bool("VIP")).isTrue();
        assertThat(account.number("LAST_SEQ")).isEqualTo(1L);
        assertThat(row(store, "SELECT NOTE FROM ACCOUNT_LOG WHERE ACCOUNT_ID = ? AND SEQ = 1", "a1").string("NOTE"))
                .isEqualTo("opened by test-app for Ann");
    }

    @Test
    void upsertInsertsThenUpdatesOnlyItsColumns() throws SQLException {
        applyAll(cmd(1, "account.opened", "a1", "{`owner`: `Ann`, `nick`: `annie`, `limit`: 5}"),
                cmd(2, "account.saved", "a1", "{`owner`: `Ann B.`}"),
                cmd(3, "account.saved", "a2", "{`owner`: `Bob`, `nick`: `bobby`}"));

        var a1 = row(store, "SELECT * FROM ACCOUNT WHERE ID = ?", "a1");
        assertThat(a1.string("OWNER")).isEqualTo("Ann B.");
        assertThat(a1.get("NICK")).as("set columns are written even when null").isNull();
        assertThat(a1.decimal("LIMIT_AMOUNT")).as("columns outside set are kept").isEqualTo(new BigDecimal("5.00"));
        assertThat(a1.number("LAST_SEQ")).isEqualTo(2L);
        var a2 = row(store, "SELECT * FROM ACCOUNT WHERE ID = ?", "a2");
        assertThat(a2.string("OWNER")).isEqualTo("Bob");
        assertThat(a2.string("NICK")).isEqualTo("bobby");
        assertThat(a2.get("OPENED_AT")).isNull();
    }

    @Test
    void upsertOfKeyColumnsOnlyIsIdempotent() throws SQLException {
        applyAll(cmd(1, "account.tagged", "a1", "{`logSeq`: 7}"), cmd(2, "account.tagged", "a1", "{`logSeq`: `7`}"),
                cmd(3, "account.tagged", "a1", "{`logSeq`: 8}"));
        assertThat(rows(store, "SELECT SEQ FROM ACCOUNT_LOG ORDER BY SEQ")).extracting(r -> r.number("SEQ")).containsExactly(7L, 8L);
    }

    @Test
    void updateIncrementAndDelete() throws SQLException {
        applyAll(cmd(1, "account.opened", "a1", "{`owner`: `Ann`}"),
                cmd(2, "account.opened", "a2", "{`owner`: `Bob`}"),
                cmd(3, "account.renamed", "a1", "{`owner`: `Anne`}"),
                cmd(4, "account.credited", "a1", "{`amount`: 5}"),
                cmd(5, "account.credited", "a1", "{`amount`: 7}"),
                cmd(6, "account.credited", "a2", "{`amount`: -3}"),
                cmd(7, "account.closed", "a2", "{`logSeq`: 2}"));

        var a1 = row(store, "SELECT * FROM ACCOUNT WHERE ID = ?", "a1");
        assertThat(a1.string("OWNER")).isEqualTo("Anne");
        assertThat(a1.number("CREDIT")).as("null + 5 + 7").isEqualTo(12L);
        assertThat(a1.number("LAST_SEQ")).isEqualTo(5L);
        assertThat(rows(store, "SELECT ID FROM ACCOUNT")).extracting(r -> r.string("ID")).containsExactly("a1");
        assertThat(rows(store, "SELECT ACCOUNT_ID FROM ACCOUNT_LOG")).extracting(r -> r.string("ACCOUNT_ID")).containsExactly("a1");
        assertThat(shop.noRowMatchedCount()).isZero();
    }

    @Test
    void findingNoRowIsCountedNotFailed() throws SQLException {
        applyAll(cmd(1, "account.renamed", "ghost", "{`owner`: `Nobody`}"),
                cmd(2, "account.credited", "ghost", "{`amount`: 1}"),
                cmd(3, "account.closed", "ghost", "{`logSeq`: 1}"));
        assertThat(shop.noRowMatchedCount()).isEqualTo(4);
        assertThat(rows(store, "SELECT * FROM ACCOUNT")).isEmpty();
    }

    @Test
    void unlistedCommandTypesAreNotHandledAndChangeNothing() throws SQLException {
        assertThat(shop.handles("account.audited")).isFalse();
        applyAll(cmd(1, "account.audited", "a1", "{`owner`: `Ann`}"));
        assertThat(rows(store, "SELECT * FROM ACCOUNT")).isEmpty();
    }

    @Test
    void exactAndDoubleDecimalsStoreTheSame() throws SQLException {
        applyAll(cmd(TestCommands.EXACT_JSON, 1, "account.opened", "a1", "{`owner`: `Ann`, `limit`: 12.30}"),
                cmd(TestCommands.JSON, 2, "account.opened", "a2", "{`owner`: `Bob`, `limit`: 12.30}"),
                cmd(TestCommands.JSON, 3, "account.opened", "a3", "{`owner`: `Cy`, `limit`: 9999999999.99}"));
        assertThat(rows(store, "SELECT LIMIT_AMOUNT FROM ACCOUNT ORDER BY ID")).extracting(r -> r.decimal("LIMIT_AMOUNT"))
                .containsExactly(new BigDecimal("12.30"), new BigDecimal("12.30"), new BigDecimal("9999999999.99"));
    }

    @Test
    void hostileTextIsStoredVerbatim() throws SQLException {
        String key = "x'); DROP TABLE ACCOUNT; --";
        String owner = "O'Brien \"Bobby\" ; DROP TABLE ACCOUNT_LOG; -- \\' \\\\ ? $1 :name %s";
        String nick = "Zoë Åström 日本語 😀 \u202Eevil";
        applyAll(new SequencedCommand(1, new io.bizmaster.command.Command("c1", "account.saved", key,
                TestCommands.JSON.createObjectNode().put("owner", owner).put("nick", nick), "app'; --", TestCommands.T0)));
        var account = row(store, "SELECT * FROM ACCOUNT WHERE ID = ?", key);
        assertThat(account.string("OWNER")).isEqualTo(owner);
        assertThat(account.string("NICK")).isEqualTo(nick);
    }

    @Test
    void timestampsAreUtcWallClockWhateverTheJvmZone() throws SQLException {
        TimeZone original = TimeZone.getDefault();
        TimeZone.setDefault(TimeZone.getTimeZone("America/New_York"));
        try {
            DataSource elsewhere = TestStores.fresh(Dialect.H2);
            TestStores.execute(elsewhere, SCHEMA);
            apply(shop, elsewhere, "shop-ny", List.of(cmd(1, "account.opened", "a1", "{`owner`: `Ann`}")));
            assertThat(row(elsewhere, "SELECT OPENED_AT FROM ACCOUNT").time("OPENED_AT")).isEqualTo(utc(1));
        } finally {
            TimeZone.setDefault(original);
        }
    }

    @Test
    void aJsonObjectForAColumnFailsNamingEverything() throws SQLException {
        applyAll(cmd(1, "account.opened", "a1", "{`owner`: `Ann`}"));
        assertThatThrownBy(() -> applyAll(cmd(2, "account.noted", "a1", "{`details`: {`secret`: `s3cr3t`}}")))
                .isInstanceOf(ConversionException.class)
                .hasMessageContaining("store 'shop-h2'")
                .hasMessageContaining("converter shop@1")
                .hasMessageContaining("command cmd-2 (account.noted, seq 2)")
                .hasMessageContaining("operation on.account.noted[0] (update ACCOUNT)")
                .hasMessageContaining("column NICK = payload.details")
                .hasMessageContaining("cannot store a JSON object")
                .hasMessageNotContaining("s3cr3t");
    }

    @Test
    void aNullKeyFailsInsteadOfMatchingNothing() {
        assertThatThrownBy(() -> applyAll(cmd(1, "account.closed", "a1", "{}")))
                .isInstanceOf(ConversionException.class)
                .hasMessageContaining("operation on.account.closed[0] (delete ACCOUNT_LOG)")
                .hasMessageContaining("column SEQ = int(payload.logSeq): a key column evaluated to null;");
        assertThatThrownBy(() -> applyAll(cmd(2, "account.credited", "a1", "{}")))
                .isInstanceOf(ConversionException.class)
                .hasMessageContaining("column CREDIT = payload.amount: increment by null");
    }

    @Test
    void aCastFailureNamesTheColumn() {
        assertThatThrownBy(() -> applyAll(cmd(1, "account.tagged", "a1", "{`logSeq`: `seven`}")))
                .isInstanceOf(ConversionException.class)
                .hasMessageContaining("command cmd-1 (account.tagged, seq 1)")
                .hasMessageContaining("column SEQ = int(payload.logSeq): text that is not a number cannot be converted to an integer");
    }

    @Test
    void sqlFailuresStaySqlExceptionsWithContextAndState() throws SQLException {
        applyAll(cmd(1, "account.opened", "a1", "{`owner`: `Ann`}"));
        assertThatThrownBy(() -> applyAll(cmd(2, "account.anonymised", "a1", "{}")))
                .isInstanceOf(SQLIntegrityConstraintViolationException.class)
                .hasMessageStartingWith("store 'shop-h2', converter shop@1, command cmd-2 (account.anonymised, seq 2), "
                        + "operation on.account.anonymised[0] (update ACCOUNT): ")
                .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("23502"));
        assertThatThrownBy(() -> applyAll(cmd(3, "account.opened", "a1", "{`owner`: `Ann again`}")))
                .isInstanceOf(SQLIntegrityConstraintViolationException.class)
                .hasMessageContaining("operation on.account.opened[0] (insert ACCOUNT)")
                .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("23505"));
    }
}
