package io.bizmaster.store.jdbc;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Whether an operator's row-mapping query is one plain {@code SELECT}, checked before it runs.
 *
 * <p>The query is pasted into SQL and run on a connection to a store (H2, PostgreSQL or MariaDB), so the
 * check is made on tokens, not on text: a small lexer reads {@code '…'} strings ({@code ''} escapes),
 * {@code "…"} and {@code `…`} identifiers, numbers, words and symbols, so a keyword or ';' inside a string
 * ({@code SELECT 'DROP TABLE x; --' AS note}) is data and passes. Whatever the three engines could read
 * differently is refused rather than guessed at: a check that lexes like one engine can be fooled by
 * text that another engine lexes otherwise.
 *
 * <p>Refused:
 * <ul>
 *   <li>anything but one statement starting with {@code SELECT} or {@code WITH} (leading '(' allowed);</li>
 *   <li>every ';' outside strings and quoted identifiers, a trailing one too: the caller runs exactly one
 *       statement, and stripping it here would mean returning a rewritten query;</li>
 *   <li>every comment ({@code --}, {@code /* … *}{@code /}, and {@code #}, a comment to MariaDB): comments
 *       can hide text from review, and MariaDB runs {@code /*! … *}{@code /};</li>
 *   <li>a backslash anywhere: MariaDB reads {@code \'} inside a string as an escaped quote, H2 and PostgreSQL
 *       do not, so where a string ends would depend on the engine;</li>
 *   <li>{@code ;}, quotes, {@code \}, {@code --}, {@code /*}, {@code #} and {@code $} inside a {@code `…`} identifier: only
 *       MariaDB quotes with backticks, PostgreSQL reads them as operator characters and their content as SQL;</li>
 *   <li>dollar quoting and {@code $1} ({@code $$…$$} is a string to PostgreSQL and H2, part of a name to
 *       MariaDB), {@code U&'…'} Unicode escapes (they can spell a refused name), {@code @} session variables,
 *       JDBC escapes ({@code {call …}} is rewritten by the driver into a procedure call);</li>
 *   <li>words of other statements anywhere (INSERT, UPDATE, DELETE, MERGE, CREATE, DROP, ALTER, TRUNCATE,
 *       GRANT, CALL, EXEC, SET, COMMIT, RUNSCRIPT, SCRIPT, BACKUP, COPY, LOAD, HANDLER, DO, …), which also
 *       catches data-changing CTEs such as {@code WITH x AS (DELETE … RETURNING *) SELECT …}; a column of that
 *       name can be quoted ({@code "LOAD"});</li>
 *   <li>{@code INTO} ({@code SELECT … INTO} table, {@code OUTFILE}, {@code DUMPFILE} or variables) and row
 *       locks ({@code FOR UPDATE}, {@code FOR SHARE}, {@code FOR NO KEY UPDATE}, {@code FOR KEY SHARE},
 *       {@code LOCK IN SHARE MODE});</li>
 *   <li>calls of functions that reach files, run code or dynamic SQL, wait, take session locks, change the
 *       session or control the server (see {@link #REFUSED_FUNCTIONS}), quoted or not, and H2's
 *       {@code JAVA_OBJECT} (casting to it deserialises bytes into Java objects in BizMaster's JVM).</li>
 * </ul>
 *
 * <p>This is one layer. The caller additionally runs the query in a read-only transaction (and should set a
 * query timeout), which stops writes this check cannot know of, such as a user-defined function that writes.
 */
public final class SelectOnlyQuery {

    /** Longest query accepted; a row mapping that needs more should be a view. */
    public static final int MAX_LENGTH = 10_000;

    private enum Kind { WORD, QUOTED, STRING, NUMBER, SYMBOL }

    /** One token; {@code text} is a quoted identifier's content, {@code written} the token as it stands in the query. */
    private record Token(Kind kind, String text, int offset, String written) {

        Token(Kind kind, String text, int offset) {
            this(kind, text, offset, text);
        }

        String upper() {
            // ROOT maps look-alikes such as dotless ı to I: "ınto" is INTO to an engine that upper-cases so.
            return text.toUpperCase(Locale.ROOT);
        }

        boolean isWord(String word) {
            return kind == Kind.WORD && upper().equals(word);
        }

        boolean isSymbol(String symbol) {
            return kind == Kind.SYMBOL && text.equals(symbol);
        }
    }

    private record Problem(int offset, String message) {
    }

    private static final String CHANGES_DATA = "a mapping query only reads rows; it cannot change data";
    private static final String CHANGES_SCHEMA = "a mapping query only reads rows; it cannot change the schema or privileges";
    private static final String RUNS_CODE = "it runs procedures, prepared or anonymous code; a mapping query is one SELECT";
    private static final String SESSION = "it changes the session, which outlives the query on a pooled connection";
    private static final String TRANSACTION = "BizMaster runs the query in its own read-only transaction; remove it";
    private static final String SERVER = "it reaches files or controls the server; a mapping query is one SELECT";
    private static final String LOCKS = "it locks rows or tables; a mapping query only reads";

    /** Words that belong to other statements; refused wherever they appear unquoted. */
    private static final Map<String, String> STATEMENT_WORDS = Map.ofEntries(
            Map.entry("INSERT", CHANGES_DATA), Map.entry("UPDATE", CHANGES_DATA), Map.entry("DELETE", CHANGES_DATA),
            Map.entry("MERGE", CHANGES_DATA), Map.entry("UPSERT", CHANGES_DATA), Map.entry("TRUNCATE", CHANGES_DATA),
            Map.entry("CREATE", CHANGES_SCHEMA), Map.entry("DROP", CHANGES_SCHEMA), Map.entry("ALTER", CHANGES_SCHEMA),
            Map.entry("RENAME", CHANGES_SCHEMA), Map.entry("GRANT", CHANGES_SCHEMA), Map.entry("REVOKE", CHANGES_SCHEMA),
            Map.entry("CALL", RUNS_CODE), Map.entry("EXEC", RUNS_CODE), Map.entry("EXECUTE", RUNS_CODE),
            Map.entry("DO", RUNS_CODE), Map.entry("PREPARE", RUNS_CODE), Map.entry("DEALLOCATE", RUNS_CODE),
            Map.entry("HANDLER", RUNS_CODE), Map.entry("PROCEDURE", RUNS_CODE), Map.entry("DECLARE", RUNS_CODE),
            Map.entry("SET", SESSION), Map.entry("RESET", SESSION), Map.entry("DISCARD", SESSION), Map.entry("USE", SESSION),
            Map.entry("BEGIN", TRANSACTION), Map.entry("COMMIT", TRANSACTION), Map.entry("ROLLBACK", TRANSACTION),
            Map.entry("SAVEPOINT", TRANSACTION),
            Map.entry("RUNSCRIPT", SERVER), Map.entry("SCRIPT", SERVER), Map.entry("BACKUP", SERVER), Map.entry("COPY", SERVER),
            Map.entry("LOAD", SERVER), Map.entry("SHUTDOWN", SERVER), Map.entry("CHECKPOINT", SERVER),
            Map.entry("VACUUM", SERVER), Map.entry("ANALYZE", SERVER), Map.entry("REINDEX", SERVER),
            Map.entry("REFRESH", SERVER), Map.entry("LISTEN", SERVER), Map.entry("NOTIFY", SERVER), Map.entry("KILL", SERVER),
            Map.entry("FLUSH", SERVER), Map.entry("INSTALL", SERVER), Map.entry("UNINSTALL", SERVER),
            Map.entry("LOCK", LOCKS), Map.entry("UNLOCK", LOCKS),
            Map.entry("INTO", "SELECT … INTO writes (a new table, a file with OUTFILE/DUMPFILE, or variables); remove the"
                    + " INTO clause"),
            Map.entry("OUTFILE", "it writes a file on the database server; remove it"),
            Map.entry("DUMPFILE", "it writes a file on the database server; remove it"),
            Map.entry("JAVA_OBJECT", "H2 deserialises JAVA_OBJECT values into Java objects in BizMaster's JVM; select the"
                    + " column as it is stored"));

    /** Statement words nobody names a column after, so the "quote it" hint would only confuse. */
    private static final Set<String> NEVER_NAMES = Set.of("INTO", "OUTFILE", "DUMPFILE", "JAVA_OBJECT", "RUNSCRIPT");

    private static final String FILES = "it reads or writes files on the database host (for embedded H2 that is"
            + " BizMaster's own host)";
    private static final String DYNAMIC = "it runs code or SQL text of its own";
    private static final String WAITS = "it holds the connection waiting or busy; a mapping query reads rows";
    private static final String SESSION_LOCKS = "it takes locks that outlive the query on a pooled connection";
    private static final String ADMIN = "it controls the server, replication or other sessions";
    private static final String REMOTE = "it connects to another database from inside this one";
    private static final String SEQUENCES = "it advances or sets a sequence, which is a write";
    private static final String GUC = "it changes a session setting (e.g. search_path), which outlives the query on a"
            + " pooled connection";

    /**
     * Functions refused when called (a name, quoted or not, followed by '('), lower case; names ending in '_'
     * are prefixes ({@code pg_ls_} covers {@code pg_ls_dir}, {@code pg_ls_logdir} …).
     */
    public static final Map<String, String> REFUSED_FUNCTIONS = Map.ofEntries(
            // H2
            Map.entry("file_read", FILES), Map.entry("file_write", FILES), Map.entry("csvread", FILES),
            Map.entry("csvwrite", FILES), Map.entry("link_schema", REMOTE), Map.entry("java_", DYNAMIC),
            Map.entry("ft_", "it creates or drops H2 full-text indexes and triggers"),
            Map.entry("ftl_", "it creates or drops H2 Lucene indexes and triggers"),
            Map.entry("cancel_session", ADMIN), Map.entry("abort_session", ADMIN),
            // PostgreSQL
            Map.entry("pg_read_file", FILES), Map.entry("pg_read_binary_file", FILES), Map.entry("pg_ls_", FILES),
            Map.entry("pg_stat_file", FILES), Map.entry("pg_file_", FILES),
            Map.entry("lo_", "large objects import and export files on the database server (lo_import, lo_export) and"
                    + " write data"),
            Map.entry("dblink", REMOTE), Map.entry("dblink_", REMOTE),
            Map.entry("pg_sleep", WAITS), Map.entry("pg_sleep_", WAITS),
            Map.entry("pg_advisory_", SESSION_LOCKS), Map.entry("pg_try_advisory_", SESSION_LOCKS),
            Map.entry("pg_terminate_backend", ADMIN), Map.entry("pg_cancel_backend", ADMIN),
            Map.entry("pg_reload_conf", ADMIN), Map.entry("pg_rotate_logfile", ADMIN), Map.entry("pg_promote", ADMIN),
            Map.entry("pg_switch_wal", ADMIN), Map.entry("pg_create_", ADMIN), Map.entry("pg_drop_replication_slot", ADMIN),
            Map.entry("pg_replication_", ADMIN), Map.entry("pg_logical_", ADMIN), Map.entry("pg_backup_", ADMIN),
            Map.entry("pg_start_backup", ADMIN), Map.entry("pg_stop_backup", ADMIN),
            Map.entry("pg_import_system_collations", ADMIN), Map.entry("pg_notify", ADMIN),
            Map.entry("set_config", GUC),
            Map.entry("query_to_xml", DYNAMIC), Map.entry("query_to_xmlschema", DYNAMIC),
            Map.entry("query_to_xml_and_xmlschema", DYNAMIC), Map.entry("cursor_to_xml", DYNAMIC),
            Map.entry("cursor_to_xmlschema", DYNAMIC),
            Map.entry("nextval", SEQUENCES), Map.entry("setval", SEQUENCES),
            // MariaDB / MySQL
            Map.entry("load_file", FILES), Map.entry("sleep", WAITS), Map.entry("benchmark", WAITS),
            Map.entry("get_lock", SESSION_LOCKS), Map.entry("release_lock", SESSION_LOCKS),
            Map.entry("release_all_locks", SESSION_LOCKS), Map.entry("master_pos_wait", WAITS),
            Map.entry("master_gtid_wait", WAITS), Map.entry("source_pos_wait", WAITS),
            Map.entry("sys_exec", DYNAMIC), Map.entry("sys_eval", DYNAMIC));

    private SelectOnlyQuery() {
    }

    /**
     * Every reason {@code query} may not run as a row mapping, or an empty list if it may. Each message names
     * the token and its line and column, and says what is allowed instead. The query still runs in a
     * read-only transaction; this check is what keeps it to one read-only statement in the first place.
     *
     * @param query the SQL as the operator gave it (null and blank are refused)
     * @return the problems, in the order they occur in the query; empty when the query is fine
     */
    public static List<String> problems(String query) {
        if (query == null || query.isBlank()) {
            return List.of("the query is empty; write one SELECT … FROM … statement");
        }
        if (query.length() > MAX_LENGTH) {
            return List.of(String.format(Locale.ROOT, "the query has %,d characters; at most %,d are allowed, put a long"
                    + " mapping in a view and select from it", query.length(), MAX_LENGTH));
        }
        Lexer lexer = new Lexer(query);
        lexer.run();
        List<Problem> found = new ArrayList<>(lexer.problems);
        if (lexer.tokens.isEmpty()) {
            found.add(new Problem(0, "the query has no statement; write one SELECT … FROM … statement"));
        } else {
            new Analysis(query, lexer.tokens, found).run();
        }
        found.sort(Comparator.comparingInt(Problem::offset));
        return found.stream().map(Problem::message).toList();
    }

    /**
     * Throws unless {@code query} is fine.
     *
     * @param query the SQL as the operator gave it
     * @return {@code query}, for chaining
     * @throws IllegalArgumentException listing every problem
     */
    public static String check(String query) {
        List<String> problems = problems(query);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("the mapping query is refused: " + String.join("; ", problems));
        }
        return query;
    }

    /** "line 2, column 7" for a character offset. */
    private static String at(String query, int offset) {
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < offset && i < query.length(); i++) {
            if (query.charAt(i) == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        return "line " + line + ", column " + (offset - lineStart + 1);
    }

    // ---------------------------------------------------------------- lexer

    private static final class Lexer {

        final String q;
        final List<Token> tokens = new ArrayList<>();
        final List<Problem> problems = new ArrayList<>();
        private int i;

        Lexer(String query) {
            this.q = query;
        }

        void run() {
            while (i < q.length()) {
                char c = q.charAt(i);
                char next = i + 1 < q.length() ? q.charAt(i + 1) : 0;
                if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
                    i++;
                } else if (Character.isWhitespace(c) || Character.isSpaceChar(c) || Character.isISOControl(c)
                        || Character.getType(c) == Character.FORMAT) {
                    // Engines disagree on whether U+00A0 or U+200B separates or belongs to a name; bidi controls hide text.
                    problem(i, String.format("the invisible or control character U+%04X at %s is refused; use plain spaces"
                            + " and line breaks", (int) c, at(q, i)));
                    i++;
                } else if (c == '\'') {
                    quoted('\'', Kind.STRING, "string literal", true);
                } else if (c == '"') {
                    // MariaDB reads "…" as a string with backslash escapes, the others as a name: no backslash either way.
                    quoted('"', Kind.QUOTED, "quoted identifier", true);
                } else if (c == '`') {
                    quoted('`', Kind.QUOTED, "quoted identifier", false);
                    backtickContent();
                } else if (c == '-' && next == '-' || c == '/' && next == '*' || c == '#') {
                    comment(c == '/');
                } else if (c == ';') {
                    semicolon();
                } else if (c == '$') {
                    problem(i, "'$' at " + at(q, i) + " is refused: PostgreSQL and H2 read $$…$$ and $tag$…$tag$ as string"
                            + " quotes and $1 as a parameter, MariaDB as part of a name; write strings in '…'");
                    i += next == '$' ? 2 : 1;
                } else if (c == '\\') {
                    problem(i, "'\\' at " + at(q, i) + " is refused: a backslash is not SQL outside strings (MariaDB reads"
                            + " \\N as NULL); remove it");
                    i++;
                } else if (c == '{' || c == '}') {
                    problem(i, "'" + c + "' at " + at(q, i) + " is refused: the JDBC driver rewrites {…} escapes ({call …}"
                            + " becomes a procedure call); write plain SQL");
                    i++;
                } else if (c == '@') {
                    problem(i, "'@' at " + at(q, i) + " is refused: session variables (@v, @@global.x) outlive the query on"
                            + " a pooled connection; select columns and literals only");
                    i++;
                } else if (Character.isLetter(c) || c == '_') {
                    word();
                } else if (Character.isDigit(c) || c == '.' && Character.isDigit(next)) {
                    int start = i;
                    while (i < q.length() && (Character.isLetterOrDigit(q.charAt(i)) || q.charAt(i) == '_' || q.charAt(i) == '.')) {
                        i++;
                    }
                    tokens.add(new Token(Kind.NUMBER, q.substring(start, i), start));
                } else if (c == ':' && next == ':') {
                    tokens.add(new Token(Kind.SYMBOL, "::", i));
                    i += 2;
                } else {
                    tokens.add(new Token(Kind.SYMBOL, String.valueOf(c), i));
                    i++;
                }
            }
        }

        private void problem(int offset, String message) {
            problems.add(new Problem(offset, message));
        }

        /** A '…', "…" or `…` token; the quote doubled stands for itself, as in all three engines. */
        private void quoted(char quote, Kind kind, String what, boolean noBackslash) {
            int start = i;
            StringBuilder text = new StringBuilder();
            boolean backslashReported = false;
            i++;
            while (true) {
                if (i >= q.length()) {
                    problem(start, "the " + what + " opened with " + quote + " at " + at(q, start) + " is not closed;"
                            + " close it with " + quote + " (write " + quote + quote + " for a " + quote + " inside it)");
                    return;
                }
                char c = q.charAt(i);
                if (c == quote) {
                    if (i + 1 < q.length() && q.charAt(i + 1) == quote) {
                        text.append(quote);
                        i += 2;
                        continue;
                    }
                    i++;
                    break;
                }
                if (c == '\\' && noBackslash && !backslashReported) {
                    backslashReported = true;
                    problem(i, "the backslash at " + at(q, i) + " inside a " + what + " is refused: MariaDB reads \\"
                            + quote + " as an escaped quote and H2 and PostgreSQL do not, so the engines would disagree on"
                            + " where the " + what + " ends; write the character itself (" + quote + quote + " for a "
                            + quote + ")");
                }
                text.append(c);
                i++;
            }
            tokens.add(new Token(kind, text.toString(), start, q.substring(start, i)));
        }

        /**
         * Only MariaDB (and H2 in its MySQL modes) quotes with backticks; PostgreSQL reads '`' as an operator
         * character and so reads what is between them as SQL. What could end a statement or open a literal or
         * comment there is refused, so that the text means the same whichever engine reads it.
         */
        private void backtickContent() {
            Token last = tokens.isEmpty() ? null : tokens.get(tokens.size() - 1);
            if (last == null || last.kind() != Kind.QUOTED || !last.written().startsWith("`")) {
                return;
            }
            String content = last.text();
            for (String risky : List.of(";", "'", "\"", "\\", "--", "/*", "#", "$")) {
                if (content.contains(risky)) {
                    problem(last.offset(), "" + risky + " inside the `…` identifier at " + at(q, last.offset()) + " is"
                            + " refused: PostgreSQL does not read backticks as quotes, so it would read " + risky
                            + " as SQL; rename the column or select it through a view");
                    return;
                }
            }
        }

        private void comment(boolean block) {
            int start = i;
            String kind = block ? "/*" : q.substring(i, i + (q.charAt(i) == '#' ? 1 : 2));
            problem(start, "the comment " + kind + " at " + at(q, start) + " is refused: comments can hide statements"
                    + " (and MariaDB runs /*! … */); remove it");
            if (block) {
                int end = q.indexOf("*/", i + 2);
                i = end < 0 ? q.length() : end + 2;
            } else {
                int end = q.indexOf('\n', i);
                i = end < 0 ? q.length() : end + 1;
            }
        }

        private void semicolon() {
            int start = i;
            i++;
            boolean trailing = q.substring(i).isBlank();
            problem(start, "';' at " + at(q, start) + " is refused: " + (trailing
                    ? "remove the trailing ';', BizMaster runs the query as one statement"
                    : "a mapping query is exactly one statement, and ';' would start another; remove it and what follows"));
        }

        private void word() {
            int start = i;
            while (i < q.length() && (Character.isLetterOrDigit(q.charAt(i)) || q.charAt(i) == '_' || q.charAt(i) == '$')) {
                i++;
            }
            String text = q.substring(start, i);
            if (text.equalsIgnoreCase("U") && i + 1 < q.length() && q.charAt(i) == '&'
                    && (q.charAt(i + 1) == '\'' || q.charAt(i + 1) == '"')) {
                problem(start, "U& at " + at(q, start) + " is refused: Unicode escapes can spell a refused name or keyword;"
                        + " write the characters themselves");
            }
            if (text.indexOf('$') >= 0 && text.contains("$$")) {
                problem(start, "'$$' in " + text + " at " + at(q, start) + " is refused: PostgreSQL and H2 may read it as a"
                        + " dollar quote; rename or quote the identifier");
            }
            tokens.add(new Token(Kind.WORD, text, start));
        }
    }

    // ---------------------------------------------------------------- analysis

    private static final class Analysis {

        private final String q;
        private final List<Token> t;
        private final List<Problem> found;
        private final Set<Integer> reported = new HashSet<>();

        Analysis(String query, List<Token> tokens, List<Problem> found) {
            this.q = query;
            this.t = tokens;
            this.found = found;
        }

        void run() {
            firstWord();
            List<String> callers = new ArrayList<>(); // the word before each open '(' (CAST, CONVERT …)
            int depth = 0;
            for (int k = 0; k < t.size(); k++) {
                Token token = t.get(k);
                if (token.isSymbol("(")) {
                    depth++;
                    callers.add(k > 0 && t.get(k - 1).kind() == Kind.WORD ? t.get(k - 1).upper() : "");
                } else if (token.isSymbol(")")) {
                    if (depth == 0) {
                        report(k, "')' at " + at(q, token.offset()) + " closes nothing; remove it or add the '(' it belongs to");
                    } else {
                        depth--;
                        callers.remove(callers.size() - 1);
                    }
                }
                if (reported.contains(k)) {
                    continue;
                }
                if (token.kind() == Kind.WORD) {
                    word(k, token, callers.isEmpty() ? "" : callers.get(callers.size() - 1));
                }
                if ((token.kind() == Kind.WORD || token.kind() == Kind.QUOTED) && next(k).isSymbol("(")) {
                    function(k, token);
                }
            }
            if (depth > 0) {
                found.add(new Problem(q.length(), depth + " '(' " + (depth == 1 ? "is" : "are") + " not closed; close "
                        + (depth == 1 ? "it" : "them") + " with ')'"));
            }
        }

        private void firstWord() {
            int k = 0;
            while (k < t.size() && t.get(k).isSymbol("(")) {
                k++;
            }
            if (k == t.size()) {
                return;
            }
            Token first = t.get(k);
            if (!first.isWord("SELECT") && !first.isWord("WITH")) {
                String reason = first.kind() == Kind.WORD ? STATEMENT_WORDS.get(first.upper()) : null;
                report(k, "the query starts with " + shown(first) + " at " + at(q, first.offset())
                        + (reason == null ? "" : ": " + reason) + "; write one SELECT (or WITH … SELECT) statement");
            }
        }

        private void word(int k, Token token, String caller) {
            String upper = token.upper();
            if (upper.equals("FOR")) {
                int locked = lockClause(k);
                if (locked > k) {
                    for (int j = k + 1; j <= locked; j++) {
                        reported.add(j);
                    }
                    report(k, text(k, locked) + " at " + at(q, token.offset()) + " is refused: it locks rows on the primary;"
                            + " a mapping query only reads, remove the locking clause");
                }
                return;
            }
            if (upper.equals("SET") && k > 0 && t.get(k - 1).isWord("CHARACTER")) {
                return; // CAST(x AS CHAR CHARACTER SET utf8mb4) names a character set, it is not the SET statement
            }
            if ((upper.equals("OTHER") || upper.equals("OBJECT"))
                    && (k > 0 && t.get(k - 1).isSymbol("::") || (caller.equals("CAST") || caller.equals("TRY_CAST"))
                            && k > 0 && t.get(k - 1).isWord("AS") || caller.equals("CONVERT") && k > 0 && t.get(k - 1).isSymbol(","))) {
                report(k, upper + " at " + at(q, token.offset()) + " is refused: it is H2's JAVA_OBJECT type, which"
                        + " deserialises bytes into Java objects in BizMaster's JVM; select the column as it is stored");
                return;
            }
            if (upper.equals("INTO") && (next(k).isWord("OUTFILE") || next(k).isWord("DUMPFILE"))) {
                reported.add(k + 1);
                report(k, "INTO " + next(k).upper() + " at " + at(q, token.offset()) + " is refused: it writes a file on the"
                        + " database server; remove the INTO clause");
                return;
            }
            String reason = STATEMENT_WORDS.get(upper);
            if (reason != null) {
                String spelt = isAscii(token.text()) ? upper : token.text() + " (read as " + upper + ")";
                report(k, spelt + " at " + at(q, token.offset()) + " is refused: " + reason
                        + (NEVER_NAMES.contains(upper) ? "" : "; if it is a column or table name, quote it (\"" + token.text() + "\")"));
            }
        }

        /** The index of the last token of FOR UPDATE / FOR SHARE / FOR NO KEY UPDATE / FOR KEY SHARE, or k. */
        private int lockClause(int k) {
            Token a = next(k);
            if (a.isWord("UPDATE") || a.isWord("SHARE")) {
                return k + 1;
            }
            if (a.isWord("NO") && next(k + 1).isWord("KEY") && next(k + 2).isWord("UPDATE")) {
                return k + 3;
            }
            if (a.isWord("KEY") && next(k + 1).isWord("SHARE")) {
                return k + 2;
            }
            return k;
        }

        private void function(int k, Token token) {
            String name = token.text().toLowerCase(Locale.ROOT);
            String reason = REFUSED_FUNCTIONS.get(name);
            if (reason == null) {
                for (Map.Entry<String, String> e : REFUSED_FUNCTIONS.entrySet()) {
                    if (e.getKey().endsWith("_") && name.startsWith(e.getKey())) {
                        reason = e.getValue();
                        break;
                    }
                }
            }
            if (reason != null) {
                report(k, shown(token) + "(…) at " + at(q, token.offset()) + " is refused: " + reason
                        + "; a mapping query selects columns and plain expressions");
            }
        }

        private Token next(int k) {
            return k + 1 < t.size() ? t.get(k + 1) : new Token(Kind.SYMBOL, "", q.length());
        }

        private String text(int from, int to) {
            StringBuilder b = new StringBuilder();
            for (int j = from; j <= to; j++) {
                b.append(j == from ? "" : " ").append(t.get(j).upper());
            }
            return b.toString();
        }

        private void report(int k, String message) {
            reported.add(k);
            found.add(new Problem(t.get(k).offset(), message));
        }

        private static String shown(Token token) {
            return token.written();
        }

        private static boolean isAscii(String s) {
            return s.chars().allMatch(c -> c < 0x80);
        }
    }
}
