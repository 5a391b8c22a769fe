package io.bizmaster.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.bizmaster.testing.TestApplication;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The dashboard's login over plain HTTP, where a browser's protections cannot help: a page sends an anonymous browser
 * to the login form; after logging in, the session cookie alone changes nothing (a forged request from another site
 * would carry it), only together with the CSRF token; a script with HTTP Basic gets no session at all.
 */
class DashboardLoginTest {

    @TempDir
    Path data;

    @Test
    void aSessionChangesStateOnlyWithItsCsrfTokenAndBasicGetsNoSession() throws Exception {
        Files.writeString(data.resolve("ops.password"), "ops-secret-1\n");
        TestApplication app = TestApplication.inFolder(data)
                .with("bizmaster.security.users.ops.password-file", data.resolve("ops.password"))
                .with("bizmaster.security.users.ops.roles", "operator");
        try (ConfigurableApplicationContext context = app.start()) {
            String base = "http://127.0.0.1:" + context.getEnvironment().getRequiredProperty("local.server.port");
            CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
            HttpClient browser = HttpClient.newBuilder().cookieHandler(cookies).followRedirects(HttpClient.Redirect.NEVER).build();

            HttpResponse<String> page = browser.send(HttpRequest.newBuilder(URI.create(base + "/"))
                    .header("Accept", "text/html").build(), HttpResponse.BodyHandlers.ofString());
            assertThat(page.statusCode()).isEqualTo(302);
            assertThat(page.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/login"));
            HttpResponse<String> script = browser.send(HttpRequest.newBuilder(URI.create(base + "/app/main.js"))
                    .header("X-Requested-With", "XMLHttpRequest").build(), HttpResponse.BodyHandlers.ofString());
            assertThat(script.statusCode()).as("the dashboard's files are not public").isEqualTo(401);
            assertThat(script.headers().firstValue("WWW-Authenticate")).as("no browser password dialog").isEmpty();

            HttpResponse<String> form = browser.send(HttpRequest.newBuilder(URI.create(base + "/login")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(form.statusCode()).isEqualTo(200);
            Matcher hidden = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"").matcher(form.body());
            assertThat(hidden.find()).as("the login form carries a CSRF token").isTrue();
            String body = "username=ops&password=" + URLEncoder.encode("ops-secret-1", StandardCharsets.UTF_8) + "&_csrf="
                    + URLEncoder.encode(hidden.group(1), StandardCharsets.UTF_8);
            HttpResponse<String> login = browser.send(HttpRequest.newBuilder(URI.create(base + "/login"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(login.statusCode()).isEqualTo(302);
            assertThat(login.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).doesNotContain("error"));
            assertThat(login.headers().allValues("Set-Cookie")).anySatisfy(c -> assertThat(c).startsWith("JSESSIONID=")
                    .containsIgnoringCase("SameSite=Strict").containsIgnoringCase("HttpOnly"));

            // Reading with the session works; an XHR to the API now finds the XSRF-TOKEN cookie set.
            HttpResponse<String> stores = browser.send(HttpRequest.newBuilder(URI.create(base + "/api/stores"))
                    .header("X-Requested-With", "XMLHttpRequest").build(), HttpResponse.BodyHandlers.ofString());
            assertThat(stores.statusCode()).isEqualTo(200);
            String token = cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals("XSRF-TOKEN"))
                    .map(HttpCookie::getValue).findFirst().orElseThrow(() -> new AssertionError("no XSRF-TOKEN cookie: "
                            + cookies.getCookieStore().getCookies()));

            HttpRequest.Builder pause = HttpRequest.newBuilder(URI.create(base + "/api/stores/modern/pause"))
                    .header("Content-Type", "application/json").header("X-Requested-With", "XMLHttpRequest")
                    .POST(HttpRequest.BodyPublishers.ofString("{}"));
            HttpResponse<String> forged = browser.send(pause.build(), HttpResponse.BodyHandlers.ofString());
            assertThat(forged.statusCode()).as("the session cookie without the token: " + forged.body()).isEqualTo(403);
            assertThat(context.getBean(io.bizmaster.store.StoreRegistry.class).get("modern").paused()).isFalse();
            HttpResponse<String> withToken = browser.send(pause.header("X-XSRF-TOKEN", token).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(withToken.statusCode()).as(withToken.body()).isEqualTo(200);
            assertThat(context.getBean(io.bizmaster.store.StoreRegistry.class).get("modern").paused()).isTrue();

            // A script: HTTP Basic, no token needed, and no session created for it.
            HttpClient script2 = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
            String basic = "Basic " + Base64.getEncoder().encodeToString("ops:ops-secret-1".getBytes(StandardCharsets.UTF_8));
            HttpResponse<String> resume = script2.send(HttpRequest.newBuilder(URI.create(base + "/api/stores/modern/resume"))
                    .header("Authorization", basic).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(resume.statusCode()).as(resume.body()).isEqualTo(200);
            assertThat(resume.headers().allValues("Set-Cookie")).noneSatisfy(c -> assertThat(c).startsWith("JSESSIONID="));
            HttpResponse<String> wrong = script2.send(HttpRequest.newBuilder(URI.create(base + "/api/stores"))
                    .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("ops:nope".getBytes(StandardCharsets.UTF_8)))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(wrong.statusCode()).isEqualTo(401);
            assertThat(wrong.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).contains("BizMaster"));

            HttpResponse<String> logout = browser.send(HttpRequest.newBuilder(URI.create(base + "/logout"))
                    .header("Content-Type", "application/x-www-form-urlencoded").header("X-XSRF-TOKEN", token)
                    .POST(HttpRequest.BodyPublishers.ofString("")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(logout.statusCode()).as("logged out (302 for a page, 204 for a script)").isIn(204, 302);
            HttpResponse<String> after = browser.send(HttpRequest.newBuilder(URI.create(base + "/api/stores"))
                    .header("X-Requested-With", "XMLHttpRequest").build(), HttpResponse.BodyHandlers.ofString());
            assertThat(after.statusCode()).as("the session is gone").isEqualTo(401);
        }
    }
}
