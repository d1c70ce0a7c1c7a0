package no.rusvarsel.alerts.dashboard;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import no.rusvarsel.infra.FreePorts;
import no.rusvarsel.infra.RealInfraProperties;
import no.rusvarsel.infra.TestOidcProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboard's "Sign in with your organisation" in a real browser (Debian chromium, headless, as DashboardBrowserIT):
 * authorization code flow with PKCE against a real OIDC provider whose login page lets the person straight back in,
 * the provider's token (roles in {@code realm_access.roles}, mapped) kept like a pasted one and accepted by the API;
 * and the errors a person sees for a forged or refused return.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardOidcSignInBrowserIT implements RealInfraProperties {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final String CLIENT_ID = "rusvarsel-dashboard";
    private static final String ROLES_CLAIM = "realm_access.roles";

    private final TestOidcProvider oidc = TestOidcProvider.start();
    private final int port = FreePorts.any();
    private final String origin = "http://127.0.0.1:" + port;
    private WebDriver driver;

    @Inject
    @Client("/")
    HttpClient http;

    @Override
    public String databaseName() {
        return "alerts_dashboard_oidc_it";
    }

    @Override
    public Map<String, String> getProperties() {
        var props = new HashMap<>(RealInfraProperties.super.getProperties());
        props.putAll(oidc.serviceProperties());
        props.put("rusvarsel.security.oidc.roles-claim", ROLES_CLAIM);
        props.put("rusvarsel.security.oidc.role-mapping", "rusvarsel-analyst=ANALYST,rusvarsel-operator=OPERATOR");
        props.put("rusvarsel.dashboard.oidc.client-id", CLIENT_ID);
        props.put("rusvarsel.dashboard.oidc.scopes", "openid profile");
        props.put("micronaut.server.port", String.valueOf(port));
        props.put("rusvarsel.alerts.consume-detections", "false");
        props.put("rusvarsel.alerts.relay.enabled", "false");
        return props;
    }

    @BeforeAll
    void startBrowser() {
        // the person behind the provider's login page: kari, an operator at the provider
        oidc.pkceClient(CLIENT_ID, origin + "/", origin, () -> oidc.token().subject("kari")
                .roles(ROLES_CLAIM, List.of("offline_access", "rusvarsel-operator")).sign());
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "chromium and chromium-driver are not installed (apt-get install chromium chromium-driver; .ci/run does this)");
        var service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        var options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=1280,800", "--lang=en-GB", "--disable-extensions", "--no-first-run");
        driver = new ChromeDriver(service, options);
    }

    @AfterAll
    void stop() {
        if (driver != null) {
            driver.quit();
        }
        oidc.close();
    }

    private <T> T waitUntil(ExpectedCondition<T> condition) {
        var wait = new WebDriverWait(driver, Duration.ofSeconds(10), Duration.ofMillis(100));
        wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class);
        return wait.until(condition);
    }

    private WebElement visible(By by) {
        return waitUntil(d -> {
            var found = d.findElements(by);
            return found.isEmpty() || !found.get(0).isDisplayed() ? null : found.get(0);
        });
    }

    private void signedOut() {
        driver.get(origin + "/#/alerts");
        ((JavascriptExecutor) driver).executeScript("sessionStorage.clear();");
        driver.navigate().refresh(); // a get of the same address with a fragment would not reload the page
        visible(By.id("token-input"));
    }

    @Test
    void givenOidcSignIn_whenThePersonClicksSignInWithTheirOrganisation_thenTheProvidersTokenSignsThemInAndTheAlertsLoad() {
        signedOut();
        visible(By.id("oidc-signin-button")).click();

        waitUntil(d -> d.findElement(By.id("who-role")).getText().equals("OPERATOR"));
        assertThat(driver.findElement(By.id("who-name")).getText()).isEqualTo("kari");
        assertThat(driver.getCurrentUrl()).isEqualTo(origin + "/#/alerts"); // code and state gone from the address
        waitUntil(d -> d.findElement(By.id("alerts-body")).getText().contains("No alerts match"));
        assertThat(driver.findElement(By.id("alerts-error")).getText()).isEmpty();
        assertThat(driver.findElement(By.cssSelector("nav a[data-nav='pipeline']")).isDisplayed()).isTrue();

        var token = (String) ((JavascriptExecutor) driver).executeScript("return sessionStorage.getItem('rusvarsel.token');");
        assertThat(token).isNotBlank();
        var status = ((JavascriptExecutor) driver).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                fetch('/api/v1/alerts', {headers: {Authorization: 'Bearer ' + sessionStorage.getItem('rusvarsel.token')}})
                  .then(r => done(r.status), e => done(String(e)));""");
        assertThat(status).isEqualTo(200L);
        assertThat(http.toBlocking().exchange(HttpRequest.GET("/api/v1/alerts").bearerAuth(token), String.class)
                .getStatus().getCode()).isEqualTo(200);
    }

    @Test
    void givenAReturnThatThisTabDidNotStart_whenTheDashboardLoads_thenItRefusesItAsAStateMismatch() {
        signedOut();
        driver.get(origin + "/?code=stolen&state=forged#/alerts");

        var error = visible(By.id("oidc-error"));
        assertThat(error.getText()).contains("state mismatch");
        assertThat(driver.getCurrentUrl()).doesNotContain("code=");
        assertThat(((JavascriptExecutor) driver).executeScript("return sessionStorage.getItem('rusvarsel.token');")).isNull();
    }

    @Test
    void givenTheProviderRefusesTheSignIn_whenThePersonReturns_thenItsReasonIsShown() {
        signedOut();
        driver.get(origin + "/?error=access_denied&error_description=Not+a+member#/alerts");

        assertThat(visible(By.id("oidc-error")).getText()).contains("refused").contains("Not a member");
        assertThat(driver.findElement(By.id("oidc-signin-button")).isDisplayed()).isTrue();
    }

    @Test
    void givenOidcSignIn_whenTheSettingsAndShellAreRead_thenTheyNameTheProviderAnonymouslyAndTheCspAllowsOnlyItsOrigin() {
        var config = http.toBlocking().exchange(HttpRequest.GET("/api/v1/dashboard/sign-in"), String.class);
        assertThat(config.body()).contains("\"oidc\":true", "\"clientId\":\"" + CLIENT_ID + "\"", oidc.issuer(), "profile")
                .doesNotContain("secret");
        var csp = http.toBlocking().exchange(HttpRequest.GET("/"), String.class).header("Content-Security-Policy");
        var providerOrigin = oidc.issuer().substring(0, oidc.issuer().indexOf("/realms"));
        assertThat(csp).contains("connect-src 'self' " + providerOrigin + ";", "script-src 'self';", "default-src 'self';");
    }
}
