package io.github.smartonkeycloak.it.support.pages;

import java.time.Duration;
import java.util.Optional;

import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** Keycloak's account console, "Applications": the apps the user has granted access to. */
public final class AccountApplicationsPage extends BrowserPage {

    private static final By REMOVE_ACCESS = By.xpath("//button[normalize-space(.)='Remove access']");

    private WebElement removeAccess;

    private AccountApplicationsPage(WebDriver driver) {
        super(driver);
    }

    public static AccountApplicationsPage open(WebDriver driver, String realmUrl) {
        driver.navigate().to(realmUrl + "/account/applications");
        return new AccountApplicationsPage(driver);
    }

    /** Expands the app's row until its "Remove access" button shows. */
    public AccountApplicationsPage expand(String clientId) {
        By row = By.xpath("//*[contains(@class,'data-list__item') and .//*[contains(normalize-space(.),'" + clientId + "')]]");
        // Other apps' rows (the demo app's, say) carry hidden "Remove access" buttons of their own: take the one shown.
        // The account console is a single-page app: on a loaded machine a row can render before its toggle reacts,
        // so the row is expanded again until its button shows.
        removeAccess = new WebDriverWait(driver, Duration.ofSeconds(60))
                .ignoring(StaleElementReferenceException.class).until(driver -> {
            Optional<WebElement> shown = driver.findElements(REMOVE_ACCESS).stream()
                    .filter(button -> button.isDisplayed() && button.isEnabled()).findFirst();
            if (shown.isPresent()) {
                return shown.get();
            }
            driver.findElements(row).stream().findFirst()
                    .flatMap(found -> found.findElements(By.cssSelector("button[aria-expanded='false']")).stream().findFirst())
                    .ifPresent(WebElement::click);
            return null;
        });
        return this;
    }

    /** Removes the access of the app last expanded, confirms, and waits until it is gone. */
    public void removeAccess() {
        removeAccess.click();
        wait(ExpectedConditions.elementToBeClickable(By.xpath("//button[normalize-space(.)='Confirm']"))).click();
        wait(driver -> driver.findElements(REMOVE_ACCESS).stream().noneMatch(WebElement::isDisplayed));
    }
}
