package io.bizmaster.testing;

import io.bizmaster.demo.DemoStream;
import io.bizmaster.gateway.CommandPoster;
import io.bizmaster.gateway.CommandSplitter;
import io.bizmaster.gateway.OutgoingCommand;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Posts a demo stream at a steady rate, in order, for the whole of a test, through whichever poster is
 * current: a test that restarts the application hands it the new one. A chunk that fails (the application
 * is down) is posted again; the broker's duplicate detection and the log's dedupe by id absorb a repeat.
 */
public final class LoadGenerator implements AutoCloseable {

    private final List<OutgoingCommand> commands;
    private final AtomicReference<CommandPoster> poster = new AtomicReference<>();
    private final AtomicInteger posted = new AtomicInteger();
    private final int perSecond;
    private final int chunk;
    private final Thread thread;
    private final java.util.concurrent.ExecutorService calls = java.util.concurrent.Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "load-generator-post");
        t.setDaemon(true);
        return t;
    });
    private volatile boolean stop;
    private volatile Throwable failure;
    private volatile Exception lastPostFailure;

    public LoadGenerator(DemoStream stream, int perSecond) {
        this(stream.messages().stream().map(m -> CommandSplitter.split(m).get(0)).toList(), perSecond);
    }

    /** Posts these commands, each to its own queue (a named domain's, say), in this order. */
    public LoadGenerator(List<OutgoingCommand> commands, int perSecond) {
        this.commands = List.copyOf(commands);
        this.perSecond = perSecond;
        this.chunk = Math.max(1, perSecond / 20);
        this.thread = new Thread(this::run, "load-generator");
        this.thread.setDaemon(true);
    }

    public LoadGenerator start(CommandPoster first) {
        poster.set(first);
        thread.start();
        return this;
    }

    /** The application restarted (or stopped: null) — post through this one from now on. */
    public void poster(CommandPoster current) {
        poster.set(current);
    }

    public int posted() {
        return posted.get();
    }

    public int total() {
        return commands.size();
    }

    public int perSecond() {
        return perSecond;
    }

    /** Why the last post failed (it is posted again), for a test's message when the load does not flow. */
    public String lastPostFailure() {
        Exception e = lastPostFailure;
        return e == null ? "no post failed" : "last post failure: " + e;
    }

    public boolean done() {
        return posted.get() == commands.size();
    }

    public void awaitDone(java.time.Duration timeout) throws InterruptedException {
        thread.join(timeout.toMillis());
        if (failure != null) {
            throw new AssertionError("the load generator failed", failure);
        }
        if (!done()) {
            throw new AssertionError("the load generator posted only " + posted() + " of " + commands.size());
        }
    }

    private void run() {
        long started = System.nanoTime();
        try {
            while (!stop && posted.get() < commands.size()) {
                int from = posted.get();
                int to = Math.min(from + chunk, commands.size());
                CommandPoster current = poster.get();
                try {
                    if (current == null) {
                        throw new IllegalStateException("application down");
                    }
                    // A post to a broker that was killed mid-call can block on its dead connection; give up on it
                    // after a while and post the same chunk again (the log's dedupe by id absorbs a repeat).
                    java.util.concurrent.Future<Integer> call = calls.submit(() -> current.post(commands.subList(from, to)));
                    try {
                        call.get(10, java.util.concurrent.TimeUnit.SECONDS);
                    } catch (java.util.concurrent.TimeoutException e) {
                        call.cancel(true);
                        throw e;
                    }
                    posted.set(to);
                } catch (Exception e) {
                    lastPostFailure = e;
                    Thread.sleep(200); // down or restarting: the same chunk again
                    continue;
                }
                long due = started + (long) (to * 1e9 / perSecond);
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Throwable t) {
            failure = t;
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop = true;
        thread.join(5_000);
        calls.shutdownNow();
    }
}
