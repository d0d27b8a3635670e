package io.qtasks.sample.dashboard;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.stream.Stream;

import org.htmlunit.BrowserVersion;
import org.htmlunit.WebClient;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.htmlunit.HtmlUnitDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The browser of the dashboard's tests: headless Chromium through chromium-driver
 * (Debian's {@code chromium} and {@code chromium-driver}), or, where they are not
 * installed, HtmlUnit, said loudly. {@code -Ddashboard.browser=htmlunit} asks for
 * HtmlUnit even where Chromium is installed.
 *
 * @author QTasks contributors
 */
final class Browsers {

	private static final String[] CHROMIUM = { "chromium", "chromium-browser", "google-chrome" };

	private static final String[] CHROMIUM_DRIVER = { "chromedriver" };

	private Browsers() {
	}

	/**
	 * Starts the browser.
	 * @return the driver
	 */
	static WebDriver start() {
		Optional<Path> chromium = onPath(CHROMIUM);
		Optional<Path> driver = onPath(CHROMIUM_DRIVER);
		if (!"htmlunit".equals(System.getProperty("dashboard.browser")) && chromium.isPresent() && driver.isPresent()) {
			return chromium(chromium.get(), driver.get());
		}
		String why = "htmlunit".equals(System.getProperty("dashboard.browser")) ? "-Ddashboard.browser=htmlunit"
				: "no " + (chromium.isEmpty() ? "chromium" : "chromedriver") + " on the PATH";
		System.err.println("""

				!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!
				!! The dashboard's browser test runs in HtmlUnit, NOT in a real browser (%s).
				!! Install Debian's chromium and chromium-driver (apt-get install chromium
				!! chromium-driver) to run it in headless Chromium, as .ci/run does as root.
				!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!
				""".formatted(why));
		return htmlUnit();
	}

	static boolean isChromium(WebDriver driver) {
		return driver instanceof ChromeDriver;
	}

	/**
	 * Signs in to the sample app's dashboard as {@code admin} through its login form and
	 * waits for the overview.
	 * @param driver the browser
	 * @param base the app's base URL
	 * @param password the admin's password
	 * @param wait how long each step may take
	 */
	static void signIn(WebDriver driver, String base, String password, Duration wait) {
		WebDriverWait waiting = new WebDriverWait(driver, wait);
		driver.get(base + "/qtasks/");
		waiting.until(ExpectedConditions.visibilityOfElementLocated(By.id("username"))).sendKeys("admin");
		driver.findElement(By.id("password")).sendKeys(password);
		driver.findElement(By.cssSelector("button[type='submit']")).click();
		waiting.until((browser) -> browser.getCurrentUrl().contains("/qtasks/"));
		waiting.until(ExpectedConditions.visibilityOfElementLocated(By.id("count-success")));
	}

	/**
	 * The errors the page wrote to the browser's console; none for HtmlUnit, which throws
	 * on script errors instead.
	 * @param driver the browser
	 * @return the console's entries of level SEVERE
	 */
	static List<LogEntry> consoleErrors(WebDriver driver) {
		if (!isChromium(driver)) {
			return List.of();
		}
		return driver.manage()
			.logs()
			.get(LogType.BROWSER)
			.getAll()
			.stream()
			.filter((entry) -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
			.toList();
	}

	private static WebDriver chromium(Path binary, Path driver) {
		ChromeOptions options = new ChromeOptions();
		options.setBinary(binary.toFile());
		options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
				"--window-size=1280,900", "--hide-scrollbars", "--force-device-scale-factor=1", "--disable-extensions",
				"--no-first-run", "--lang=en-US");
		LoggingPreferences logs = new LoggingPreferences();
		logs.enable(LogType.BROWSER, Level.ALL);
		options.setCapability(ChromeOptions.LOGGING_PREFS, logs);
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(driver.toFile())
			.usingAnyFreePort()
			.build();
		return new ChromeDriver(service, options);
	}

	private static WebDriver htmlUnit() {
		return new HtmlUnitDriver(BrowserVersion.CHROME, true) {

			@Override
			protected WebClient modifyWebClient(WebClient client) {
				// a script error fails the test, as one in Chromium's console does
				client.getOptions().setThrowExceptionOnScriptError(true);
				return client;
			}

		};
	}

	private static Optional<Path> onPath(String... names) {
		String path = System.getenv("PATH");
		if (path == null) {
			return Optional.empty();
		}
		return Stream.of(names)
			.flatMap((name) -> Stream.of(path.split(java.io.File.pathSeparator)).map((dir) -> Path.of(dir, name)))
			.filter(Files::isExecutable)
			.findFirst();
	}

}
