package io.github.smartonkeycloak.it.support.pages;

import org.openqa.selenium.WebDriver;

/** The pack's encounter picker: the chosen patient's encounters, newest first. */
public final class EncounterPickerPage extends BrowserPage {

    public EncounterPickerPage(WebDriver driver) {
        super(driver);
        waitForSmartPage("encounter-picker");
    }

    public void pickFirst() {
        click("[data-encounter-id]");
    }
}
