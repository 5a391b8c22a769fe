package io.bizmaster.store.jdbc;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which JDBC URLs a definition may name, checked before anything connects with them.
 *
 * <p>A JDBC URL is code in disguise: H2 runs {@code INIT=…} as SQL and turns every other setting into a
 * {@code SET name value} statement, pgjdbc and MariaDB Connector/J load classes, read files and send
 * BizMaster's credentials wherever their properties say. So each engine has an allow-list of URL forms and
 * of properties (with the values each may take); everything else is refused, named, and told what to write
 * instead. Refused properties that are known to be dangerous say why; unknown ones are refused all the same.
 *
 * <p>Rules in short (the reasons are next to each table below):
 * <ul>
 *   <li>H2 2.4: {@code jdbc:h2:file:PATH} (PATH absolute, {@code ./…}, {@code ../…} or {@code ~…}) or
 *       {@code jdbc:h2:tcp://HOST[:PORT]/PATH} / {@code ssl://…}; no {@code mem:}, no bare
 *       {@code jdbc:h2:NAME} (H2 reads {@code jdbc:h2:.} as {@code mem:} and {@code jdbc:h2:zip:…} as a file
 *       system prefix, so only the explicit {@code file:} form is unambiguous), no file system prefix
 *       ({@code zip:}, {@code split:}, {@code nio…:}, {@code async:}, {@code retry:}, {@code memFS:} …);
 *       settings from {@link #H2_SETTINGS} only, each with a strict value, no backslash.</li>
 *   <li>PostgreSQL (pgjdbc 42.7): {@code jdbc:postgresql://HOST[:PORT][,HOST[:PORT]…]/DATABASE?…}; the
 *       host-less forms ({@code jdbc:postgresql:db}, {@code jdbc:postgresql:///db}) are refused so that a URL
 *       always says which server it reaches; properties from {@link #POSTGRESQL_PROPERTIES} only, spelt as
 *       pgjdbc spells them (it ignores other spellings silently).</li>
 *   <li>MariaDB/MySQL (Connector/J 3.5): {@code jdbc:mariadb://HOST[:PORT][,…]/DATABASE?…}, or
 *       {@code jdbc:mysql://…} with {@code permitMysqlScheme} (without it the MariaDB driver does not take the
 *       URL); no high-availability prefixes ({@code replication:}, {@code loadbalance:} …) and no
 *       {@code address=(…)} hosts; properties from {@link #MARIADB_PROPERTIES} only (names case-insensitive,
 *       as the driver reads them).</li>
 *   <li>Every URL: at most {@value #MAX_LENGTH} characters, no control or invisible formatting characters,
 *       no leading or trailing whitespace, no {@code user:password@host} user info, no property given twice.</li>
 * </ul>
 *
 * <p>Messages name the offending part but never a password: values of secret properties are not echoed, and
 * {@link #masked(String)} is what a URL should look like in status, REST answers and logs.
 *
 * <p>What this does not do: it does not confine H2 files to a directory, and it cannot tell a hostile server
 * from a friendly one; a definition still chooses which host BizMaster connects to.
 */
public final class JdbcUrlPolicy {

    /** Longest URL accepted; real ones are well under 300 characters. */
    public static final int MAX_LENGTH = 2_000;

    private static final String MASK = "******";

    private static final Pattern HOST_NAME = Pattern.compile(
            "[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*");
    private static final Pattern IPV6 = Pattern.compile("\\[[0-9A-Fa-f:.]+\\]");
    private static final Pattern PORT = Pattern.compile("[0-9]{1,5}");
    private static final Pattern DATABASE = Pattern.compile("[A-Za-z0-9_$.-]{1,128}");
    private static final Pattern KEY = Pattern.compile("[A-Za-z][A-Za-z0-9_.]*");
    private static final Pattern SECRET_NAME = Pattern.compile("(?i).*(pass|pwd|secret|token).*");

    // A segment whose name (not value) holds one of these words is secret from that word on.
    private static final Pattern SECRET_SEGMENT = Pattern.compile(
            "(?is)(\\s*[A-Za-z0-9_.%-]*?(?:pass|pwd|secret|token)[A-Za-z0-9_.%-]*)(.*)");

    private JdbcUrlPolicy() {
    }

    /**
     * Every reason {@code url} may not be used, or an empty list if it may. Each message names the part it
     * is about and what to write instead; none contains a password value.
     *
     * @param url the JDBC URL as the definition gives it (null and blank are refused)
     * @return the problems, in the order they occur in the URL; empty when the URL is allowed
     */
    public static List<String> problems(String url) {
        List<String> problems = new ArrayList<>();
        if (url == null || url.isBlank()) {
            problems.add("the JDBC URL is empty; write jdbc:h2:file:PATH, jdbc:postgresql://HOST:PORT/DATABASE"
                    + " or jdbc:mariadb://HOST:PORT/DATABASE");
            return problems;
        }
        if (url.length() > MAX_LENGTH) {
            problems.add("the JDBC URL has " + url.length() + " characters; at most " + MAX_LENGTH
                    + " are allowed, move long options out of the URL");
            return problems;
        }
        checkCharacters(url, problems);
        String scheme = url.toLowerCase(Locale.ROOT);
        if (scheme.startsWith("jdbc:h2:")) {
            lowerCaseScheme(url, "jdbc:h2:", problems);
            H2.check(url.substring("jdbc:h2:".length()), problems);
        } else if (scheme.startsWith("jdbc:postgresql:")) {
            lowerCaseScheme(url, "jdbc:postgresql:", problems);
            Postgresql.check(url.substring("jdbc:postgresql:".length()), problems);
        } else if (scheme.startsWith("jdbc:mariadb:") || scheme.startsWith("jdbc:mysql:")) {
            String prefix = scheme.startsWith("jdbc:mariadb:") ? "jdbc:mariadb:" : "jdbc:mysql:";
            lowerCaseScheme(url, prefix, problems);
            Mariadb.check(url.substring(prefix.length()), prefix.equals("jdbc:mysql:"), problems);
        } else {
            problems.add("the JDBC URL " + schemeOf(url) + " names no allowed engine: BizMaster stores run on"
                    + " H2, PostgreSQL or MariaDB/MySQL; write jdbc:h2:file:PATH, jdbc:postgresql://HOST:PORT/DATABASE"
                    + " or jdbc:mariadb://HOST:PORT/DATABASE");
        }
        return problems;
    }

    /**
     * Throws unless {@code url} is allowed.
     *
     * @param url the JDBC URL as the definition gives it
     * @return {@code url}, for chaining
     * @throws IllegalArgumentException listing every problem, with the URL masked
     */
    public static String check(String url) {
        List<String> problems = problems(url);
        if (!problems.isEmpty()) {
            // Only a JDBC URL is shown, masked and cut short: anything else may be a password pasted by mistake.
            String shown = url == null || !url.regionMatches(true, 0, "jdbc:", 0, 5) ? "(not shown)" : masked(url);
            shown = shown.length() > 200 ? shown.substring(0, 200) + "…" : shown;
            throw new IllegalArgumentException("the JDBC URL " + shown + " is refused: " + String.join("; ", problems));
        }
        return url;
    }

    /**
     * The URL as it may be shown in status, REST answers and logs: the value of every password-like property
     * ({@code password}, {@code PASSWORD}, {@code sslpassword}, {@code pwd}, {@code keyStorePassword}, anything
     * with pass/pwd/secret/token in its name) and the password of {@code user:password@host} user info are
     * replaced by {@code ******}. Works on any string, allowed or not.
     *
     * @param url a JDBC URL, possibly malformed
     * @return the masked URL; null for null
     */
    public static String masked(String url) {
        if (url == null) {
            return null;
        }
        String lower = url.toLowerCase(Locale.ROOT);
        boolean h2 = lower.startsWith("jdbc:h2:");
        boolean query = lower.startsWith("jdbc:postgresql:") || lower.startsWith("jdbc:mariadb:") || lower.startsWith("jdbc:mysql:");
        // User info first: its password may hold '?' or ';', which must not be taken for the start of properties.
        String u = maskUserInfo(url);
        int at = Math.max(userInfoEnd(u), 0);
        // H2 separates settings with ';' (a '\\' escapes the next character), the others with '&' after '?';
        // for any other scheme both count, which may mask a little too much but never too little.
        int start = h2 ? u.indexOf(';', at) : query ? u.indexOf('?', at) : firstOf(u, at, '?', ';');
        if (start < 0 || start == u.length()) {
            return u;
        }
        StringBuilder out = new StringBuilder(u.substring(0, start + 1));
        int from = start + 1;
        for (int i = from; i <= u.length(); i++) {
            char c = i < u.length() ? u.charAt(i) : 0;
            if (h2 && c == '\\' && i + 1 < u.length()) {
                i++;
                continue;
            }
            boolean end = i == u.length() || (h2 ? c == ';' : query ? c == '&' : c == '&' || c == ';' || c == '?');
            if (end) {
                out.append(maskSegment(u.substring(from, i)));
                if (i < u.length()) {
                    out.append(c);
                }
                from = i + 1;
            }
        }
        return out.toString();
    }

    /** "password=x" → "password=******", "PASSWORD:x" → "PASSWORD******": whatever follows a secret's name. */
    private static String maskSegment(String segment) {
        Matcher m = SECRET_SEGMENT.matcher(segment);
        if (!m.matches() || m.group(2).isEmpty()) {
            return segment;
        }
        return m.group(1) + (m.group(2).startsWith("=") ? "=" : "") + MASK;
    }

    private static String maskUserInfo(String url) {
        int at = userInfoEnd(url);
        if (at < 0) {
            return url;
        }
        int colon = url.indexOf(':', url.indexOf("//") + 2);
        return url.substring(0, colon + 1) + MASK + url.substring(at);
    }

    /**
     * Where {@code user:password@} user info ends after "//" (the index of its '@'), or -1. The password may
     * hold '@', '/', '?' or ':', so the last '@' that still has a ':' before it counts, unless what precedes it
     * reads as properties ("?user=me@corp", ";USER=a@b"): user names with '@' are common in properties.
     */
    private static int userInfoEnd(String url) {
        int slashes = url.indexOf("//");
        if (slashes < 0) {
            return -1;
        }
        int start = slashes + 2;
        for (int at = url.lastIndexOf('@'); at >= start; at = url.lastIndexOf('@', at - 1)) {
            String before = url.substring(start, at);
            int properties = firstOf(before, 0, '?', ';');
            boolean inProperties = properties < before.length() && before.indexOf('=', properties) >= 0;
            if (before.indexOf(':') >= 0 && !inProperties) {
                return at;
            }
        }
        return -1;
    }

    private static int firstOf(String s, int from, char... chars) {
        int first = s.length();
        for (char c : chars) {
            int i = s.indexOf(c, from);
            if (i >= 0 && i < first) {
                first = i;
            }
        }
        return first;
    }

    // ---------------------------------------------------------------- shared checks

    private static void checkCharacters(String url, List<String> problems) {
        for (int i = 0; i < url.length(); i++) {
            int type = Character.getType(url.charAt(i));
            if (type == Character.CONTROL || type == Character.FORMAT || type == Character.LINE_SEPARATOR
                    || type == Character.PARAGRAPH_SEPARATOR) {
                // Control characters end log lines and hide text on screen; a driver may read them as data.
                problems.add(String.format("the JDBC URL has a control or invisible character U+%04X at position %d;"
                        + " remove it (a JDBC URL is one line of visible text)", (int) url.charAt(i), i + 1));
                break;
            }
        }
        if (!url.equals(url.strip())) {
            problems.add("the JDBC URL starts or ends with whitespace; remove it (H2 would make it part of the file name)");
        }
    }

    private static void lowerCaseScheme(String url, String prefix, List<String> problems) {
        if (!url.startsWith(prefix)) {
            problems.add("write the scheme in lower case, " + prefix + ": the drivers do not recognise "
                    + shown(url.substring(0, prefix.length())));
        }
    }

    /** "jdbc:oracle:" of a URL, or a placeholder: text that is not a JDBC scheme (a pasted password?) is not echoed. */
    private static String schemeOf(String url) {
        Matcher m = Pattern.compile("(?i)jdbc:[a-z0-9]{1,30}:").matcher(url);
        return m.lookingAt() ? shown(m.group()) : "(which does not start with jdbc:NAME:)";
    }

    /** Shows a piece of the URL in a message: short, quoted, with anything invisible spelt out. */
    private static String shown(String part) {
        StringBuilder b = new StringBuilder("'");
        int n = Math.min(part.length(), 60);
        for (int i = 0; i < n; i++) {
            char c = part.charAt(i);
            if (c < 0x20 || c == 0x7f || Character.getType(c) == Character.FORMAT || Character.isWhitespace(c) && c != ' ') {
                b.append(String.format("\\u%04X", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.append(part.length() > n ? "…'" : "'").toString();
    }

    /**
     * Shows a property or setting name, unless it looks like a secret that lost its '=' or got mangled
     * (e.g. "password:hunter2"): names are echoed, passwords never.
     */
    private static String shownKey(String key, Set<String> known) {
        boolean knownName = known.stream().anyMatch(key::equalsIgnoreCase);
        return !knownName && SECRET_NAME.matcher(key).matches() ? "(a name with pass/pwd/secret/token in it, not shown)" : shown(key);
    }

    /**
     * Refuses {@code user:password@host} before anything else is parsed, so that no later message echoes a
     * piece of the password; true when it was found (the caller then stops).
     */
    private static boolean refuseUserInfo(String engine, String rest, List<String> problems) {
        int at = userInfoEnd(rest);
        if (at < 0) {
            return false;
        }
        String user = rest.substring(rest.indexOf("//") + 2, rest.indexOf(':', rest.indexOf("//") + 2));
        problems.add(engine + " URL has user info (" + user + ":" + MASK + "@…) before the host; refused because it puts"
                + " the password in the URL (and the driver does not read it): give the user and password in the"
                + " definition's username/password fields");
        return true;
    }

    /**
     * Checks a host list (host[:port][,host[:port]…]) of a network URL; user:password@ was refused before
     * (see {@link #refuseUserInfo}), a bare user@ is refused here.
     */
    private static void checkHosts(String engine, String authority, String example, List<String> problems) {
        if (authority.isEmpty()) {
            problems.add(engine + " URL names no host; write " + example);
            return;
        }
        if (authority.indexOf('@') >= 0) {
            problems.add(engine + " URL has user info before the host; give the user in the definition's username"
                    + " field (or a user= property), the driver does not read user@host");
            return;
        }
        for (String host : authority.split(",", -1)) {
            checkHost(engine, host, example, problems);
        }
    }

    private static void checkHost(String engine, String hostAndPort, String example, List<String> problems) {
        String host = hostAndPort;
        String port = null;
        if (hostAndPort.startsWith("[")) {
            int close = hostAndPort.indexOf(']');
            if (close > 0 && close + 1 < hostAndPort.length() && hostAndPort.charAt(close + 1) == ':') {
                host = hostAndPort.substring(0, close + 1);
                port = hostAndPort.substring(close + 2);
            }
        } else {
            int colon = hostAndPort.lastIndexOf(':');
            if (colon >= 0) {
                host = hostAndPort.substring(0, colon);
                port = hostAndPort.substring(colon + 1);
            }
        }
        if (!HOST_NAME.matcher(host).matches() && !IPV6.matcher(host).matches()) {
            problems.add(engine + " host " + shown(host) + " is not a host name or IP address; write " + example);
        }
        if (port != null && (!PORT.matcher(port).matches() || Integer.parseInt(port) < 1 || Integer.parseInt(port) > 65_535)) {
            problems.add(engine + " port " + shown(port) + " is not a port number (1-65535); write " + example);
        }
    }

    // ---------------------------------------------------------------- values

    /** What one allowed property may be set to. */
    private record Rule(String name, Predicate<String> value, String expected, boolean secret) {

        static Rule of(String name, Predicate<String> value, String expected) {
            return new Rule(name, value, expected, false);
        }

        static Rule bool(String name) {
            return of(name, v -> v.equalsIgnoreCase("true") || v.equalsIgnoreCase("false"), "true or false");
        }

        static Rule number(String name) {
            return of(name, v -> v.matches("[0-9]{1,9}"), "a whole number of at most 9 digits");
        }

        static Rule signedNumber(String name) {
            return of(name, v -> v.matches("-?[0-9]{1,9}"), "a whole number (-1 allowed)");
        }

        static Rule oneOf(String name, String... values) {
            return of(name, v -> List.of(values).stream().anyMatch(v::equalsIgnoreCase), "one of " + String.join(", ", values));
        }

        static Rule identifiers(String name) {
            return of(name, v -> v.matches("[A-Za-z_][A-Za-z0-9_$]*(,[A-Za-z_][A-Za-z0-9_$]*)*"),
                    "a comma-separated list of plain identifiers");
        }

        static Rule userName(String name) {
            return of(name, v -> v.matches("[A-Za-z0-9_.@$-]{1,128}"), "a user name of letters, digits and _ . @ $ -");
        }

        static Rule path(String name) {
            return of(name, v -> v.matches("[A-Za-z0-9_./~:\\\\-]{1,500}"), "a file path (letters, digits and _ . / ~ : \\ -)");
        }

        static Rule secret(String name, Predicate<String> value, String expected) {
            return new Rule(name, value, expected, true);
        }
    }

    private static String valueProblem(String engine, String what, Rule rule, String value) {
        if (rule.value().test(value)) {
            return null;
        }
        String shownValue = rule.secret() ? "(value not shown)" : shown(value);
        return engine + " " + what + " " + rule.name() + "=" + shownValue + " is refused: its value must be " + rule.expected()
                + "; write such a value or remove the " + what;
    }

    /** "X is not on the allow-list (…); remove it", the name hidden if it looks like a mangled secret. */
    private static String notAllowed(String engine, String what, String key, Set<String> known, Set<String> allowed) {
        return engine + " " + what + " " + shownKey(key, known) + " is not on the allow-list (" + String.join(", ", allowed)
                + "); remove it";
    }

    /** A property name with %-escapes, spaces or other characters: refused, and named as the driver might read it. */
    private static String badPropertyName(String engine, String key, Map<String, String> refused, Map<String, String> aliases) {
        String reads = percentDecode(key).strip().toLowerCase(Locale.ROOT);
        String why = refused.get(aliases.getOrDefault(reads, reads));
        return engine + " property name " + shownKey(key, Set.of()) + " is refused: a property name is ASCII letters, digits,"
                + " '_' and '.' only" + (why == null ? "; write the plain name" : "; it reads as " + reads + ", which is refused: " + why);
    }

    private static Map<String, Rule> rules(Rule... rules) {
        Map<String, Rule> map = new LinkedHashMap<>();
        for (Rule rule : rules) {
            map.put(rule.name(), rule);
        }
        return map;
    }

    // ---------------------------------------------------------------- H2

    /**
     * H2 settings a URL may carry. H2 applies each setting that is not a connection option as
     * {@code SET name value} SQL, so every value is held to a strict pattern: a value is never free text.
     */
    public static final List<String> H2_SETTINGS;

    /** pgjdbc properties a URL may carry, spelt as pgjdbc reads them. */
    public static final List<String> POSTGRESQL_PROPERTIES;

    /** MariaDB Connector/J properties a URL may carry (the driver reads names case-insensitively). */
    public static final List<String> MARIADB_PROPERTIES;

    private static final class H2 {

        static final Map<String, Rule> ALLOWED = rules(
                Rule.bool("DB_CLOSE_ON_EXIT"),
                Rule.signedNumber("DB_CLOSE_DELAY"),
                Rule.number("WRITE_DELAY"),
                Rule.oneOf("MODE", "REGULAR", "STRICT", "LEGACY", "DB2", "Derby", "HSQLDB", "MSSQLServer", "MariaDB",
                        "MySQL", "Oracle", "PostgreSQL"),
                Rule.bool("IFEXISTS"),
                Rule.bool("FORBID_CREATION"),
                Rule.bool("DATABASE_TO_UPPER"),
                Rule.bool("DATABASE_TO_LOWER"),
                Rule.bool("CASE_INSENSITIVE_IDENTIFIERS"),
                Rule.bool("IGNORECASE"),
                Rule.identifiers("NON_KEYWORDS"),
                Rule.of("SCHEMA", v -> v.matches("[A-Za-z_][A-Za-z0-9_]*"), "a plain identifier"),
                Rule.number("LOCK_TIMEOUT"),
                Rule.number("QUERY_TIMEOUT"),
                Rule.number("MAX_COMPACT_TIME"),
                Rule.number("CACHE_SIZE"),
                Rule.oneOf("DEFAULT_NULL_ORDERING", "LOW", "HIGH", "FIRST", "LAST"),
                Rule.userName("USER"),
                // H2 reads PASSWORD as a connection option, not SQL; with CIPHER it is "filePassword userPassword".
                Rule.secret("PASSWORD", v -> true, "any text without backslashes"),
                Rule.oneOf("CIPHER", "AES"));

        static final Map<String, String> REFUSED = Map.ofEntries(
                Map.entry("INIT", "it runs SQL (e.g. RUNSCRIPT FROM 'http://…', CREATE ALIAS … AS Java code) in"
                        + " BizMaster's JVM every time a connection opens; create schemas with the store's migrations"),
                Map.entry("RUNSCRIPT", "it names a statement that runs a script from a file or URL; create schemas with the"
                        + " store's migrations"),
                Map.entry("IGNORE_UNKNOWN_SETTINGS", "it would make H2 accept settings this check cannot see; remove it"),
                Map.entry("JMX", "it registers management beans that expose and control the database; remove it"),
                Map.entry("ACCESS_MODE_DATA", "it changes how H2 opens the database files; remove it and leave the default"),
                Map.entry("FILE_LOCK", "the default FILE lock is the only safe one (NO lets two processes corrupt the file,"
                        + " SOCKET opens a port); remove it"),
                Map.entry("AUTO_SERVER", "it starts a TCP server inside BizMaster that accepts connections from other hosts;"
                        + " run an H2 server yourself and use jdbc:h2:tcp://HOST:PORT/PATH"),
                Map.entry("AUTO_SERVER_PORT", "it belongs to AUTO_SERVER, which starts a TCP server inside BizMaster; run an"
                        + " H2 server yourself and use jdbc:h2:tcp://HOST:PORT/PATH"),
                Map.entry("DATABASE_EVENT_LISTENER", "it loads and runs a Java class named in the URL; remove it"),
                Map.entry("JAVA_OBJECT_SERIALIZER", "it loads and runs a Java class named in the URL; remove it"),
                Map.entry("AUTHENTICATOR", "it changes how H2 authenticates users; remove it"),
                Map.entry("AUTHREALM", "it hands the password to an external authenticator; remove it"),
                Map.entry("AUTHZPWD", "it hands a password to an external authenticator; remove it"),
                Map.entry("BUILTIN_ALIAS_OVERRIDE", "it lets user-defined Java functions replace built-in ones; remove it"),
                Map.entry("CLUSTER", "it changes which servers H2 writes to; remove it"),
                Map.entry("RECOVER", "it opens a damaged database in recovery mode; recover it with H2's tools, not a URL"),
                Map.entry("RECOVER_TEST", "it loads a test class into BizMaster; remove it"),
                Map.entry("OPEN_NEW", "it opens a second instance of an open database; remove it"),
                Map.entry("PASSWORD_HASH", "it makes PASSWORD a hash; give the password in the definition's password field"));

        static void check(String rest, List<String> problems) {
            int semicolon = rest.indexOf(';');
            String name = semicolon < 0 ? rest : rest.substring(0, semicolon);
            checkName(name, problems);
            if (semicolon >= 0) {
                checkSettings(rest.substring(semicolon + 1), problems);
            }
        }

        private static void checkName(String name, List<String> problems) {
            if (name.equals(".") || name.startsWith("mem:")) {
                problems.add("jdbc:h2:" + (name.equals(".") ? "." : "mem:") + " is refused: an in-memory database vanishes"
                        + " with BizMaster; use jdbc:h2:file:PATH");
            } else if (name.startsWith("file:")) {
                checkPath("jdbc:h2:file:", name.substring("file:".length()), true, problems);
            } else if (name.startsWith("tcp:") || name.startsWith("ssl:")) {
                checkRemote(name.substring(0, 4), name.substring(4), problems);
            } else if (prefixOf(name) != null) {
                problems.add("H2 file system prefix " + shown(prefixOf(name)) + " is refused: only plain files keep a store"
                        + " (zip: is read-only, mem…: vanishes, split:, nio…:, async:, retry: change how files are"
                        + " written); use jdbc:h2:file:PATH");
            } else {
                // jdbc:h2:NAME is a file to H2 too, but '.' means mem: and "zip:" a prefix: only file: says what it is.
                problems.add("jdbc:h2:" + shown(name) + " is refused: write the file form explicitly, jdbc:h2:file:"
                        + (name.isEmpty() ? "PATH" : name));
            }
        }

        /** A file system prefix as H2's FilePath reads one: a ':' at index 2 or later (C: is a drive). */
        private static String prefixOf(String path) {
            String p = path.replace('\\', '/');
            int colon = p.indexOf(':');
            return colon >= 2 ? p.substring(0, colon + 1) : null;
        }

        private static void checkPath(String form, String path, boolean local, List<String> problems) {
            if (path.isEmpty()) {
                problems.add(form + " names no file; write " + form + "./data/stores/NAME");
                return;
            }
            String prefix = prefixOf(path);
            if (prefix != null) {
                problems.add("H2 file system prefix " + shown(prefix) + " after " + form + " is refused: only plain files"
                        + " keep a store (mem…: vanishes, zip: is read-only, split:, nio…:, async:, retry: change how"
                        + " files are written); use " + form + "PATH");
                return;
            }
            String p = path.replace('\\', '/');
            boolean explicit = p.startsWith("/") || p.startsWith("./") || p.startsWith("../") || p.startsWith("~")
                    || p.matches("[A-Za-z]:/.*");
            if (local && !explicit) {
                // H2 refuses such paths itself ("implicitly relative"); saying so here names the fix.
                problems.add("H2 path " + shown(path) + " is implicitly relative, which H2 refuses; write " + form + "./" + path);
            }
            if (p.endsWith("/")) {
                problems.add("H2 path " + shown(path) + " ends with '/': it must name a database file; write " + form
                        + "./data/stores/NAME");
            }
        }

        private static void checkRemote(String protocol, String rest, List<String> problems) {
            String example = "jdbc:h2:" + protocol + "//HOST:9092/~/NAME";
            if (!rest.startsWith("//")) {
                problems.add("jdbc:h2:" + protocol + " must be followed by //HOST[:PORT]/PATH; write " + example);
                return;
            }
            if (refuseUserInfo("H2", rest, problems)) {
                return;
            }
            int slash = rest.indexOf('/', 2);
            String authority = slash < 0 ? rest.substring(2) : rest.substring(2, slash);
            checkHosts("H2", authority, example, problems);
            if (slash < 0 || slash + 1 == rest.length()) {
                problems.add("jdbc:h2:" + protocol + " URL names no database after the host; write " + example);
                return;
            }
            String path = rest.substring(slash + 1);
            if (path.startsWith("mem:")) {
                problems.add("H2 server database " + shown(path) + " is refused: an in-memory database vanishes with its"
                        + " server; name a file, e.g. " + example);
                return;
            }
            // A server resolves a plain name against its -baseDir, so only local paths must say where they start.
            checkPath("jdbc:h2:" + protocol + "//…/", path, false, problems);
        }

        private static void checkSettings(String settings, List<String> problems) {
            Set<String> seen = new HashSet<>();
            int index = 0;
            for (Segment segment : splitLikeH2(settings)) {
                index++;
                String setting = segment.text();
                if (setting.isEmpty()) {
                    continue; // H2 skips empty settings (a trailing ';')
                }
                int equal = setting.indexOf('=');
                if (equal < 0) {
                    // Not echoed: a setting without '=' may be a mistyped PASSWORD:secret.
                    problems.add("H2 setting #" + index + " after the first ';' has no '='; write NAME=VALUE");
                    continue;
                }
                // The name as written (escapes and all) is what is judged; H2 would read the unescaped one.
                int rawEqual = segment.raw().indexOf('=');
                String rawKey = rawEqual < 0 ? segment.raw() : segment.raw().substring(0, rawEqual);
                if (!KEY.matcher(rawKey).matches()) {
                    problems.add(disguised(rawKey));
                    continue;
                }
                String upper = rawKey.toUpperCase(Locale.ROOT);
                if (!seen.add(upper)) {
                    problems.add("H2 setting " + upper + " is given twice; give it once");
                    continue;
                }
                String refused = refusal(upper);
                if (refused != null) {
                    problems.add("H2 setting " + upper + " is refused: " + refused);
                    continue;
                }
                Rule rule = ALLOWED.get(upper);
                if (rule == null) {
                    problems.add(notAllowed("H2", "setting", rawKey, Set.of(), ALLOWED.keySet()));
                    continue;
                }
                if (segment.raw().indexOf('\\') >= 0) {
                    // H2 unescapes, then runs SET NAME VALUE: "MODE=Regular\\;INIT=…" puts INIT into MODE's value.
                    problems.add("H2 setting " + upper + " has a backslash in its value: H2 reads '\\' as an escape, so"
                            + " '\\;' smuggles a second setting or statement into the value; remove it");
                    continue;
                }
                String problem = valueProblem("H2", "setting", rule, setting.substring(equal + 1));
                if (problem != null) {
                    problems.add(problem);
                }
            }
        }

        private static String refusal(String upper) {
            if (upper.startsWith("TRACE_")) {
                return "tracing writes SQL and values to files or standard output named by the URL; remove it";
            }
            return REFUSED.get(upper);
        }

        /** A setting name with spaces, escapes or non-ASCII letters: refused, and named as H2 might read it. */
        private static String disguised(String key) {
            String reads = deobfuscate(key);
            String refused = refusal(reads);
            String base = "H2 setting name " + shownKey(key, Set.of()) + " is refused: a setting name is ASCII letters, digits and '_'"
                    + " only (spaces, %-escapes, backslash escapes and look-alike letters can disguise a setting)";
            if (refused != null) {
                return base + "; it reads as " + reads + ", which is refused: " + refused;
            }
            return base + "; write " + (ALLOWED.containsKey(reads) ? reads : "a plain name from the allow-list");
        }

        /** The setting name behind whitespace, %XX, \\uXXXX and \\X escapes and locale case tricks. */
        private static String deobfuscate(String key) {
            String s = key;
            for (int round = 0; round < 3; round++) {
                String before = s;
                s = unescapeUnicode(s);
                s = percentDecode(s);
                s = s.replaceAll("\\\\(.)", "$1");
                if (s.equals(before)) {
                    break;
                }
            }
            StringBuilder b = new StringBuilder();
            s.codePoints().filter(c -> !Character.isWhitespace(c) && !Character.isSpaceChar(c)).forEach(b::appendCodePoint);
            // ROOT upper-casing maps dotless ı to I, as H2's English upper-casing does: ";ınıt=" is INIT to H2.
            return b.toString().toUpperCase(Locale.ROOT);
        }

        /** One setting as written ({@code raw}) and as H2 reads it ({@code text}, escapes removed). */
        private record Segment(String raw, String text) {
        }

        /** H2's own split (StringUtils.arraySplit): ';' separates, '\\' makes the next character literal. */
        private static List<Segment> splitLikeH2(String s) {
            List<Segment> parts = new ArrayList<>();
            StringBuilder text = new StringBuilder();
            int start = 0;
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c == ';') {
                    parts.add(new Segment(s.substring(start, i), text.toString()));
                    text.setLength(0);
                    start = i + 1;
                } else if (c == '\\' && i + 1 < s.length()) {
                    text.append(s.charAt(++i));
                } else {
                    text.append(c);
                }
            }
            parts.add(new Segment(s.substring(start), text.toString()));
            return parts;
        }
    }

    private static String unescapeUnicode(String s) {
        Matcher m = Pattern.compile("\\\\u([0-9A-Fa-f]{4})").matcher(s);
        return m.replaceAll(r -> Matcher.quoteReplacement(String.valueOf((char) Integer.parseInt(r.group(1), 16))));
    }

    private static String percentDecode(String s) {
        Matcher m = Pattern.compile("%([0-9A-Fa-f]{2})").matcher(s);
        return m.replaceAll(r -> Matcher.quoteReplacement(String.valueOf((char) Integer.parseInt(r.group(1), 16))));
    }

    // ---------------------------------------------------------------- network URLs: ?a=b&c=d

    /** One {@code name[=value]} of a query string. */
    private record Property(String key, String value) {
    }

    private static List<Property> queryProperties(String query) {
        List<Property> properties = new ArrayList<>();
        for (String token : query.split("&", -1)) {
            if (token.isEmpty()) {
                continue; // both drivers skip empty tokens (a trailing '&')
            }
            int equal = token.indexOf('=');
            properties.add(equal < 0 ? new Property(token, null) : new Property(token.substring(0, equal), token.substring(equal + 1)));
        }
        return properties;
    }

    /** The part of a network URL before '?', split into authority and database. */
    private record Location(String authority, String database, String query) {

        static Location of(String afterSlashes) {
            int question = afterSlashes.indexOf('?');
            String base = question < 0 ? afterSlashes : afterSlashes.substring(0, question);
            String query = question < 0 ? "" : afterSlashes.substring(question + 1);
            int slash = base.indexOf('/');
            return slash < 0 ? new Location(base, null, query) : new Location(base.substring(0, slash), base.substring(slash + 1), query);
        }
    }

    private static void refuseWhitespace(String engine, String rest, String hint, List<String> problems) {
        for (int i = 0; i < rest.length(); i++) {
            if (Character.isWhitespace(rest.charAt(i)) || Character.isSpaceChar(rest.charAt(i))) {
                problems.add(engine + " URL has whitespace in it; " + hint);
                return;
            }
        }
    }

    // ---------------------------------------------------------------- PostgreSQL

    private static final class Postgresql {

        static final String EXAMPLE = "jdbc:postgresql://HOST:5432/DATABASE";

        static final Map<String, Rule> ALLOWED = rules(
                Rule.userName("user"),
                Rule.secret("password", v -> true, "any text"),
                Rule.identifiers("currentSchema"),
                Rule.bool("ssl"),
                Rule.oneOf("sslmode", "disable", "allow", "prefer", "require", "verify-ca", "verify-full"),
                // A CA certificate is public data, and naming one is how verify-full gets to trust a private CA.
                Rule.path("sslrootcert"),
                Rule.oneOf("channelBinding", "disable", "prefer", "require"),
                Rule.number("connectTimeout"),
                Rule.number("socketTimeout"),
                Rule.number("loginTimeout"),
                Rule.number("cancelSignalTimeout"),
                Rule.bool("tcpKeepAlive"),
                Rule.bool("tcpNoDelay"),
                Rule.of("ApplicationName", v -> v.matches("[A-Za-z0-9 ._-]{1,63}"), "at most 63 letters, digits, spaces and . _ -"),
                Rule.oneOf("targetServerType", "any", "primary", "master", "secondary", "slave", "preferSecondary",
                        "preferSlave", "preferPrimary"),
                Rule.bool("loadBalanceHosts"),
                Rule.number("hostRecheckSeconds"),
                Rule.bool("reWriteBatchedInserts"),
                Rule.number("prepareThreshold"),
                Rule.number("defaultRowFetchSize"),
                Rule.bool("readOnly"),
                Rule.bool("logServerErrorDetail"));

        static final String LOADS_CLASS = "pgjdbc loads and runs a Java class named in the URL; remove it";
        static final String CLIENT_KEY = "it makes BizMaster present a client certificate or private key from its own disk"
                + " to whatever server the URL names; configure client certificates in BizMaster's deployment, not in"
                + " a definition (sslrootcert for the server's CA is allowed)";
        static final String OVERRIDES = "pgjdbc reads it as the host, port or database and it would override what the URL"
                + " says before '?'; write it there: " + EXAMPLE;
        static final String KERBEROS = "it makes BizMaster authenticate with its own Kerberos/GSS credentials; remove it";

        static final Map<String, String> REFUSED = Map.ofEntries(
                Map.entry("socketfactory", LOADS_CLASS),
                Map.entry("socketfactoryarg", LOADS_CLASS),
                Map.entry("sslfactory", LOADS_CLASS),
                Map.entry("sslfactoryarg", LOADS_CLASS),
                Map.entry("sslhostnameverifier", LOADS_CLASS),
                Map.entry("sslpasswordcallback", LOADS_CLASS),
                Map.entry("authenticationpluginclassname", LOADS_CLASS),
                Map.entry("connectexecutor", LOADS_CLASS),
                Map.entry("connectexecutorarg", LOADS_CLASS),
                Map.entry("xmlfactoryfactory", LOADS_CLASS),
                Map.entry("classloaderstrategy", "it changes where pgjdbc loads classes from; remove it"),
                Map.entry("sslcert", CLIENT_KEY),
                Map.entry("sslkey", CLIENT_KEY),
                Map.entry("sslpassword", CLIENT_KEY),
                Map.entry("pemkeyalgorithm", CLIENT_KEY),
                Map.entry("options", "it sets arbitrary server settings for the session (-c name=value, e.g."
                        + " default_transaction_read_only=off); use currentSchema for the schema"),
                Map.entry("service", "it reads connection properties from a pg_service.conf file on BizMaster's host;"
                        + " write them in the URL"),
                Map.entry("loggerfile", "it writes driver logs to a file named by the URL; use BizMaster's logging"),
                Map.entry("loggerlevel", "driver logging is configured in BizMaster's logging, not in a URL; remove it"),
                Map.entry("preferquerymode", "simple mode puts parameter values into the SQL text on the client"
                        + " (CVE-2024-1597); remove it to keep the default extended protocol"),
                Map.entry("replication", "it opens a replication connection that streams the server's changes; remove it"),
                Map.entry("localsocketaddress", "it binds a local address of BizMaster's host; remove it"),
                Map.entry("jaaslogin", KERBEROS),
                Map.entry("jaasapplicationname", KERBEROS),
                Map.entry("kerberosservername", KERBEROS),
                Map.entry("gsslib", KERBEROS),
                Map.entry("gssusedefaultcreds", KERBEROS),
                Map.entry("sspiserviceclass", KERBEROS),
                Map.entry("usespnego", KERBEROS),
                Map.entry("host", OVERRIDES),
                Map.entry("port", OVERRIDES),
                Map.entry("dbname", OVERRIDES),
                Map.entry("pghost", OVERRIDES),
                Map.entry("pgport", OVERRIDES),
                Map.entry("pgdbname", OVERRIDES));

        static void check(String rest, List<String> problems) {
            if (!rest.startsWith("//") || rest.startsWith("///")) {
                // Host-less forms connect to localhost implicitly; a definition must say which server it means.
                problems.add("jdbc:postgresql: must be followed by //HOST[:PORT]/DATABASE; write " + EXAMPLE);
                return;
            }
            if (refuseUserInfo("PostgreSQL", rest, problems)) {
                return;
            }
            refuseWhitespace("PostgreSQL", rest, "write a space in a value as %20", problems);
            Location location = Location.of(rest.substring(2));
            checkHosts("PostgreSQL", location.authority(), EXAMPLE, problems);
            checkDatabase(location.database(), problems);
            checkProperties(location.query(), problems);
        }

        private static void checkDatabase(String database, List<String> problems) {
            if (database == null || database.isEmpty()) {
                problems.add("PostgreSQL URL names no database; write " + EXAMPLE);
                return;
            }
            String decoded = decode(database);
            if (decoded == null || !database.equals(decoded) || !DATABASE.matcher(database).matches()) {
                problems.add("PostgreSQL database " + shown(database) + " is refused: a database name here is letters,"
                        + " digits and _ $ . - (no '/', no %-escapes); write " + EXAMPLE);
            }
        }

        private static void checkProperties(String query, List<String> problems) {
            Set<String> seen = new HashSet<>();
            Map<String, String> byLowerCase = new LinkedHashMap<>();
            ALLOWED.keySet().forEach(k -> byLowerCase.put(k.toLowerCase(Locale.ROOT), k));
            for (Property p : queryProperties(query)) {
                String key = p.key();
                String lower = key.toLowerCase(Locale.ROOT);
                if (!KEY.matcher(key).matches()) {
                    problems.add(badPropertyName("PostgreSQL", key, REFUSED, Map.of()));
                    continue;
                }
                if (!seen.add(lower)) {
                    problems.add("PostgreSQL property " + key + " is given twice; give it once");
                    continue;
                }
                String why = REFUSED.get(lower);
                if (why != null) {
                    problems.add("PostgreSQL property " + key + " is refused: " + why);
                    continue;
                }
                Rule rule = ALLOWED.get(key);
                if (rule == null) {
                    String canonical = byLowerCase.get(lower);
                    problems.add(canonical == null ? notAllowed("PostgreSQL", "property", key, REFUSED.keySet(), ALLOWED.keySet())
                            : "PostgreSQL property " + key + " is spelt " + canonical + " (pgjdbc ignores other spellings);"
                                    + " write " + canonical);
                    continue;
                }
                String raw = p.value() == null ? "" : p.value();
                String value = decode(raw);
                if (value == null) {
                    problems.add("PostgreSQL property " + key + " has a malformed %-escape in its value; write %XX with two hex digits");
                    continue;
                }
                String problem = valueProblem("PostgreSQL", "property", rule, value);
                if (problem != null) {
                    problems.add(problem);
                }
            }
        }

        /** pgjdbc URL-decodes values (and the database) as UTF-8; null when the escapes are malformed. */
        private static String decode(String s) {
            try {
                return URLDecoder.decode(s, StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
    }

    // ---------------------------------------------------------------- MariaDB / MySQL

    private static final class Mariadb {

        static final Map<String, Rule> ALLOWED = rules(
                Rule.userName("user"),
                Rule.secret("password", v -> true, "any text"),
                Rule.number("connectTimeout"),
                Rule.number("socketTimeout"),
                Rule.oneOf("sslMode", "disable", "trust", "verify-ca", "verify-full"),
                // The server's certificate (or its CA): public data, and how verify-ca trusts a private CA.
                Rule.path("serverSslCert"),
                Rule.bool("tcpKeepAlive"),
                Rule.bool("useServerPrepStmts"),
                // Bulk batches are one prepared statement with many parameter sets, not stacked statements.
                Rule.bool("useBulkStmts"),
                Rule.bool("useCompression"),
                Rule.bool("cachePrepStmts"),
                Rule.number("prepStmtCacheSize"),
                // Only narrows which authentication plugins the driver accepts from the server.
                Rule.identifiers("restrictedAuth"),
                Rule.of("permitMysqlScheme", v -> v.isEmpty() || v.equalsIgnoreCase("true"), "empty or true"));

        static final String LOADS_CLASS = "the driver loads and runs a Java class named in the URL; remove it";
        static final String KEY_STORE = "it makes BizMaster use a key or trust store from its own disk (and its password)"
                + " for a server the URL names; use serverSslCert for the server's certificate";
        static final String POOL = "BizMaster pools connections itself (and registerJmxPool registers management beans);"
                + " remove it";
        static final String LEGACY_SSL = "it is the old spelling of an SSL setting; use sslMode=verify-full (or verify-ca)";

        static final Map<String, String> REFUSED = Map.ofEntries(
                Map.entry("allowmultiqueries", "it lets one statement text run several statements (SELECT 1; DROP TABLE …);"
                        + " remove it"),
                Map.entry("allowlocalinfile", "it lets the server read any file BizMaster can read (LOAD DATA LOCAL INFILE);"
                        + " remove it"),
                Map.entry("socketfactory", LOADS_CLASS),
                Map.entry("tlssockettype", LOADS_CLASS),
                Map.entry("credentialtype", "it loads a credential plugin (ENV and PROPERTY read a password from BizMaster's"
                        + " environment or system properties and send it to the server the URL names); give the"
                        + " password in the definition's password field"),
                Map.entry("sessionvariables", "it runs SET with text from the URL on every connection; remove it"),
                Map.entry("initsql", "it runs SQL from the URL on every connection; create schemas with the store's migrations"),
                Map.entry("localsocket", "it connects through a socket file on BizMaster's host; connect to HOST:PORT"),
                Map.entry("pipe", "it connects through a named pipe on BizMaster's host; connect to HOST:PORT"),
                Map.entry("serverrsapublickeyfile", "it reads a file on BizMaster's host; use sslMode=verify-full"),
                Map.entry("allowpublickeyretrieval", "it lets a man in the middle ask for the password in a form it can read;"
                        + " use sslMode=verify-full"),
                Map.entry("keystore", KEY_STORE),
                Map.entry("keystorepassword", KEY_STORE),
                Map.entry("keypassword", KEY_STORE),
                Map.entry("keystoretype", KEY_STORE),
                Map.entry("truststore", KEY_STORE),
                Map.entry("truststorepassword", KEY_STORE),
                Map.entry("truststoretype", KEY_STORE),
                Map.entry("fallbacktosystemkeystore", KEY_STORE),
                Map.entry("fallbacktosystemtruststore", KEY_STORE),
                Map.entry("pool", POOL),
                Map.entry("poolname", POOL),
                Map.entry("maxpoolsize", POOL),
                Map.entry("minpoolsize", POOL),
                Map.entry("maxidletime", POOL),
                Map.entry("registerjmxpool", POOL),
                Map.entry("poolvalidmindelay", POOL),
                Map.entry("useresetconnection", POOL),
                Map.entry("localsocketaddress", "it binds a local address of BizMaster's host; remove it"),
                Map.entry("dumpqueriesonexception", "it puts statements with their values into error messages; remove it"),
                Map.entry("usessl", LEGACY_SSL),
                Map.entry("trustservercertificate", LEGACY_SSL),
                Map.entry("disablesslhostnameverification", LEGACY_SSL));

        /** The driver's own aliases (OptionAliases), mapped to the names they stand for. */
        static final Map<String, String> ALIASES = Map.of(
                "clientcertificatekeystoreurl", "keystore",
                "clientcertificatekeystorepassword", "keystorepassword",
                "clientcertificatekeystoretype", "keystoretype",
                "trustcertificatekeystoreurl", "truststore",
                "trustcertificatekeystorepassword", "truststorepassword",
                "trustcertificatekeystoretype", "truststoretype");

        static void check(String rest, boolean mysqlScheme, List<String> problems) {
            String scheme = mysqlScheme ? "jdbc:mysql:" : "jdbc:mariadb:";
            String example = scheme + "//HOST:3306/DATABASE" + (mysqlScheme ? "?permitMysqlScheme" : "");
            if (!rest.startsWith("//")) {
                int colon = rest.indexOf(':');
                problems.add(colon > 0 && rest.startsWith("//", colon + 1)
                        ? "MariaDB high-availability mode " + shown(rest.substring(0, colon + 1)) + " is not on the allow-list;"
                                + " write " + example
                        : scheme + " must be followed by //HOST[:PORT]/DATABASE; write " + example);
                return;
            }
            if (refuseUserInfo("MariaDB", rest, problems)) {
                return;
            }
            refuseWhitespace("MariaDB", rest, "remove it (the driver does not decode %20, so a value cannot hold a space)", problems);
            Location location = Location.of(rest.substring(2));
            if (location.authority().contains("(")) {
                problems.add("MariaDB address=(…) hosts are refused; write " + example);
            } else {
                checkHosts("MariaDB", location.authority(), example, problems);
            }
            if (location.database() == null || location.database().isEmpty()) {
                problems.add("MariaDB URL names no database; write " + example);
            } else if (!DATABASE.matcher(location.database()).matches()) {
                problems.add("MariaDB database " + shown(location.database()) + " is refused: a database name here is"
                        + " letters, digits and _ $ . - ; write " + example);
            }
            boolean permits = checkProperties(location.query(), problems);
            if (mysqlScheme && !permits) {
                problems.add("jdbc:mysql: needs permitMysqlScheme (the MariaDB driver ignores jdbc:mysql: URLs without it);"
                        + " write " + example + " or use jdbc:mariadb:");
            }
        }

        /** Checks the properties; true when permitMysqlScheme was among them. */
        private static boolean checkProperties(String query, List<String> problems) {
            Map<String, Rule> byLowerCase = new LinkedHashMap<>();
            ALLOWED.values().forEach(r -> byLowerCase.put(r.name().toLowerCase(Locale.ROOT), r));
            Set<String> seen = new HashSet<>();
            boolean permits = false;
            for (Property p : queryProperties(query)) {
                String key = p.key();
                String lower = key.toLowerCase(Locale.ROOT);
                lower = ALIASES.getOrDefault(lower, lower);
                if (!KEY.matcher(key).matches()) {
                    problems.add(badPropertyName("MariaDB", key, REFUSED, ALIASES));
                    continue;
                }
                if (!seen.add(lower)) {
                    problems.add("MariaDB property " + key + " is given twice; give it once");
                    continue;
                }
                String why = REFUSED.get(lower);
                if (why != null) {
                    problems.add("MariaDB property " + key + " is refused: " + why);
                    continue;
                }
                Rule rule = byLowerCase.get(lower);
                if (rule == null) {
                    problems.add(notAllowed("MariaDB", "property", key, REFUSED.keySet(), ALLOWED.keySet()));
                    continue;
                }
                permits |= rule.name().equals("permitMysqlScheme");
                String value = p.value() == null ? "" : p.value();
                String problem = valueProblem("MariaDB", "property", rule, value);
                if (problem != null) {
                    problems.add(problem);
                }
            }
            return permits;
        }
    }

    static {
        H2_SETTINGS = List.copyOf(H2.ALLOWED.keySet());
        POSTGRESQL_PROPERTIES = List.copyOf(Postgresql.ALLOWED.keySet());
        MARIADB_PROPERTIES = List.copyOf(Mariadb.ALLOWED.keySet());
    }
}
