package io.bizmaster.domain;

import io.bizmaster.command.Command;
import io.bizmaster.command.SequencedCommand;
import io.bizmaster.log.LogEntry;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * What a store is fed of the log: a domain's own commands, or what publications of other domains hand it. Decided
 * where the command is handed over to the store (its batch is read), so nothing else reaches its converter.
 */
public sealed interface StoreFeed {

    /**
     * The command the store's converter is given for this entry, or null when the entry is not for the store.
     *
     * @param reader the accepted entry's command as logged (shared between stores, never changed)
     */
    SequencedCommand handOver(LogEntry entry, Function<LogEntry, SequencedCommand> reader);

    /** Whether the store is fed its commands as logged (its converter reads the shared command). */
    boolean asLogged();

    /** A store of one domain: every accepted command of that domain, as logged. */
    record DomainFeed(String domain) implements StoreFeed {

        /** The domain's name in the log: null for the default domain. */
        public String logged() {
            return Domains.DEFAULT.equals(domain) ? null : domain;
        }

        /** Whether the entry is of this domain (accepted or rejected): a store of the domain sees it as logged. */
        public boolean owns(LogEntry entry) {
            return Objects.equals(entry.domain(), logged());
        }

        @Override
        public SequencedCommand handOver(LogEntry entry, Function<LogEntry, SequencedCommand> reader) {
            return entry.accepted() && owns(entry) ? reader.apply(entry) : null;
        }

        @Override
        public boolean asLogged() {
            return true;
        }
    }

    /** A subscriber store: only what its subscriptions pass, each command reduced to the published fields. */
    record SubscriberFeed(List<Subscription> subscriptions) implements StoreFeed {

        public SubscriberFeed {
            subscriptions = List.copyOf(subscriptions);
        }

        @Override
        public SequencedCommand handOver(LogEntry entry, Function<LogEntry, SequencedCommand> reader) {
            if (!entry.accepted() || entry.domain() == null) {
                return null;
            }
            for (Subscription subscription : subscriptions) {
                if (subscription.takes(entry.domain(), entry.type())) {
                    SequencedCommand logged = reader.apply(entry);
                    if (!subscription.passes(logged.command().payload())) {
                        return null;
                    }
                    Command c = logged.command();
                    return new SequencedCommand(logged.seq(), new Command(c.id(), c.type(), c.key(),
                            subscription.publication().project(c.payload()), c.source(), c.issuedAt()));
                }
            }
            return null;
        }

        @Override
        public boolean asLogged() {
            return false;
        }
    }
}
