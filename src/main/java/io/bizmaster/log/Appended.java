package io.bizmaster.log;



/**
 * The log's answer to an append.
 *
 * @param entry     the entry now in the log: the new one, or the one this command duplicates
 * @param duplicate true when the command was already logged and nothing was written
 */
public record Appended(LogEntry entry, boolean duplicate) {
}
