package io.bizmaster.command;



/** An accepted command together with the sequence number the command log gave it. */
public record SequencedCommand(long seq, Command command) {
}
