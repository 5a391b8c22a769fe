package io.bizmaster.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP proxy between BizMaster and a database server, for cutting the connection in a test the way a network does:
 * {@link Mode#DROP} resets every connection and refuses new ones (a server or a route gone: errors at once);
 * {@link Mode#BLACKHOLE} keeps connections open and loses every byte (a firewall dropping packets: reads hang until a
 * timeout). Going back to {@link Mode#PASS} after a black hole closes the connections that lost bytes, as TCP gives up
 * on them, and passes new ones again.
 */
public final class TcpProxy implements AutoCloseable {

    public enum Mode { PASS, DROP, BLACKHOLE }

    private final String targetHost;
    private final int targetPort;
    private final ServerSocket server;
    private final Thread acceptor;
    private final Set<Link> links = ConcurrentHashMap.newKeySet();
    private volatile Mode mode = Mode.PASS;
    private volatile boolean closed;

    public TcpProxy(String targetHost, int targetPort) throws IOException {
        this.targetHost = targetHost;
        this.targetPort = targetPort;
        this.server = new ServerSocket();
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        acceptor = new Thread(this::accept, "tcp-proxy-" + server.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public int port() {
        return server.getLocalPort();
    }

    /** The URL with the target's host:port replaced by the proxy's. */
    public String route(String url) {
        String target = targetHost + ":" + targetPort;
        if (!url.contains(target)) {
            throw new IllegalArgumentException("the URL does not name " + target + ": " + url);
        }
        return url.replace(target, "127.0.0.1:" + port());
    }

    public synchronized void mode(Mode next) {
        Mode was = mode;
        mode = next;
        if (next == Mode.DROP || was == Mode.BLACKHOLE && next == Mode.PASS) {
            for (Link link : links) {
                link.close();
            }
        }
    }

    public Mode mode() {
        return mode;
    }

    private void accept() {
        while (!closed) {
            try {
                Socket client = server.accept();
                if (mode == Mode.DROP) {
                    client.setSoLinger(true, 0);
                    client.close();
                    continue;
                }
                Link link = new Link(client, mode == Mode.BLACKHOLE ? null : new Socket(targetHost, targetPort));
                links.add(link);
                link.start();
            } catch (IOException e) {
                if (!closed) {
                    sleepQuietly();
                }
            }
        }
    }

    private static void sleepQuietly() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() throws IOException {
        closed = true;
        server.close();
        for (Link link : links) {
            link.close();
        }
    }

    /** One proxied connection: two pumps, each copying one direction while the mode passes bytes. */
    private final class Link {

        private final Socket client;
        private final Socket upstream;

        Link(Socket client, Socket upstream) {
            this.client = client;
            this.upstream = upstream;
        }

        void start() {
            pump(client, upstream, "up");
            if (upstream != null) {
                pump(upstream, client, "down");
            }
        }

        private void pump(Socket from, Socket to, String direction) {
            Thread t = new Thread(() -> {
                byte[] buffer = new byte[16 * 1024];
                try (InputStream in = from.getInputStream()) {
                    OutputStream out = to == null ? null : to.getOutputStream();
                    int n;
                    while ((n = in.read(buffer)) >= 0) {
                        if (mode == Mode.PASS && out != null) {
                            out.write(buffer, 0, n);
                            out.flush();
                        }
                        // Otherwise lost, as packets a black hole swallows.
                    }
                } catch (SocketException e) {
                    // closed by the other pump, a DROP, or close()
                } catch (IOException e) {
                    // the peer went away
                } finally {
                    close();
                }
            }, "tcp-proxy-" + port() + "-" + direction);
            t.setDaemon(true);
            t.start();
        }

        void close() {
            links.remove(this);
            closeQuietly(client);
            if (upstream != null) {
                closeQuietly(upstream);
            }
        }

        private void closeQuietly(Socket s) {
            try {
                if (mode == Mode.DROP) {
                    s.setSoLinger(true, 0);
                }
                s.close();
            } catch (IOException ignored) {
                // already closed
            }
        }
    }
}
