package no.rusvarsel.devstack.dashboard;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;

import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The operator dashboard in a real browser (Debian chromium, headless) against the real stack: sign in, a live alert
 * arriving after a signal is posted, acknowledging it as OPERATOR, the analyst's view without actions (and a 403 when
 * forced), the heatmap cell of the posted signal, and a silent provider flagged. Screenshots: target/screenshots/.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DashboardBrowserIT {

    private static final Duration PIPELINE = Duration.ofSeconds(90);
    private static final String EXTERNAL_ID = "BROWSER-1";

    private StackUnderTest stack;
    private Browser browser;
    private String alertId;

    @BeforeAll
    void start() throws Exception {
        Assumptions.assumeTrue(Browser.available(),
                "chromium and chromium-driver are not installed (apt-get install chromium chromium-driver; .ci/run does this)");
        // dev providers that stay quiet for 20 s count as silent, checked every 2 s
        stack = new StackUnderTest(Map.of("RUSVARSEL_PROVIDER_DEFAULT_EXPECTED_INTERVAL", "20s",
                "RUSVARSEL_PROVIDER_SILENCE_CHECK_INTERVAL", "2s"));
        browser = new Browser();
    }

    @AfterAll
    void stop() throws Exception {
        if (browser != null) {
            browser.close();
        }
        if (stack != null) {
            stack.close();
        }
    }

    private void signIn(String role) {
        browser.driver.get(stack.alertsUrl() + "/#/alerts");
        var out = browser.driver.findElements(By.id("sign-out"));
        if (!out.isEmpty() && out.get(0).isDisplayed()) {
            out.get(0).click();
        }
        var input = browser.waitFor(By.id("token-input"), Duration.ofSeconds(10));
        input.sendKeys(stack.token(role));
        browser.driver.findElement(By.id("signin-button")).click();
        browser.waitUntil(d -> d.findElement(By.id("who-role")).getText().equals(role), Duration.ofSeconds(10));
    }

    @Test
    @Order(1)
    void givenAnOperatorSignedIn_whenALabPostsANitazeneSample_thenTheCriticalAlertAppearsLiveWithoutReload() throws Exception {
        signIn("OPERATOR");
        browser.waitUntil(d -> d.findElement(By.id("live")).getText().equals("Live"), Duration.ofSeconds(30));
        browser.driver.findElement(By.id("alerts-body")).getAttribute("innerHTML"); // the list as loaded before the signal
        ((JavascriptExecutor) browser.driver).executeScript("window.__noReload = true;");

        var body = "{\"externalId\":\"" + EXTERNAL_ID + "\",\"region\":\"0301\",\"observedAt\":\"" + LocalDate.now().minusDays(1)
                + "\",\"form\":\"TABLET\",\"soldAs\":\"oxycodone\",\"method\":\"LC_MS\",\"confirmed\":true,"
                + "\"components\":[{\"substance\":\"isotonitazen\",\"amountMg\":0.4}]}";
        var posted = stack.post("ingest", "/api/v1/signals/drug-checking", stack.providerKey("drug-checking"), body);
        assertThat(posted.statusCode()).as(posted.body()).isEqualTo(202);

        // the row's text and id are read inside the wait: a later live update may re-render it (stale element)
        var row = browser.waitUntil(d -> {
            var found = d.findElements(By.cssSelector("tr[data-severity='CRITICAL']"));
            return found.isEmpty() ? null : java.util.List.of(found.get(0).getText(), found.get(0).getAttribute("data-alert-id"));
        }, PIPELINE);
        assertThat(row.get(0)).containsIgnoringCase("isotonitazene").contains("CRITICAL").contains("Oslo").contains("NEW");
        assertThat(((JavascriptExecutor) browser.driver).executeScript("return window.__noReload === true;")).isEqualTo(true);
        alertId = row.get(1);
        browser.screenshot("01-alerts-live");
    }

    @Test
    @Order(2)
    void givenTheLiveAlert_whenTheOperatorOpensAndAcknowledgesIt_thenItsStatusAndAuditTrailShowTheNote() {
        browser.driver.findElement(By.cssSelector("tr[data-alert-id='" + alertId + "'] a")).click();
        var timeline = browser.waitFor(By.id("timeline"), Duration.ofSeconds(10));
        assertThat(timeline.getText()).contains("Drug checking").contains("Watchlist substance");
        assertThat(browser.driver.findElement(By.id("regions")).getText()).contains("Oslo");
        assertThat(browser.driver.findElement(By.id("cap-link")).isDisplayed()).isTrue();
        browser.screenshot("02-alert-detail");

        browser.driver.findElement(By.id("action-note")).sendKeys("Checked with the lab; warning sent to Oslo services.");
        browser.driver.findElement(By.id("action-acknowledge")).click();

        browser.waitUntil(d -> d.findElement(By.id("alert-status")).getText().equals("Acknowledged"), Duration.ofSeconds(10));
        assertThat(browser.driver.findElement(By.id("audit")).getText()).contains("Acknowledged").contains("warning sent to Oslo services");
        browser.screenshot("03-alert-acknowledged");
    }

    @Test
    @Order(3)
    void givenAnAnalyst_whenOpeningTheAlert_thenNoActionsAreOfferedAndAForcedResolveIsRefusedWith403() {
        signIn("ANALYST");
        browser.driver.get(stack.alertsUrl() + "/#/alerts/" + alertId);
        browser.waitFor(By.id("timeline"), Duration.ofSeconds(10));

        assertThat(browser.driver.findElements(By.cssSelector("button[data-action]"))).isEmpty();
        assertThat(browser.driver.findElement(By.id("no-actions")).getText()).contains("for operators");
        assertThat(browser.driver.findElement(By.cssSelector("nav a[data-nav='pipeline']")).isDisplayed()).isFalse();
        var status = ((JavascriptExecutor) browser.driver).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                fetch('/api/v1/alerts/' + arguments[0] + '/resolve', {method: 'POST',
                  headers: {'Content-Type': 'application/json', Authorization: 'Bearer ' + sessionStorage.getItem('rusvarsel.token')},
                  body: JSON.stringify({note: 'forced'})}).then(r => done(r.status), e => done(String(e)));""", alertId);
        assertThat(status).isEqualTo(403L);
        browser.screenshot("04-alert-analyst");
    }

    @Test
    @Order(4)
    void givenThePostedSignal_whenTheSituationIsShown_thenItsOsloNitazeneCellCountsItAndOpensATrend() throws Exception {
        browser.driver.get(stack.alertsUrl() + "/#/situation");
        var selector = By.cssSelector("button.cell[data-county='03'][data-class='NITAZENE_OPIOID']");
        var deadline = System.nanoTime() + PIPELINE.toNanos();
        WebElement cell = browser.waitFor(selector, Duration.ofSeconds(20));
        while (cell.getAttribute("data-count").equals("0") && System.nanoTime() < deadline) {
            Thread.sleep(2000); // the analytics' situation store may lag the alert by a moment: reload the view
            browser.driver.navigate().refresh();
            cell = browser.waitFor(selector, Duration.ofSeconds(20));
        }
        assertThat(cell.getText()).isEqualTo("1");
        browser.screenshot("05-situation-heatmap");

        cell.click();
        var chart = browser.waitFor(By.id("trend-chart"), Duration.ofSeconds(5));
        assertThat(chart.getText()).contains("drug-checking");
        assertThat(browser.driver.findElement(By.id("trend-title")).getText()).contains("Oslo");
        browser.screenshot("06-situation-trend");
        browser.driver.manage().window().setSize(new Dimension(820, 1180));
        browser.screenshot("07-situation-tablet");
        browser.driver.manage().window().setSize(new Dimension(1280, 800));
    }

    @Test
    @Order(5)
    void givenProvidersQuietLongerThanTheirInterval_whenAnOperatorOpensPipelineHealth_thenTheyAreFlaggedSilentAndAlerted() throws Exception {
        signIn("OPERATOR");
        browser.driver.get(stack.alertsUrl() + "/#/pipeline");

        var silent = browser.waitUntil(d -> {
            var found = d.findElements(By.cssSelector("#freshness-table tr[data-silent='true']"));
            return found.isEmpty() ? null : java.util.List.of(found.get(0).getText(), found.get(0).getAttribute("data-provider"));
        }, PIPELINE);
        assertThat(silent.get(0)).contains("SILENT");
        browser.waitFor(By.id("lag-table"), Duration.ofSeconds(15));
        assertThat(browser.driver.findElement(By.id("lag-table")).getText()).contains("rusvarsel-analytics").contains("alert-service");
        browser.waitFor(By.id("ingest-table"), Duration.ofSeconds(15));
        assertThat(browser.driver.findElement(By.id("ingest-table")).getText()).contains("drug-checking");
        browser.screenshot("08-pipeline-health");

        var providerId = silent.get(1);
        var deadline = System.nanoTime() + PIPELINE.toNanos();
        String alerts;
        do {
            Thread.sleep(500);
            alerts = stack.get("alerts", "/api/v1/alerts?status=OPEN", stack.token("OPERATOR")).body();
        } while (!(alerts.contains("PROVIDER_SILENT") && alerts.contains(providerId)) && System.nanoTime() < deadline);
        assertThat(alerts).contains("PROVIDER_SILENT").contains(providerId);
    }
}
