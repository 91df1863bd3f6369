package io.github.smartonkeycloak.it.support.pages;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

/** The pack's consent page: one checkbox per scope the user may share, approve or deny. */
public final class ConsentPage extends BrowserPage {

    public ConsentPage(WebDriver driver) {
        super(driver);
        waitForSmartPage("consent");
    }

    public String text() {
        return find(By.cssSelector("[data-smart-page='consent']")).getText();
    }

    public List<WebElement> scopeBoxes() {
        return driver.findElements(By.cssSelector("input[name='scope']"));
    }

    public WebElement scopeBox(String scope) {
        return scopeBoxes().stream()
                .filter(box -> scope.equals(box.getAttribute("value")))
                .findFirst()
                .orElseThrow(() -> new AssertionError("No checkbox for " + scope));
    }

    public ConsentPage setChecked(String scope, boolean checked) {
        setChecked(scopeBox(scope), checked);
        return this;
    }

    /** Clicks the checkbox's label, as a user would, until the box has the wanted state. */
    public ConsentPage setChecked(WebElement box, boolean checked) {
        if (box.isSelected() != checked) {
            find(By.cssSelector("label[for='" + box.getAttribute("id") + "']")).click();
        }
        assertThat(box.isSelected()).isEqualTo(checked);
        return this;
    }

    public void approve() {
        click("[data-smart-action='approve']");
    }

    public void deny() {
        click("[data-smart-action='deny']");
    }
}
