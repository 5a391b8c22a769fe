package io.bizmaster.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** STOMP 1.2 frames on a raw socket, for tests that must send bytes a STOMP client library would not. */
public final class StompFrames {

    private StompFrames() {
    }

    /** Writes one frame (command, headers, blank line, body) and its NUL terminator. */
    public static void write(OutputStream out, byte[] frame) throws IOException {
        out.write(frame);
        out.write(0);
        out.flush();
    }

    public static void write(OutputStream out, String frame) throws IOException {
        write(out, frame.getBytes(StandardCharsets.UTF_8));
    }

    /** Reads up to the next NUL, skipping the heart-beat newlines between frames. */
    public static String read(InputStream in) throws IOException {
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != 0) {
            if (b < 0) {
                throw new IllegalStateException("connection closed after: " + frame);
            }
            if (frame.size() == 0 && (b == '\n' || b == '\r')) {
                continue;
            }
            frame.write(b);
        }
        return frame.toString(StandardCharsets.UTF_8);
    }
}
