package io.github.smartonkeycloak.it.support.pages;

import io.github.smartonkeycloak.it.support.DemoUsers;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;

/** Keycloak's sign-in form. */
public final class LoginPage extends BrowserPage {

    public LoginPage(WebDriver driver) {
        super(driver);
        wait(ExpectedConditions.presenceOfElementLocated(By.id("username")));
    }

    public void signIn(DemoUsers.DemoUser user) {
        find(By.id("username")).sendKeys(user.username());
        find(By.id("password")).sendKeys(user.password());
        find(By.id("kc-login")).click();
    }
}
