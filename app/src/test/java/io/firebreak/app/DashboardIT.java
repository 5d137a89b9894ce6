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
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
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
                ConfigOverride.config("receivers.pagerduty.routingKey", PagingApp.ROUTING_KEY));
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
        WebElement row = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(
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
        WebElement row = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(
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

    private static String base() {
        return "http://127.0.0.1:" + app.getLocalPort();
    }
}
