package io.github.smartonkeycloak.it.support.pages;

import java.time.Duration;
import java.util.function.Function;

import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** What every page object does: wait as a user would, and click what can be clicked. */
public abstract class BrowserPage {

    protected final WebDriver driver;

    protected BrowserPage(WebDriver driver) {
        this.driver = driver;
    }

    /** Waits until the pack's page with this {@code data-smart-page} name is shown. */
    protected final void waitForSmartPage(String smartPage) {
        wait(ExpectedConditions.presenceOfElementLocated(By.cssSelector("[data-smart-page='" + smartPage + "']")));
    }

    protected final void click(String css) {
        wait(ExpectedConditions.elementToBeClickable(By.cssSelector(css))).click();
    }

    protected final <T> T wait(Function<WebDriver, T> condition) {
        return wait(driver, condition);
    }

    public static <T> T wait(WebDriver driver, Function<WebDriver, T> condition) {
        // A single-page app re-renders: an element found a moment ago may be gone; look again.
        return new WebDriverWait(driver, Duration.ofSeconds(20)).ignoring(StaleElementReferenceException.class)
                .until(condition::apply);
    }

    protected final WebElement find(By by) {
        return driver.findElement(by);
    }
}
