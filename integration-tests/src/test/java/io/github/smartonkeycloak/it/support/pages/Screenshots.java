package io.github.smartonkeycloak.it.support.pages;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;

/**
 * Whole-page screenshots at a desktop and a phone width, in {@code target/screenshots}; the pack's pages must fit
 * both without sideways scrolling.
 */
public final class Screenshots {

    public static final Dimension DESKTOP = new Dimension(1280, 900);
    public static final Dimension PHONE = new Dimension(390, 844);

    private final WebDriver driver;

    public Screenshots(WebDriver driver) {
        this.driver = driver;
    }

    public void take(String name) throws IOException {
        Path target = Path.of("target", "screenshots");
        Files.createDirectories(target);
        for (Map.Entry<String, Dimension> size : Map.of("desktop", DESKTOP, "phone", PHONE).entrySet()) {
            driver.manage().window().setSize(size.getValue());
            assertThat(widestRightEdgeOfThePacksPage()).as(name + " fits the " + size.getKey() + " width")
                    .isLessThanOrEqualTo(size.getValue().width);
            long height = (Long) ((JavascriptExecutor) driver).executeScript(
                    "return Math.max(document.body.scrollHeight, document.documentElement.scrollHeight)");
            driver.manage().window().setSize(new Dimension(size.getValue().width, (int) Math.max(height, size.getValue().height)));
            Files.write(target.resolve(name + "-" + size.getKey() + ".png"),
                    ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
        }
        driver.manage().window().setSize(DESKTOP);
    }

    /** How far right the pack's page content reaches (0 on pages that are not the pack's). */
    private long widestRightEdgeOfThePacksPage() {
        Object right = ((JavascriptExecutor) driver).executeScript("""
                var page = document.querySelector('[data-smart-page]');
                if (!page) { return 0; }
                var widest = 0;
                [page].concat(Array.from(page.querySelectorAll('*'))).forEach(function (element) {
                    var box = element.getBoundingClientRect();
                    if (box.width > 0 && box.height > 0) { widest = Math.max(widest, box.right); }
                });
                return Math.ceil(widest);""");
        return ((Number) right).longValue();
    }
}
