package io.firebreak.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.DropwizardTestSupport;
import io.dropwizard.testing.ResourceHelpers;
import io.firebreak.embedded.EmbeddedCluster;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/** The dashboard in a real headless Chromium against the running pipeline (Debian chromium + chromium-driver). */
@ExtendWith(PrivateClusterExtension.class)
class DashboardIT {

    /** The read-only token of it.yml's {@code auth.tokens}. */
    private static final String READ_TOKEN = "it-read-token";
    private static DropwizardTestSupport<FirebreakConfiguration> app;
    private static ChromeDriver browser;

    @BeforeAll
    static void start(EmbeddedCluster cluster, @TempDir Path dir) throws Exception {
        Optional<Path> chromium = ExternalProcess.find("/usr/bin/chromium", "/usr/bin/chromium-browser");
        Optional<Path> driver = ExternalProcess.find("/usr/bin/chromedriver");
        Assumptions.assumeTrue(chromium.isPresent() && driver.isPresent(),
                "chromium / chromium-driver not installed (apt-get install -y chromium chromium-driver): dashboard test skipped");
        // a PagerDuty that is never reachable (the discard port): every critical incident's page stays pending
        app = TestApps.start("it.yml", cluster, dir.resolve("state"), "dashboard",
                ConfigOverride.config("receivers.pagerduty.url", "http://127.0.0.1:9/v2/enqueue"),
                ConfigOverride.config("receivers.pagerduty.routingKey", PagingApp.ROUTING_KEY),
                ConfigOverride.config("slos.path", Path.of(ResourceHelpers.resourceFilePath("slos/trade-engine-latency.yml")).toString()),
                ConfigOverride.config("slos.evaluateEvery", "1s"));
        ChromeOptions options = new ChromeOptions().setBinary(chromium.get().toFile())
                .addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
                        "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                        "--user-data-dir=" + Files.createDirectories(dir.resolve("chromium")));
        browser = new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(driver.get().toFile()).usingAnyFreePort().build(), options);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (app != null) {
            app.after();
        }
    }

    @Test
    void showsTheIncidentWithItsTimelineAndRendersAlertTextAsText() throws Exception {
        String hostile = "<img src=x onerror=\\\"document.title='pwned'\\\">latency";
        String payload = Files.readString(Path.of(ResourceHelpers.resourceFilePath("alertmanager-firing.json")))
                .replace("oci-fra-1", "dash-cluster")
                .replace("trade-engine p99 order latency above 250ms", hostile);
        HttpResponse<String> posted = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base() + "/v1/alertmanager"))
                .header("Authorization", "Bearer it-token-1").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(payload)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(posted.statusCode()).as(posted.body()).isEqualTo(202);

        browser.get(base() + "/");
        // reads need a token: the page asks for one, keeps it out of the URL, and sends it with its API calls
        await().atMost(Duration.ofSeconds(20)).until(() -> browser.findElement(By.id("signin")).isDisplayed());
        assertThat(browser.findElement(By.id("status")).getText()).contains("sign in");
        browser.findElement(By.id("signin-token")).sendKeys(READ_TOKEN);
        browser.findElement(By.cssSelector("#signin button")).click();
        WebElement row = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .ignoreException(StaleElementReferenceException.class).until(
                () -> browser.findElements(By.cssSelector("#incidents tbody tr")).stream()
                        .filter(r -> r.getText().contains("dash-cluster.")).findFirst().orElse(null), r -> r != null);
        assertThat(row.getText()).contains("CRITICAL").contains("trade-engine");

        row.click();
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(browser.findElement(By.id("detail")).isDisplayed()).isTrue();
            assertThat(browser.findElement(By.id("detail-timeline")).getText()).contains("ALERT_FIRED");
            assertThat(browser.findElement(By.id("detail-signals")).getText()).contains("<img src=x");
        });
        assertThat(browser.findElements(By.cssSelector("#detail img"))).as("alert text is never markup").isEmpty();
        assertThat(browser.getTitle()).doesNotContain("pwned");
        assertThat(browser.getCurrentUrl()).contains("?incident=dash-cluster.").doesNotContain(READ_TOKEN);
        assertThat(browser.findElement(By.id("signin")).isDisplayed()).isFalse();
    }

    @Test
    void anIncidentWhosePageNobodyAcceptedIsMarkedNotPagedYet() throws Exception {
        String payload = Files.readString(Path.of(ResourceHelpers.resourceFilePath("alertmanager-firing.json"))).replace("oci-fra-1", "unpaged");
        HttpResponse<String> posted = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base() + "/v1/alertmanager"))
                .header("Authorization", "Bearer it-token-1").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(payload)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(posted.statusCode()).as(posted.body()).isEqualTo(202);

        browser.get(base() + "/");
        browser.executeScript("sessionStorage.setItem('firebreak.token', '" + READ_TOKEN + "')");
        browser.navigate().refresh();
        WebElement row = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .ignoreException(StaleElementReferenceException.class).until(
                () -> browser.findElements(By.cssSelector("#incidents tbody tr")).stream()
                        .filter(r -> r.getText().contains("unpaged.") && r.getText().contains("not paged yet")).findFirst().orElse(null),
                r -> r != null);

        row.click();
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(browser.findElement(By.id("detail-paging")).getText())
                .startsWith("NOT PAGED YET").contains("pagerduty has not accepted since"));
        browser.executeScript("sessionStorage.clear()");
    }

    @Test
    void aTokenThatMayNotReadIsAskedToSignInAgain() {
        browser.get(base() + "/");
        browser.executeScript("sessionStorage.setItem('firebreak.token', 'it-ingest-token')");
        browser.navigate().refresh();

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(browser.findElement(By.id("signin")).isDisplayed()).isTrue();
            assertThat(browser.findElement(By.id("status")).getText()).contains("may not read");
        });
        browser.executeScript("sessionStorage.clear()");
    }

    /** A token with every scope (it.yml's ingest token): the dashboard may read and act with it. */
    private static final String ALL_SCOPES_TOKEN = "it-token-1";

    @Test
    void theSloPageShowsObjectiveBudgetBurnPerWindowAlertTierAndABudgetChartFromTheWebjar() throws Exception {
        // 20 % of the last minutes' orders slower than 10 ms at a 99 % objective: a 20x burn on 5m and 1h, a page
        Instant now = Instant.now();
        StringBuilder logs = new StringBuilder();
        for (int i = 0; i < 250; i++) {
            logs.append("{\"timestamp\":\"").append(now.minusSeconds(250 - i)).append("\",\"service\":\"trade-engine\",\"cluster\":\"oci-fra-1\",")
                    .append("\"msg\":\"order executed\",\"status\":\"FILLED\",\"latency_ms\":").append(i % 5 == 0 ? 50 : 3).append("}\n");
        }
        assertThat(post("/v1/logs", "application/x-ndjson", logs.toString()).statusCode()).isEqualTo(202);
        signIn(ALL_SCOPES_TOKEN);

        browser.findElement(By.id("show-slos")).click();

        WebElement row = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).ignoreExceptions().until(
                () -> browser.findElement(By.cssSelector("#slo-table tr[data-slo='trade_execution_latency']")),
                r -> r.getText().contains("page: fast_page"));
        assertThat(row.getText()).contains("trade-engine").contains("99%").contains("5m ").contains("1h ").doesNotContain("no data yet");
        assertThat(row.findElements(By.tagName("td")).get(3).getText()).matches("-?\\d+\\.\\d%");
        assertThat(browser.findElement(By.cssSelector("main > section[aria-label='incidents']")).isDisplayed()).isFalse();
        // the chart is uPlot's canvas, the library served from its webjar
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(browser.findElements(By.cssSelector("figure.slo-chart[data-slo='trade_execution_latency'] .uplot canvas"))).isNotEmpty());
        assertThat(browser.executeScript("return typeof uPlot")).isEqualTo("function");
        browser.findElement(By.id("show-incidents")).click();
    }

    @Test
    void incidentActionsGoThroughTheApiWithTheSignedInTokenAndTheirEffectAppearsWithoutAReload() throws Exception {
        showIncident("act-cluster", ALL_SCOPES_TOKEN);
        browser.executeScript("window.sameDocument = true");

        act("ack", "", "acknowledged by");
        act("mitigate", "", "mitigated by");
        act("note", "rolled back risk-service <b>2.14.0</b>", "rolled back risk-service <b>2.14.0</b>");
        act("confirm-recovery", "", "recovery confirmed by");

        assertThat(browser.findElement(By.id("detail-title")).getText()).containsAnyOf("RECOVERED", "POSTMORTEM_PUBLISHED");
        assertThat(browser.findElements(By.cssSelector("#detail-timeline b"))).as("a note is text, not markup").isEmpty();
        assertThat(browser.executeScript("return window.sameDocument")).as("no reload").isEqualTo(true);
        // an action that no longer fits is refused with the API's reason
        browser.findElement(By.cssSelector("#actions button[data-action='resolve']")).click();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(browser.findElement(By.id("action-status")).getText()).startsWith("resolve refused: ").contains("closed"));
    }

    @Test
    void resolveFromTheDashboardClosesAnOpenIncident() throws Exception {
        showIncident("resolve-cluster", ALL_SCOPES_TOKEN);

        act("resolve", "fixed by hand", "resolved by");

        assertThat(browser.findElement(By.id("detail-title")).getText()).containsAnyOf("RECOVERED", "POSTMORTEM_PUBLISHED");
    }

    /** Each test signs in for itself; the next one starts signed out, as a new visitor would. */
    @AfterEach
    void signOut() {
        if (browser != null && browser.getCurrentUrl().startsWith("http")) {
            browser.executeScript("sessionStorage.clear()");
        }
    }

    @Test
    void aReadOnlyTokenIsToldItMayNotAct() throws Exception {
        showIncident("readonly-cluster", READ_TOKEN);

        browser.findElement(By.cssSelector("#actions button[data-action='ack']")).click();

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(browser.findElement(By.id("action-status")).getText()).contains("may not act"));
    }

    @Test
    void aReadOnlyTokenSeesTheMaintenanceWindowsButIsToldItMayNotChangeThem() throws Exception {
        signIn(READ_TOKEN);
        browser.findElement(By.id("show-maintenance")).click();
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(browser.findElement(By.id("maintenance")).isDisplayed()).isTrue());

        fillMaintenanceForm("read-only window", "cluster=\"dash-readonly\"");

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            WebElement status = browser.findElement(By.id("maintenance-status"));
            assertThat(status.getText()).contains("this token may not change maintenance windows");
            assertThat(status.getAttribute("class")).contains("error");
        });
        assertThat(get("/v1/maintenance", null).body()).doesNotContain("read-only window");
        browser.findElement(By.id("show-incidents")).click();
    }

    @Test
    void pollingRevalidatesWithETagsAndANewIncidentAppearsWithoutAReload() throws Exception {
        signIn(READ_TOKEN);
        browser.executeScript("window.sameDocument = true");
        await().atMost(Duration.ofSeconds(20)).until(() -> ((Number) browser.executeScript("return window.firebreak.stats.notModified")).intValue() > 0);

        String id = openIncident("live-cluster");

        // a poll may replace the rows between finding one and reading it: ask again then
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).ignoreException(StaleElementReferenceException.class).until(
                () -> browser.findElements(By.cssSelector("#incidents tbody tr")).stream().anyMatch(r -> r.getText().contains(id)));
        assertThat(browser.executeScript("return window.sameDocument")).as("no reload").isEqualTo(true);
        // the API side: once the incident settles, its tag answers 304 without a body
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            String tag = get("/v1/incidents/" + id, null).headers().firstValue("ETag").orElseThrow();
            HttpResponse<String> again = get("/v1/incidents/" + id, tag);
            return again.statusCode() == 304 && again.body().isEmpty();
        });
    }

    @Test
    void maintenanceWindowsAreCreatedInTheFormListedWithTheirSpanRefusedWithTheApisReasonAndDeleted() throws Exception {
        signIn(ALL_SCOPES_TOKEN);
        browser.findElement(By.id("show-maintenance")).click();
        assertThat(browser.findElement(By.cssSelector("main > section[aria-label='incidents']")).isDisplayed()).isFalse();

        fillMaintenanceForm("dash patching <b>now</b>", "cluster=\"dash-maint\"");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(browser.findElement(By.id("maintenance-status")).getText()).startsWith("created dash patching <b>now</b> ("));
        WebElement row = await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(300)).ignoreExceptions().until(
                () -> browser.findElements(By.cssSelector("#maintenance-table tbody tr")).stream()
                        .filter(r -> r.getText().contains("dash patching")).findFirst().orElse(null), r -> r != null);
        List<String> cells = row.findElements(By.tagName("td")).stream().map(WebElement::getText).toList();
        assertThat(cells.get(1)).isEqualTo("cluster=\"dash-maint\"");
        // the next Sunday 02:00-04:00 on Berlin's wall clock, whatever the season, and the same span in the viewer's time
        assertThat(cells.get(3)).matches("Sun \\d{4}-\\d{2}-\\d{2} 02:00 GMT\\+[12] → Sun \\d{4}-\\d{2}-\\d{2} 04:00 GMT\\+[12] · Europe/Berlin");
        assertThat(cells.get(2)).matches("Sun \\d{4}-\\d{2}-\\d{2} \\d{2}:00 .+ → Sun .+");
        assertThat(cells.get(4)).isEqualTo("0 2 * * SUN for 2h (Europe/Berlin)");
        assertThat(cells.get(5)).as("origin and the token that created it").isEqualTo("api (ingest-token-1)");
        assertThat(browser.findElements(By.cssSelector("#maintenance b"))).as("a window's name is text, not markup").isEmpty();
        // the list is polled with its ETag: unchanged, it answers 304 without a body
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            String tag = get("/v1/maintenance", null).headers().firstValue("ETag").orElseThrow();
            HttpResponse<String> again = get("/v1/maintenance", tag);
            return again.statusCode() == 304 && again.body().isEmpty();
        });

        // an invalid matcher: the API's 400 and its reason next to the form, nothing created
        fillMaintenanceForm("broken window", "cluster");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            WebElement status = browser.findElement(By.id("maintenance-status"));
            assertThat(status.getText()).startsWith("creating broken window refused: ").contains("'cluster' is not of the form label=\"value\"");
            assertThat(status.getAttribute("class")).contains("error");
        });

        row.findElement(By.tagName("button")).click();
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(browser.findElement(By.id("maintenance-status")).getText()).isEqualTo("deleted dash patching <b>now</b>");
            assertThat(browser.findElement(By.id("maintenance-table")).getText()).doesNotContain("dash patching").doesNotContain("broken window");
        });
        assertThat(get("/v1/maintenance", null).body()).doesNotContain("dash patching");
        browser.findElement(By.id("show-incidents")).click();
    }

    /** Types a recurring window (Sundays 02:00 for 2 h in Berlin) into the maintenance form and submits it. */
    private static void fillMaintenanceForm(String name, String matcher) {
        for (String[] field : new String[][] {{"maintenance-name", name}, {"maintenance-matchers", matcher}, {"maintenance-cron", "0 2 * * SUN"},
                {"maintenance-duration", "2h"}, {"maintenance-timezone", "Europe/Berlin"}, {"maintenance-comment", "CHG-42"}}) {
            WebElement input = browser.findElement(By.id(field[0]));
            input.clear();
            input.sendKeys(field[1]);
        }
        browser.findElement(By.cssSelector("#maintenance-form button[type='submit']")).click();
    }

    /** Clicks the action's button (with a note when given) and waits for its timeline entry. */
    private static void act(String action, String note, String timelineShows) {
        WebElement noteField = browser.findElement(By.id("action-note"));
        noteField.clear();
        noteField.sendKeys(note);
        browser.findElement(By.cssSelector("#actions button[data-action='" + action + "']")).click();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(browser.findElement(By.id("action-status")).getText()).isEqualTo(action + " accepted for " + browser.getCurrentUrl().replaceAll(".*incident=", "")));
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300)).ignoreExceptions().untilAsserted(() ->
                assertThat(browser.findElement(By.id("detail-timeline")).getText()).contains(timelineShows));
    }

    /** Opens an incident in {@code cluster} and shows its detail, signed in with {@code token}. */
    private static void showIncident(String cluster, String token) throws Exception {
        String id = openIncident(cluster);
        signIn(token);
        browser.get(base() + "/?incident=" + id);
        await().atMost(Duration.ofSeconds(30)).until(() -> browser.findElement(By.id("detail")).isDisplayed());
    }

    /** Posts the sample alert for {@code cluster} and returns the incident it opened. */
    private static String openIncident(String cluster) throws Exception {
        String payload = Files.readString(Path.of(ResourceHelpers.resourceFilePath("alertmanager-firing.json"))).replace("oci-fra-1", cluster);
        assertThat(post("/v1/alertmanager", "application/json", payload).statusCode()).isEqualTo(202);
        return await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> {
            String list = get("/v1/incidents?cluster=" + cluster, null).body();
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"id\"\\s*:\\s*\"(" + cluster + "\\.[^\"]+)\"").matcher(list);
            return m.find() ? m.group(1) : null;
        }, found -> found != null);
    }

    private static void signIn(String token) {
        browser.get(base() + "/");
        browser.executeScript("sessionStorage.setItem('firebreak.token', arguments[0])", token);
        browser.navigate().refresh();
        await().atMost(Duration.ofSeconds(20)).until(() -> !browser.findElement(By.id("signin")).isDisplayed()
                && browser.findElement(By.id("status")).getText().contains("incident(s)"));
    }

    private static HttpResponse<String> post(String path, String type, String body) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base() + path))
                .header("Authorization", "Bearer " + ALL_SCOPES_TOKEN).header("Content-Type", type)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(String path, String ifNoneMatch) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base() + path)).header("Authorization", "Bearer " + READ_TOKEN);
        if (ifNoneMatch != null) {
            request.header("If-None-Match", ifNoneMatch);
        }
        return HttpClient.newHttpClient().send(request.GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String base() {
        return "http://127.0.0.1:" + app.getLocalPort();
    }
}
