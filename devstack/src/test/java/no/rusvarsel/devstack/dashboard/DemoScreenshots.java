package no.rusvarsel.devstack.dashboard;

import org.openqa.selenium.By;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;

/**
 * Takes the README's dashboard screenshots from a running dev stack with demo data (not a test):
 * {@code ./devstack/run.sh --fresh --demo}, then run this class from the devstack test classpath with the
 * alert-service URL, an OPERATOR token and the folder to write to (e.g. {@code docs}).
 */
public final class DemoScreenshots {

    private DemoScreenshots() {
    }

    public static void main(String[] args) throws Exception {
        var url = args[0];
        var token = args[1];
        var out = Path.of(args[2]);
        try (var browser = new Browser()) {
            browser.driver.get(url + "/#/alerts");
            browser.waitFor(By.id("token-input"), Duration.ofSeconds(10)).sendKeys(token);
            browser.driver.findElement(By.id("signin-button")).click();
            browser.waitFor(By.cssSelector("tr[data-alert-id]"), Duration.ofSeconds(20));
            Thread.sleep(1500);
            save(browser, "demo-alerts", out);
            browser.driver.findElement(By.cssSelector("tr[data-alert-id] a")).click();
            browser.waitFor(By.id("timeline"), Duration.ofSeconds(10));
            Thread.sleep(1000);
            save(browser, "demo-alert-detail", out);
            browser.driver.get(url + "/#/situation");
            browser.waitFor(By.cssSelector("button.cell"), Duration.ofSeconds(20));
            Thread.sleep(1500);
            save(browser, "demo-situation", out);
            browser.driver.get(url + "/#/pipeline");
            Thread.sleep(4000);
            save(browser, "demo-pipeline", out);
        }
    }

    private static void save(Browser browser, String name, Path out) throws Exception {
        browser.screenshot(name);
        Files.createDirectories(out);
        Files.copy(Browser.SCREENSHOTS.resolve(name + ".png"), out.resolve("dashboard-" + name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }
}
