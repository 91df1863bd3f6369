package io.github.smartonkeycloak.it.support.pages;

import java.util.List;

import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/** The pack's patient picker: a patient's linked records, or a clinician's search. */
public final class PatientPickerPage extends BrowserPage {

    public PatientPickerPage(WebDriver driver) {
        super(driver);
        waitForSmartPage("patient-picker");
    }

    public void pick(String patientId) {
        click(patientButton(patientId));
    }

    /** Searches and waits until this patient is among the results. */
    public PatientPickerPage search(String text, String expectedPatientId) {
        WebElement search = find(By.name("search"));
        search.sendKeys(text);
        search.submit();
        wait(ExpectedConditions.elementToBeClickable(By.cssSelector(patientButton(expectedPatientId))));
        return this;
    }

    public List<WebElement> patients() {
        return driver.findElements(By.cssSelector("[data-patient-id]"));
    }

    private static String patientButton(String patientId) {
        return "[data-patient-id='" + patientId + "']";
    }
}
