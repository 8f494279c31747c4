package org.swisscheese.tracker.server;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.AriaRole;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.swisscheese.tracker.api.Report;
import org.swisscheese.tracker.api.SystemId;
import org.swisscheese.tracker.domain.ReportType;
import org.swisscheese.tracker.ingest.BarrierEventFormat;

/**
 * The web app in a real browser (Debian's Chromium, driven by Playwright) against the real server, broker and
 * database. Screenshots of each view land in {@code target/screenshots}.
 */
@EnabledIf("chromiumInstalled")
class WebAppIT extends RealBrokerAndDatabase {

    static final Path CHROMIUM = Paths.get("/usr/bin/chromium");

    static boolean chromiumInstalled() {
        return Files.isExecutable(CHROMIUM);
    }

    private static Playwright playwright;
    private static Browser browser;


    @BeforeAll
    static void launch() {
        playwright = Playwright.create();
        browser = playwright.chromium().launch(new BrowserType.LaunchOptions().setExecutablePath(CHROMIUM)
                .setHeadless(true).setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-quic",
                        "--no-first-run", "--disable-background-networking", "--disable-component-update",
                        "--disable-sync")));
    }

    @AfterAll
    static void close() throws Exception {
        if (browser != null) {
            browser.close();
        }
        if (playwright != null) {
            playwright.close();
        }
    }

    @LocalServerPort
    int port;
    @Autowired
    TestRestTemplate http;
    @Autowired
    ObjectMapper mapper;
    @Autowired
    org.springframework.kafka.core.KafkaTemplate<String, byte[]> kafka;

    BrowserContext context;
    Page page;

    @BeforeEach
    void open() {
        context = browser.newContext(new Browser.NewContextOptions().setViewportSize(1280, 800));
        page = context.newPage();
        page.setDefaultTimeout(15_000);
    }

    @AfterEach
    void closeContext() {
        context.close();
    }

    private void signIn(String user) {
        page.navigate("http://127.0.0.1:" + port + "/");
        page.getByLabel("User name").fill(user);
        page.getByLabel("Password").fill("tracker");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in")).click();
        assertThat(page.getByText(user + " · ")).isVisible();
    }

    private void screenshot(String name) {
        String dir = System.getProperty("screenshots.dir", "target/screenshots");
        page.screenshot(new Page.ScreenshotOptions().setPath(Paths.get(dir, name + ".png")).setFullPage(true));
    }

    private SystemId register(String template) {
        SystemId id = SystemId.of("web-" + UUID.randomUUID().toString().substring(0, 6));
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        String body = "{\"id\":\"" + id + "\",\"name\":\"Web " + template.toLowerCase().replace('_', ' ')
                + "\",\"kind\":\"" + template + "\",\"template\":\"" + template + "\"}";
        assertThat(http.withBasicAuth("admin", "tracker").postForEntity("/api/systems",
                new HttpEntity<>(body, headers), String.class).getStatusCode()).isEqualTo(HttpStatus.CREATED);
        return id;
    }

    private void ingest(SystemId system, ReportType type, String barrier, String chain, int second) {
        Instant at = Instant.now().minusSeconds(60).plusSeconds(second);
        Report report = new Report(UUID.randomUUID().toString(), type, barrier, chain, at, at, "/web", "from the test",
                Map.of(), type == ReportType.ANOMALY_DETECTED ? 0.95 : null,
                type == ReportType.ANOMALY_DETECTED ? 0.9 : null, null);
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        assertThat(http.withBasicAuth("ingest", "tracker").exchange("/api/ingest", HttpMethod.POST,
                new HttpEntity<>(new String(BarrierEventFormat.toBytes(mapper, system, report),
                        StandardCharsets.UTF_8), headers), String.class).getStatusCode())
                .isEqualTo(HttpStatus.ACCEPTED);
    }

    @Test
    void wrongPasswordsAreRefusedInWords() {
        page.navigate("http://127.0.0.1:" + port + "/");
        page.getByLabel("User name").fill("operator");
        page.getByLabel("Password").fill("nope");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in")).click();
        assertThat(page.getByRole(AriaRole.ALERT)).containsText("Wrong user name or password");
    }

    @Test
    void anOperatorWatchesABoardCardChangeWhenABreachIsIngested() {
        SystemId system = register("LANGUAGE_MODEL");
        signIn("operator");
        Locator card = page.locator("[data-system='" + system + "']");
        assertThat(card).isVisible();
        assertThat(card.locator("[data-barrier='deployment-gate']").first()).hasAttribute("data-state", "INTACT");
        assertThat(page.getByText("● live")).isVisible();

        ingest(system, ReportType.BREACHED, "deployment-gate", "web-1", 0);
        ingest(system, ReportType.DEGRADED, "interlock", null, 1);

        assertThat(card.locator("[data-barrier='deployment-gate']").first()).hasAttribute("data-state", "BREACHED");
        assertThat(card.locator("[data-barrier='interlock']").first()).hasAttribute("data-state", "DEGRADED");
        assertThat(card).containsText("1 open incident");
        screenshot("board");
        // an operator may not edit bow-ties: no editor, and the API refuses
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Configuration")).click();
        page.getByLabel("System").selectOption(system.value());
        assertThat(page.getByText("Only admins change risk profiles and bow-ties.")).isVisible();
        assertThat(page.getByText("Edit the bow-tie")).hasCount(0);
    }

    @Test
    void anAnalystStepsThroughAnIncidentAndSeesTheDepthAtEachStep() {
        SystemId system = register("LANGUAGE_MODEL");
        ingest(system, ReportType.BREACHED, "adversarial-training", "chat-9", 0);
        ingest(system, ReportType.BREACHED, "anomaly-monitor", "chat-9", 1);
        ingest(system, ReportType.TRIPPED, "interpretability", "chat-9", 2);
        signIn("analyst");
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Incidents")).click();
        page.getByLabel("System").selectOption(system.value());
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName(system + ".1")).click();

        Locator depth = page.locator("[data-depth]");
        assertThat(depth).hasText("2 of 6 breached");
        assertThat(page.locator("[data-outcome]")).hasText("near miss");
        page.getByLabel("First step").click();
        assertThat(depth).hasText("1 of 6 breached");
        assertThat(page.locator("[data-margin]")).hasText("5 standing");
        assertThat(page.locator("svg [data-barrier='adversarial-training']")).hasAttribute("data-state", "BREACHED");
        assertThat(page.locator("svg [data-barrier='anomaly-monitor']")).hasAttribute("data-state", "INTACT");
        page.getByLabel("Step forward").click();
        assertThat(depth).hasText("2 of 6 breached");
        page.getByLabel("Step forward").click();
        assertThat(page.locator("svg [data-barrier='interpretability']")).hasAttribute("data-state", "HELD");
        assertThat(page.locator("[data-outcome]")).hasText("near miss");
        assertThat(page.getByText("Step 3 of 3")).isVisible();
        screenshot("incident-replay");

        page.getByLabel("Summary").fill("Monitor missed a jailbreak; probes caught it");
        page.getByLabel("Contributing factors (one per line)").fill("new jailbreak family");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Resolve")).click();
        assertThat(page.getByText("Monitor missed a jailbreak; probes caught it")).isVisible();
        assertThat(page.locator(".badge").first()).hasText("resolved");
    }

    @Test
    void aManagerSeesTheEffectivenessCharts() {
        SystemId system = register("GENERALIST_AGENT");
        for (int i = 0; i < 4; i++) {
            ingest(system, ReportType.TRIPPED, "satisficer", null, i);
        }
        ingest(system, ReportType.BREACHED, "boxing", "ep-1", 10);
        ingest(system, ReportType.BREACHED, "power-seeking-detector", "ep-1", 11);
        ingest(system, ReportType.TRIPPED, "impact-measure", "ep-1", 12);
        signIn("manager");
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Statistics")).click();
        Locator interval = page.getByRole(AriaRole.IMG,
                new Page.GetByRoleOptions().setName("Probability of failure on demand per group, with intervals"));
        assertThat(interval).isVisible();
        assertThat(interval.locator("svg path").first()).isAttached();
        assertThat(page.getByRole(AriaRole.IMG, new Page.GetByRoleOptions().setName("Incidents by depth reached")))
                .isVisible();
        assertThat(page.getByRole(AriaRole.CELL, new Page.GetByRoleOptions().setName("Sandbox")).first()).isVisible();
        // a manager may not resolve incidents: the form is not offered
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Incidents")).click();
        page.navigate("http://127.0.0.1:" + port + "/#incidents/" + system + ".1");
        assertThat(page.locator("[data-depth]")).isVisible();
        assertThat(page.getByText("Resolve with a postmortem")).hasCount(0);
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Statistics")).click();
        assertThat(interval).isVisible();
        screenshot("statistics");
    }

    @Test
    void anAdminRegistersASystemFromATemplateAndEditsItsBowTie() {
        signIn("admin");
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Configuration")).click();
        String id = "web-new-" + UUID.randomUUID().toString().substring(0, 4);
        page.getByLabel("Id").fill(id);
        page.getByLabel("Name").fill("Web-registered classifier");
        page.getByLabel("Template").selectOption("IMAGE_CLASSIFIER");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Register")).click();
        assertThat(page.getByText("Registered " + id + ".")).isVisible();
        page.waitForCondition(() -> page.getByLabel("System").locator("option[value='" + id + "']").count() == 1,
                new Page.WaitForConditionOptions().setTimeout(15_000));
        page.getByLabel("System").selectOption(id);
        assertThat(page.locator("svg [data-barrier='abstain']")).isVisible();

        page.getByLabel("Remove Abstains when uncertain").click();
        page.getByLabel("New barrier id").first().fill("ensemble");
        page.getByLabel("New barrier name").first().fill("Ensemble disagreement");
        page.getByLabel("New barrier category").first().selectOption("ANOMALY_MONITORING");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Add barrier")).first().click();
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save bow-tie")).click();
        assertThat(page.getByText("Saved.")).isVisible();
        page.getByLabel("influence").selectOption("HIGH");
        page.getByLabel("optimization").selectOption("HIGH");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save risk profile")).click();
        assertThat(page.locator("[data-risk-class]")).hasText("AGENTIC", new com.microsoft.playwright.assertions
                .LocatorAssertions.HasTextOptions().setTimeout(15_000));
        assertThat(page.locator("svg [data-barrier='ensemble']")).isVisible();
        assertThat(page.locator("svg [data-barrier='abstain']")).hasCount(0);
        screenshot("configuration");
    }

    @Test
    void anAdminSeesADeadLetterWithItsReasonAndSendsItAgain() throws Exception {
        String ghost = "ghost-" + UUID.randomUUID().toString().substring(0, 6);
        kafka.send("tracker.barrier-events", ghost, "{\"not\": \"a cloud event\"}".getBytes(StandardCharsets.UTF_8))
                .get();
        signIn("admin");
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Configuration")).click();
        Locator row = page.locator("tr", new Page.LocatorOptions().setHasText(ghost));
        page.waitForCondition(() -> {
            if (row.count() == 0) {
                page.reload();
                page.waitForTimeout(500);
            }
            return row.count() == 1;
        }, new Page.WaitForConditionOptions().setTimeout(30_000));
        assertThat(row).containsText("schema");
        assertThat(row).containsText("does not match the barrier-event schema");
        row.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Send again")).click();
        assertThat(page.getByText("to the ingest topic again")).isVisible();
        screenshot("dead-letters");
    }
}
