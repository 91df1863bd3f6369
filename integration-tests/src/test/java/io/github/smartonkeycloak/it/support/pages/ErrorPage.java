package io.github.smartonkeycloak.it.support.pages;

import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;

/** The pack's error page inside a login: a readable message, and a button that returns to the app. */
public final class ErrorPage extends BrowserPage {

    public ErrorPage(WebDriver driver) {
        super(driver);
        waitForSmartPage("error");
    }

    public String text() {
        return find(By.cssSelector("[data-smart-page='error']")).getText();
    }

    /** "Back to the app": the app gets the error at its redirect URI. */
    public void cancel() {
        click("[data-smart-action='cancel']");
    }
}
