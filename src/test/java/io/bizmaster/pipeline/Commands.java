package io.bizmaster.pipeline;

import java.nio.charset.StandardCharsets;

/** Hand-written demo-domain commands for tests that need exact ids and keys. */
final class Commands {

    private Commands() {
    }

    static byte[] raw(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] registered(String id, String key, String name) {
        return raw("{\"id\":\"" + id + "\",\"type\":\"customer.registered\",\"key\":\"" + key + "\",\"source\":\"test\","
                + "\"payload\":{\"name\":\"" + name + "\",\"email\":\"" + key + "@example.com\","
                + "\"address\":{\"street\":\"1 Main St\",\"zip\":\"12345\",\"city\":\"Springfield\"}}}");
    }

    static byte[] renamed(String id, String key, String name) {
        return raw("{\"id\":\"" + id + "\",\"type\":\"customer.renamed\",\"key\":\"" + key + "\",\"payload\":{\"name\":\""
                + name + "\"}}");
    }

    static byte[] credited(String id, String key, long amount, String issuedAt) {
        return raw("{\"id\":\"" + id + "\",\"type\":\"customer.credited\",\"key\":\"" + key + "\",\"issuedAt\":\"" + issuedAt
                + "\",\"payload\":{\"amount\":" + amount + "}}");
    }
}
