package io.bizmaster.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.bizmaster.demo.DemoStream;
import io.bizmaster.gateway.CommandPoster;
import io.bizmaster.gateway.CommandSplitter;
import io.bizmaster.log.CommandLog;
import io.bizmaster.store.StoreRegistry;
import io.bizmaster.testing.ApiClient;
import io.bizmaster.testing.Browser;
import io.bizmaster.testing.Eventually;
import io.bizmaster.testing.LogChecks;
import io.bizmaster.testing.TestApplication;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * The dashboard in a real browser (Debian's headless Chromium) against a running BizMaster, as an operator and a
 * viewer use it: anonymous is sent to the login form and the API refuses it; after logging in both stores show at the
 * log head; a store is paused and resumed from its buttons; a verification started from the page shows a planted
 * difference side by side; a migration created from the page is checked (dry run) and cut over, and its freeze window
 * shows on its timeline; a viewer sees no buttons that change anything. Screenshots of each page go to
 * target/screenshots (the README's are copied from there).
 */
class DashboardBrowserTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path data;

    @Test
    void anOperatorRunsTheSystemFromTheDashboard() throws Exception {
        Files.writeString(data.resolve("ops.password"), "ops-secret-1\n");
        Files.writeString(data.resolve("view.password"), "view-secret-2\n");
        DemoStream stream = DemoStream.generate(3_000, 150, 41, "ui");
        TestApplication app = TestApplication.inFolder(data)
                .with("bizmaster.security.users.ops.password-file", data.resolve("ops.password"))
                .with("bizmaster.security.users.ops.roles", "operator")
                .with("bizmaster.security.users.view.password-file", data.resolve("view.password"))
                .with("bizmaster.security.users.view.roles", "viewer")
                .with("bizmaster.stores.modern2.role", "detached")
                .with("bizmaster.stores.modern2.converter", "modern@1")
                .with("bizmaster.stores.modern2.connector", "jdbc")
                .with("bizmaster.stores.modern2.options.url", "jdbc:h2:file:" + data.resolve("stores/modern2"))
                .with("bizmaster.stores.modern2.options.username", "sa");
        Path screenshots = Path.of("target", "screenshots");
        try (ConfigurableApplicationContext context = app.start(); Browser browser = Browser.start(screenshots)) {
            int port = Integer.parseInt(context.getEnvironment().getRequiredProperty("local.server.port"));
            String base = "http://127.0.0.1:" + port;
            ApiClient operatorApi = new ApiClient(port, "ops", "ops-secret-1");
            context.getBean(CommandPoster.class).post(stream.messages().stream().map(m -> CommandSplitter.split(m).get(0)).toList());
            long head = stream.messages().size();
            StoreStatusService status = context.getBean(StoreStatusService.class);
            Eventually.await("legacy and modern at the head", Duration.ofMinutes(2),
                    () -> status.one("legacy").checkpoint() == head && status.one("modern").checkpoint() == head);
            LogChecks.assertExactlyOnceInOrder(context.getBean(CommandLog.class), stream, "ui");

            // Anonymous: the page sends the browser to the login form, the API answers 401.
            browser.open(base + "/");
            browser.await("the login form", WAIT, d -> d.getCurrentUrl().endsWith("/login"));
            assertThat(new ApiClient(port, null, null).get("/api/stores").getStatus().value()).isEqualTo(401);
            browser.screenshot("login");

            logIn(browser, "ops", "ops-secret-1");
            String atHead = String.format(Locale.US, "%,d", head);
            for (String store : List.of("legacy", "modern")) {
                browser.awaitText("tr[data-store=" + store + "] td.checkpoint", WAIT, atHead::equals);
                browser.awaitText("tr[data-store=" + store + "] td.lag", WAIT, "0"::equals);
            }
            assertThat(browser.find("#user").getText()).contains("ops", "operator");
            browser.await("the apply-rate chart", WAIT, d -> !d.findElements(By.cssSelector(".chart canvas")).isEmpty());
            browser.screenshot("stores");

            // Pause and resume a store from its buttons: the API agrees.
            browser.click("tr[data-store=modern] button[data-action=pause]");
            browser.awaitText("tr[data-store=modern] td.state", WAIT, "paused"::equals);
            assertThat(operatorApi.getJson("/api/stores/modern").path("paused").asBoolean()).isTrue();
            browser.click("tr[data-store=modern] button[data-action=resume]");
            browser.awaitText("tr[data-store=modern] td.state", WAIT, "running"::equals);
            assertThat(operatorApi.getJson("/api/stores/modern").path("paused").asBoolean()).isFalse();

            // The command log: a key's commands, and one command's outcome in every store.
            String customer = stream.model().customers().keySet().iterator().next();
            browser.open(base + "/#/log");
            browser.find("#log-search input[name=key]").sendKeys(customer);
            browser.find("#log-search button[type=submit]").click();
            browser.await("the key's commands", WAIT, d -> d.findElements(By.cssSelector("table.log tbody tr")).stream()
                    .allMatch(r -> r.getText().contains(customer)) && !d.findElements(By.cssSelector("table.log tbody tr")).isEmpty());
            browser.click("table.log tbody tr a");
            browser.awaitText("#command tr[data-store=legacy] td:nth-child(2)", WAIT, "APPLIED"::equals);
            browser.awaitText("#command tr[data-store=modern] td:nth-child(2)", WAIT, "APPLIED"::equals);
            assertThat(browser.find("#log-search input[name=key]").getDomProperty("value")).as("the search stays")
                    .isEqualTo(customer);
            // Read in one pass the page may redraw under (a stale row is read again): only the key's commands listed.
            List<String> rows = browser.await("the listed rows", WAIT, d -> d.findElements(By.cssSelector("table.log tbody tr"))
                    .stream().map(WebElement::getText).toList());
            assertThat(rows).isNotEmpty().allMatch(text -> text.contains(customer));
            browser.screenshot("command-log");

            // A planted difference, found by a verification started from the page, shown side by side.
            String planted = plantDifference(context);
            browser.open(base + "/#/verifications");
            browser.await("the stores to choose from", WAIT, d -> d.findElements(By.cssSelector("#verify-form select[name=source] option")).size() >= 2);
            new org.openqa.selenium.support.ui.Select(browser.find("#verify-form select[name=source]")).selectByValue("legacy");
            new org.openqa.selenium.support.ui.Select(browser.find("#verify-form select[name=target]")).selectByValue("modern");
            browser.find("#verify-form button[type=submit]").click();
            browser.awaitText("#verification-outcome", WAIT, "DIFFERENT"::equals);
            String differing = ".difference[data-key='" + planted + "'] tr.differs";
            browser.awaitText(differing + " td:first-child", WAIT, "email"::equals);
            browser.awaitText(differing + " td.value.target", WAIT, "planted@example.com"::equals);
            assertThat(browser.awaitText(differing + " td.value.source", WAIT, t -> !t.isBlank()))
                    .isNotEqualTo("planted@example.com").contains("@");
            browser.screenshot("verification");

            // A migration created from the page, checked and cut over; its freeze window on the timeline.
            browser.open(base + "/#/migrations");
            WebElement definition = browser.find("#migration-form textarea");
            definition.sendKeys("id: ui-move\nsource: legacy\ntarget: modern2\nbackfill: replay\nmax-freeze-ms: 5000\n"
                    + "max-cutover-lag: 2000\nchunk: 500\n");
            browser.find("#migration-form button[type=submit]").click();
            browser.awaitText("#migration-phase", Duration.ofMinutes(3), "READY"::equals);
            browser.click("button[data-action=dry-run]");
            browser.awaitText("#dry-run-verdict", WAIT, text -> !text.isBlank());
            browser.awaitText("#estimated-freeze", WAIT, t -> t.matches("[0-9,]+ ms"));
            browser.screenshot("migration-dry-run");
            browser.click("button[data-action=cutover]");
            browser.await("the confirmation", WAIT, d -> {
                try {
                    return d.switchTo().alert();
                } catch (org.openqa.selenium.NoAlertPresentException e) {
                    return null;
                }
            }).accept();
            browser.awaitText("#migration-phase", WAIT, "CUT_OVER"::equals);
            JsonNode migration = operatorApi.getJson("/api/migrations/ui-move");
            long freeze = migration.path("freezeWindowMs").asLong();
            String freezeText = String.format(Locale.US, "%,d ms", freeze);
            browser.awaitText("#freeze-window", WAIT, t -> t.contains(freezeText));
            List<String> freezes = browser.await("the timeline's freeze windows", WAIT, d -> d.findElements(
                    By.cssSelector("table.timeline td.freeze")).stream().map(WebElement::getText).toList());
            assertThat(freezes).contains(freezeText);
            assertThat(operatorApi.getJson("/api/stores/modern2").path("role").asString()).isEqualTo("primary");
            browser.screenshot("migration");

            browser.open(base + "/#/throughput");
            browser.await("the throughput chart", WAIT, d -> !d.findElements(By.cssSelector(".chart canvas")).isEmpty()
                    && !d.findElements(By.cssSelector("#received-rate")).isEmpty());
            browser.screenshot("throughput");
            assertThat(browser.consoleErrors()).as("errors in the pages' console").isEmpty();
        }
    }

    @Test
    void aViewerReadsButIsOfferedNothingThatChangesState() throws Exception {
        Files.writeString(data.resolve("view.password"), "view-secret-2\n");
        TestApplication app = TestApplication.inFolder(data)
                .with("bizmaster.security.users.view.password-file", data.resolve("view.password"))
                .with("bizmaster.security.users.view.roles", "viewer");
        try (ConfigurableApplicationContext context = app.start(); Browser browser = Browser.start(Path.of("target", "screenshots"))) {
            String base = "http://127.0.0.1:" + context.getEnvironment().getRequiredProperty("local.server.port");
            browser.open(base + "/");
            browser.await("the login form", WAIT, d -> d.getCurrentUrl().endsWith("/login"));
            logIn(browser, "view", "wrong-password");
            browser.await("the refusal", WAIT, d -> d.getCurrentUrl().contains("/login?error"));
            logIn(browser, "view", "view-secret-2");
            browser.consoleErrors(); // the refused login's 401 is expected; from here on, none
            browser.awaitText("tr[data-store=legacy] td.state", WAIT, "running"::equals);
            assertThat(browser.find("#user").getText()).contains("view", "viewer");
            assertThat(browser.driver().findElements(By.cssSelector("button[data-action=pause]"))).isEmpty();
            browser.open(base + "/#/migrations");
            browser.awaitText("#migration-list", WAIT, t -> t.contains("No migration yet"));
            assertThat(browser.driver().findElements(By.cssSelector("#migration-form"))).isEmpty();
            assertThat(browser.consoleErrors()).as("errors in the pages' console").isEmpty();

            browser.find("#logout").click();
            browser.await("logged out", WAIT, d -> d.getCurrentUrl().contains("/login"));
            browser.open(base + "/");
            browser.await("the login form again", WAIT, d -> d.getCurrentUrl().endsWith("/login"));
        }
    }

    private static void logIn(Browser browser, String user, String password) {
        browser.find("input[name=username]").clear();
        browser.find("input[name=username]").sendKeys(user);
        browser.find("input[name=password]").sendKeys(password);
        browser.find("button[type=submit]").click();
    }

    /** A customer's e-mail changed in the modern store behind BizMaster's back; returns the customer's key. */
    private static String plantDifference(ConfigurableApplicationContext context) throws Exception {
        try (Connection c = context.getBean(StoreRegistry.class).get("modern").connection()) {
            String key;
            try (PreparedStatement ps = c.prepareStatement("SELECT MIN(id) FROM customers WHERE email IS NOT NULL");
                 ResultSet rs = ps.executeQuery()) {
                rs.next();
                key = rs.getString(1);
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE customers SET email = 'planted@example.com' WHERE id = ?")) {
                ps.setString(1, key);
                assertThat(ps.executeUpdate()).isEqualTo(1);
            }
            if (!c.getAutoCommit()) {
                c.commit();
            }
            return key;
        }
    }
}
