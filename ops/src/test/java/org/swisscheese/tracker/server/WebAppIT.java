package org.swisscheese.tracker.server;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Download;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.Media;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
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

    /** The configuration view's system chooser; its label's text goes on with the options' text. */
    static final Pattern SYSTEM_CHOOSER = Pattern.compile("^System");

    static boolean chromiumInstalled() {
        return Files.isExecutable(CHROMIUM);
    }

    private static Playwright playwright;
    private static Browser browser;

    @BeforeAll
    static void launch() {
        playwright = Playwright.create();
        browser = playwright
                .chromium()
                .launch(new BrowserType.LaunchOptions()
                        .setExecutablePath(CHROMIUM)
                        .setHeadless(true)
                        .setArgs(List.of(
                                "--no-sandbox",
                                "--disable-gpu",
                                "--disable-quic",
                                "--no-first-run",
                                "--disable-background-networking",
                                "--disable-component-update",
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

    @Autowired
    JdbcClient jdbc;

    BrowserContext context;
    Page page;

    @BeforeEach
    void open() {
        context = browser.newContext(new Browser.NewContextOptions().setViewportSize(1280, 800));
        page = context.newPage();
        page.setDefaultTimeout(15_000);
        // what the page shows follows the read models, a moment behind the write side; in the full build other
        // servers' processors share the two cores, and a new system's card once took longer than Playwright's 5 s
        PlaywrightAssertions.setDefaultAssertionTimeout(15_000);
    }

    @AfterEach
    void closeContext() {
        context.close();
    }

    private void signIn(String user) {
        page.navigate("http://127.0.0.1:" + port + "/");
        page.getByLabel("User name").fill(user);
        page.getByLabel("Password").fill("tracker");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in"))
                .click();
        assertThat(page.getByText(user + " · ")).isVisible();
    }

    private void screenshot(String name) {
        String dir = System.getProperty("screenshots.dir", "target/screenshots");
        page.screenshot(new Page.ScreenshotOptions()
                .setPath(Paths.get(dir, name + ".png"))
                .setFullPage(true));
    }

    private static void writeText(String name, String text) {
        try {
            Path dir = Paths.get(System.getProperty("screenshots.dir", "target/screenshots"));
            Files.createDirectories(dir);
            Files.writeString(dir.resolve(name + ".txt"), text);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void anOperatorMergesTwoIncidentsIntoOneAndSplitsAReportOffAgain() throws Exception {
        SystemId system = register("LANGUAGE_MODEL");
        ingest(system, ReportType.BREACHED, "deployment-gate", "session-a", 0);
        String filter = event(system, ReportType.BREACHED, "output-filter", "session-b", 1);
        post("ingest", "/api/ingest", filter, HttpStatus.ACCEPTED);
        String filterId = mapper.readTree(filter).path("id").asText();
        await(
                "/api/incidents?systemId=" + system,
                incidents -> incidents.path("total").asInt() == 2);

        signIn("operator");
        openIncident(system);
        Locator merge = page.getByRole(
                AriaRole.FORM, new Page.GetByRoleOptions().setName("Merge another incident into this one"));
        merge.getByLabel("Incident that joins this one").fill(system + ".2");
        merge.getByLabel("Why they are one").fill("one jailbreak seen from two sessions");
        merge.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Merge into this one"))
                .click();
        assertThat(page.locator("[data-act='MERGED_WITH']"))
                .containsText("took in incident " + system + ".2: one jailbreak seen from two sessions");
        // both reports are this incident's now, in their place in time
        Locator split = page.getByRole(
                AriaRole.FORM, new Page.GetByRoleOptions().setName("Split reports off into a new incident"));
        split.getByLabel(Pattern.compile("^" + filterId + ":")).check();
        split.getByLabel("Why they are another incident").fill("the filter's breach was a second attempt");
        split.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Split off"))
                .click();
        assertThat(page.locator("[data-act='SPLIT_OFF']"))
                .containsText("split reports " + filterId + " to " + system + ".3");

        // the merged one keeps its page, closed, pointing at the one it joined
        page.navigate("http://127.0.0.1:" + port + "/#incidents/" + system + ".2");
        assertThat(page.locator("[data-merged-into]")).containsText("Merged into " + system + ".1");
        page.navigate("http://127.0.0.1:" + port + "/#incidents/" + system + ".3");
        assertThat(page.locator("[data-split-from]")).containsText("Split off " + system + ".1");
    }

    private SystemId register(String template) {
        SystemId id = SystemId.of("web-" + UUID.randomUUID().toString().substring(0, 6));
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        String body = "{\"id\":\"" + id + "\",\"name\":\"Web "
                + template.toLowerCase().replace('_', ' ') + "\",\"kind\":\"" + template + "\",\"template\":\""
                + template + "\"}";
        assertThat(http.withBasicAuth("admin", "tracker")
                        .postForEntity("/api/systems", new HttpEntity<>(body, headers), String.class)
                        .getStatusCode())
                .isEqualTo(HttpStatus.CREATED);
        return id;
    }

    private String event(SystemId system, ReportType type, String barrier, String chain, int second) {
        Instant at = Instant.now().minusSeconds(60).plusSeconds(second);
        Report report = new Report(
                UUID.randomUUID().toString(),
                type,
                barrier,
                chain,
                at,
                at,
                "/web",
                "from the test",
                Map.of(),
                type == ReportType.ANOMALY_DETECTED ? 0.95 : null,
                type == ReportType.ANOMALY_DETECTED ? 0.9 : null,
                null);
        return new String(BarrierEventFormat.toBytes(mapper, system, report), StandardCharsets.UTF_8);
    }

    private void ingest(SystemId system, ReportType type, String barrier, String chain, int second) {
        post("ingest", "/api/ingest", event(system, type, barrier, chain, second), HttpStatus.ACCEPTED);
    }

    /** Many reports in one request (the ingest endpoint takes a JSON array). */
    private void ingestMany(List<String> events) {
        post("ingest", "/api/ingest", "[" + String.join(",", events) + "]", HttpStatus.ACCEPTED);
    }

    private void post(String user, String path, String json, HttpStatus expected) {
        exchange(user, HttpMethod.POST, path, json, expected);
    }

    private void exchange(String user, HttpMethod method, String path, String json, HttpStatus expected) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        assertThat(http.withBasicAuth(user, "tracker")
                        .exchange(path, method, new HttpEntity<>(json, headers), String.class)
                        .getStatusCode())
                .isEqualTo(expected);
    }

    /** Read models follow the reports a moment later: asks the API until the answer is ready. */
    private void await(String path, Predicate<JsonNode> ready) throws Exception {
        long until = System.nanoTime() + 30_000_000_000L;
        while (true) {
            String body = http.withBasicAuth("admin", "tracker").getForObject(path, String.class);
            if (body != null && ready.test(mapper.readTree(body))) {
                return;
            }
            if (System.nanoTime() > until) {
                throw new AssertionError("not ready after 30 s: " + path + " answered " + body);
            }
            Thread.sleep(300);
        }
    }

    private Locator card(SystemId system) {
        return page.locator("[data-system='" + system + "']");
    }

    @Test
    void wrongPasswordsAreRefusedInWords() {
        page.navigate("http://127.0.0.1:" + port + "/");
        page.getByLabel("User name").fill("operator");
        page.getByLabel("Password").fill("nope");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in"))
                .click();
        assertThat(page.getByRole(AriaRole.ALERT)).containsText("Wrong user name or password");
    }

    @Test
    void anOperatorWatchesABoardCardChangeWhenABreachIsIngestedAndRestoresABarrier() {
        SystemId system = register("LANGUAGE_MODEL");
        signIn("operator");
        Locator card = card(system);
        Locator influence = card.locator("tr[data-path='influence → harm']");
        assertThat(card).isVisible();
        assertThat(influence.locator("[data-barrier='deployment-gate']")).hasAttribute("data-mark", "STANDING");
        // a detector in service watches: it is drawn, and named, as no stop
        assertThat(card.locator("[data-barrier='anomaly-monitor']")).hasAttribute("data-mark", "WATCHING");
        assertThat(card.getByRole(
                        AriaRole.IMG,
                        new Locator.GetByRoleOptions().setName("Anomaly monitoring: watching, cannot stop")))
                .isVisible();
        assertThat(influence.locator("[data-live-margin]")).hasAttribute("data-live-margin", "5");
        assertThat(page.getByText("● live")).isVisible();

        ingest(system, ReportType.BREACHED, "deployment-gate", "web-1", 0);
        ingest(system, ReportType.DEGRADED, "interlock", null, 1);

        assertThat(influence.locator("[data-barrier='deployment-gate']")).hasAttribute("data-mark", "BREACHED");
        assertThat(influence.locator("[data-barrier='interlock']")).hasAttribute("data-mark", "DEGRADED");
        // output filter, disclosure and kill switch still stand; the degraded interlock is a hole
        assertThat(influence.locator("[data-live-margin]")).hasAttribute("data-live-margin", "3");
        assertThat(card).containsText("1 open incident");
        page.getByText("What the marks mean").click();
        assertThat(page.locator("[data-legend='PASSED_SILENTLY']")).containsText("not counted as a breach");
        screenshot("board");

        // an operator may not edit bow-ties, but restores a barrier that is back in service
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Configuration"))
                .click();
        page.getByLabel("System").selectOption(system.value());
        assertThat(page.getByText("Only admins change risk profiles and bow-ties."))
                .isVisible();
        assertThat(page.getByText("Edit the bow-tie")).hasCount(0);
        Locator degraded = page.locator("[data-barrier-state='interlock']");
        assertThat(degraded).containsText("out of service");
        assertThat(page.locator("svg [data-barrier='interlock']")).hasAttribute("data-mark", "DEGRADED");
        degraded.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Restore Conversation interlock"))
                .click();
        assertThat(page.getByText("Every barrier is in service.")).isVisible();
        assertThat(page.locator("svg [data-barrier='interlock']")).hasAttribute("data-mark", "STANDING");
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Live board"))
                .click();
        assertThat(influence.locator("[data-live-margin]")).hasAttribute("data-live-margin", "4");
    }

    @Test
    void anAnalystStepsThroughAnIncidentAndReadsEachStepInWords() throws Exception {
        SystemId system = register("LANGUAGE_MODEL");
        // the monitor sees it (adversarial training was passed silently), the probes miss it, the disclosure holds
        ingest(system, ReportType.ANOMALY_DETECTED, "anomaly-monitor", "chat-9", 0);
        ingest(system, ReportType.BREACHED, "interpretability", "chat-9", 1);
        ingest(system, ReportType.TRIPPED, "ai-disclosure", "chat-9", 2);
        await(
                "/api/incidents?systemId=" + system,
                incidents -> incidents.path("items").path(0).path("reportCount").asInt() == 3);
        signIn("analyst");
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Incidents"))
                .click();
        page.getByLabel("System").selectOption(system.value());
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName(system + ".1"))
                .click();

        Locator description = page.locator("[data-step-description]");
        assertThat(page.getByText("Step 3 of 3")).isVisible();
        assertThat(description)
                .hasText(
                        "breached: Interpretability probes; passed silently: Adversarial training;"
                                + " seen by a detector that cannot stop it: Anomaly monitoring; held by Says it is an AI; margin 3 of 6");
        assertThat(page.locator("[data-outcome]")).hasText("top event");
        assertThat(page.locator("[data-summary='silent']")).containsText("Adversarial training");
        assertThat(page.locator("[data-summary='detected']")).containsText("Anomaly monitoring");
        assertThat(page.locator("[data-summary='breached'] dd")).hasText("Interpretability probes");
        assertThat(page.locator("[data-summary='held'] dd")).hasText("Says it is an AI");
        assertThat(page.locator("svg [data-barrier='adversarial-training']"))
                .hasAttribute("data-mark", "PASSED_SILENTLY");
        assertThat(page.locator("svg [data-barrier='anomaly-monitor']")).hasAttribute("data-mark", "DETECTED");
        assertThat(page.locator("svg [data-barrier='interpretability']")).hasAttribute("data-mark", "BREACHED");
        assertThat(page.locator("svg [data-barrier='ai-disclosure']")).hasAttribute("data-mark", "HOLDING");
        assertThat(page.locator("svg [data-top-event]")).hasAttribute("data-top-event", "reached");
        screenshot("incident-replay");

        page.getByLabel("First step").click();
        assertThat(page.locator("[data-step-report]"))
                .containsText("Anomaly monitoring saw the hazard pass: a detector cannot stop it");
        assertThat(description)
                .hasText("passed silently: Adversarial training; seen by a detector that cannot stop"
                        + " it: Anomaly monitoring; margin 3 of 6");
        assertThat(page.locator("[data-position]")).hasText("2 of 6");
        assertThat(page.locator("[data-outcome]")).hasText("undetermined");
        assertThat(page.locator("svg [data-barrier='interpretability']")).hasAttribute("data-mark", "WATCHING");
        assertThat(page.locator("svg [data-top-event]")).hasAttribute("data-top-event", "not-reached");
        page.getByLabel("Step forward").click();
        assertThat(page.locator("[data-step-report]")).containsText("Interpretability probes was breached");
        assertThat(page.locator("[data-position]")).hasText("3 of 6");
        page.getByLabel("Last step").click();
        assertThat(page.locator("ol.path-strip [data-barrier='ai-disclosure']")).containsText("holding");

        // incident response: the analyst acknowledges it and leaves a note; both show once the read model has them
        page.getByRole(
                        AriaRole.BUTTON,
                        new Page.GetByRoleOptions().setName("Acknowledge").setExact(true))
                .click();
        assertThat(page.locator("[data-acknowledged]")).containsText("by analyst");
        page.getByLabel("Note", new Page.GetByLabelOptions().setExact(true))
                .fill("the probes lag this jailbreak family");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Add note"))
                .click();
        assertThat(page.locator("[data-act='NOTE_ADDED']")).containsText("the probes lag this jailbreak family");
        assertThat(page.getByRole(
                        AriaRole.BUTTON,
                        new Page.GetByRoleOptions().setName("Acknowledge").setExact(true)))
                .hasCount(0);

        page.getByLabel("Summary").fill("Probes missed a jailbreak; the disclosure held");
        page.getByLabel("Contributing factors (one per line)").fill("new jailbreak family");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Resolve"))
                .click();
        assertThat(page.getByText("Probes missed a jailbreak; the disclosure held"))
                .isVisible();
        assertThat(page.locator("[data-status]")).hasText("resolved");
    }

    @Test
    void anOperatorTakesAnIncidentAndAnAnalystReclassifiesASpuriousTripAndSeesTheOutcomeAndTheFiguresChange()
            throws Exception {
        SystemId system = register("LANGUAGE_MODEL");
        ingest(system, ReportType.BREACHED, "deployment-gate", "load-test", 0);
        String trip = event(system, ReportType.TRIPPED, "output-filter", "load-test", 1);
        post("ingest", "/api/ingest", trip, HttpStatus.ACCEPTED);
        String tripId = mapper.readTree(trip).path("id").asText();
        await(
                "/api/incidents?systemId=" + system,
                incidents ->
                        incidents.path("items").path(0).path("outcome").asText().equals("NEAR_MISS"));
        await("/api/statistics/barriers?systemId=" + system, s -> demandsOf(s, "output-filter") == 1);

        // the operator on call takes it
        signIn("operator");
        openIncident(system);
        page.getByRole(
                        AriaRole.BUTTON,
                        new Page.GetByRoleOptions().setName("Acknowledge").setExact(true))
                .click();
        assertThat(page.locator("[data-acknowledged]")).containsText("by operator");
        page.getByLabel("Assign to").fill("llm on-call");
        page.getByRole(
                        AriaRole.BUTTON,
                        new Page.GetByRoleOptions().setName("Assign").setExact(true))
                .click();
        assertThat(page.locator("[data-assignee]")).hasText("llm on-call");
        assertThat(page.getByRole(AriaRole.FORM, new Page.GetByRoleOptions().setName("Reclassify a report")))
                .hasCount(0); // analysts' work
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign out"))
                .click();

        // the analyst finds the filter's trip was a load test: no demand, and nothing held the hazard after all
        signIn("analyst");
        openIncident(system);
        assertThat(page.locator("[data-outcome]")).hasText("near miss");
        Locator form = page.getByRole(AriaRole.FORM, new Page.GetByRoleOptions().setName("Reclassify a report"));
        form.getByLabel("Report").selectOption(tripId);
        form.getByLabel("It was").selectOption("SPURIOUS_TRIP");
        form.getByLabel("Why").fill("the filter was being load-tested");
        form.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Reclassify"))
                .click();
        assertThat(page.locator("[data-act='REPORT_RECLASSIFIED']")).containsText("as spurious trip");
        assertThat(page.locator("[data-outcome]")).hasText("undetermined");
        // the last step is the trip: still there, said to be no evidence
        assertThat(page.locator("[data-reclassified='SPURIOUS_TRIP']"))
                .containsText("Reclassified as spurious trip: the filter was being load-tested");
        // the whole incident as the web app draws it, workflow entries among the reports (for the docs)
        screenshot("incident-response");
        writeText(
                "incident-response",
                page.locator("section[aria-labelledby='incident-title']").innerText());

        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Statistics"))
                .click();
        Locator window = page.locator("form.window");
        window.getByLabel("System", new Locator.GetByLabelOptions().setExact(true))
                .selectOption(system.value());
        window.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Last 7 days"))
                .click();
        Locator gate = page.locator("tr[data-group='" + system + "/deployment-gate']");
        assertThat(gate.locator("td").nth(0)).hasText("1");
        assertThat(gate.locator("td").nth(1)).hasText("1");
        // the filter's one demand was the trip: with none left it has no row (it had one before, see the await above)
        assertThat(page.locator("tr[data-group='" + system + "/output-filter']"))
                .hasCount(0);
    }

    private void openIncident(SystemId system) {
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Incidents"))
                .click();
        page.getByLabel("System").selectOption(system.value());
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName(system + ".1"))
                .click();
    }

    private static long demandsOf(JsonNode statistics, String barrier) {
        for (JsonNode group : statistics.path("groups")) {
            if (group.path("barrierId").asText().equals(barrier)) {
                return group.path("demands").asLong();
            }
        }
        return -1;
    }

    @Test
    void aManagerSeesTheEffectivenessFiguresAndAsksWhatIf() throws Exception {
        SystemId system = register("GENERALIST_AGENT");
        for (int i = 0; i < 4; i++) {
            ingest(system, ReportType.TRIPPED, "satisficer", null, i);
        }
        ingest(system, ReportType.BREACHED, "boxing", "ep-1", 10);
        ingest(system, ReportType.BREACHED, "power-seeking-detector", "ep-1", 11);
        ingest(system, ReportType.TRIPPED, "impact-measure", "ep-1", 12);
        await("/api/statistics/depth", depth -> depth.path("bySystem").has(system.value()));
        await("/api/statistics/barriers?systemId=" + system, statistics -> {
            for (JsonNode group : statistics.path("groups")) {
                if (group.path("barrierId").asText().equals("impact-measure")) {
                    return group.path("demands").asLong() == 1;
                }
            }
            return false;
        });
        signIn("manager");
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Statistics"))
                .click();
        Locator window = page.locator("form.window");
        Locator.GetByLabelOptions exact = new Locator.GetByLabelOptions().setExact(true);
        window.getByLabel("System", exact).selectOption(system.value());
        window.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Last 7 days"))
                .click();
        Locator interval = page.getByRole(
                AriaRole.IMG,
                new Page.GetByRoleOptions().setName("Probability of failure on demand per group, with intervals"));
        assertThat(interval).isVisible();
        assertThat(interval.locator("svg path").first()).isAttached();
        assertThat(page.getByRole(AriaRole.IMG, new Page.GetByRoleOptions().setName("Incidents by depth reached")))
                .isVisible();
        Locator satisficer = page.locator("tr[data-group='" + system + "/satisficer']");
        // four held demands: D 4, F 0, Jeffreys (0 + ½) / (4 + 1)
        assertThat(satisficer.locator("td").nth(0)).hasText("4");
        assertThat(satisficer.locator("td").nth(1)).hasText("0");
        assertThat(satisficer.locator("[data-pfd]")).hasText("0.1");
        assertThat(satisficer.locator("[data-sil]")).hasText("no SIL");
        Locator sandbox = page.locator("tr[data-group='" + system + "/boxing']");
        assertThat(sandbox).containsText("Sandbox");
        assertThat(sandbox.locator("td").nth(1)).hasText("1");
        assertThat(page.getByRole(AriaRole.TABLE, new Page.GetByRoleOptions().setName("Pairs of barriers")))
                .containsText("Power-seeking detection");
        // the response times of the system chosen, under its name, a row per step
        Locator responseTimes = page.getByRole(AriaRole.TABLE, new Page.GetByRoleOptions().setName("Response times"));
        assertThat(responseTimes.getByRole(AriaRole.ROWHEADER, new Locator.GetByRoleOptions().setName("Detect")))
                .isVisible();
        assertThat(responseTimes.locator("tbody[data-scope='" + system + "'] tr"))
                .hasCount(4);
        screenshot("statistics");
        window.getByLabel("Group by", exact).selectOption("category");
        assertThat(page.locator("tr[data-group='SATISFICER']")).isVisible();

        // what if the impact measure had not been there: the held incident would have gone on
        Locator whatIf = page.locator("form.whatif");
        whatIf.getByLabel("System", exact).selectOption(system.value());
        whatIf.getByLabel("barriers had not been there").check();
        whatIf.getByLabel("Impact measure").check();
        whatIf.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Re-judge past incidents"))
                .click();
        Locator row = whatIf.locator("tr[data-incident='" + system + ".1']");
        assertThat(row).containsText("near miss");
        assertThat(row).containsText("undetermined");
        assertThat(row).containsText("yes");
        assertThat(whatIf.locator("tr[data-expected='UNDETERMINED'] td").nth(1)).hasText("1");
        // and with a new barrier failing one demand in ten, met before the impact measure
        whatIf.getByLabel("a new barrier had been there").check();
        whatIf.getByLabel("Line", exact).selectOption("influence");
        whatIf.getByLabel("Position", exact).selectOption("2");
        whatIf.getByLabel("Id", exact).fill("tripwire");
        whatIf.getByLabel("Category", exact).selectOption("IMPACT_MEASURE");
        whatIf.getByLabel("Claimed PFD", exact).fill("0.1");
        whatIf.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Re-judge past incidents"))
                .click();
        assertThat(whatIf.getByRole(AriaRole.STATUS)).containsText("add tripwire at influence[2] with PFD 0.1");
        assertThat(row).containsText("(90%)");
        assertThat(row).containsText("(10%)");

        // a manager may not resolve incidents: the form is not offered
        page.navigate("http://127.0.0.1:" + port + "/#incidents/" + system + ".1");
        assertThat(page.locator("[data-position]")).isVisible();
        assertThat(page.getByText("Resolve with a postmortem")).hasCount(0);
        // nor act on them: the response panel shows where things stand, without buttons
        assertThat(page.locator("[data-acknowledged]")).hasText("not yet");
        assertThat(page.getByRole(
                        AriaRole.BUTTON,
                        new Page.GetByRoleOptions().setName("Acknowledge").setExact(true)))
                .hasCount(0);
        assertThat(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Add note")))
                .hasCount(0);
    }

    @Test
    void anAdminRegistersASystemFromATemplateAndEditsItsBowTieAndRiskProfile() {
        signIn("admin");
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Configuration"))
                .click();
        String id = "web-new-" + UUID.randomUUID().toString().substring(0, 4);
        // scoped to the form, and exact where the label wraps an input (a select's options are part of its label):
        // until
        // the view has switched, the board's "Open incidents of …" lists
        // are on the page too, and a loose "Id" matches them
        Locator register =
                page.getByRole(AriaRole.FORM, new Page.GetByRoleOptions().setName("Register a system from a template"));
        Locator.GetByLabelOptions exactField = new Locator.GetByLabelOptions().setExact(true);
        register.getByLabel("Id", exactField).fill(id);
        register.getByLabel("Name", exactField).fill("Web-registered classifier");
        register.getByLabel("Template").selectOption("IMAGE_CLASSIFIER");
        register.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Register"))
                .click();
        assertThat(page.getByText("Registered " + id + ".")).isVisible();
        page.waitForCondition(
                () -> page.getByLabel(SYSTEM_CHOOSER)
                                .locator("option[value='" + id + "']")
                                .count()
                        == 1,
                new Page.WaitForConditionOptions().setTimeout(15_000));
        page.getByLabel(SYSTEM_CHOOSER).selectOption(id);
        assertThat(page.locator("svg [data-barrier='abstain']")).isVisible();
        // the template's default profile, with the post's reasoning
        assertThat(page.locator("[data-risk-class]")).hasText("SPONGE");
        assertThat(page.getByRole(AriaRole.TABLE, new Page.GetByRoleOptions().setName("Risk profile")))
                .containsText("no influence until it is wired into a system that acts");
        assertThat(page.locator("svg [data-barrier='ood-monitor']")).hasAttribute("data-mark", "WATCHING");

        page.getByLabel("Remove Abstains when uncertain").click();
        page.getByLabel("New barrier id").first().fill("ensemble");
        page.getByLabel("New barrier name").first().fill("Ensemble disagreement");
        page.getByLabel("New barrier category").first().selectOption("ANOMALY_MONITORING");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Add barrier"))
                .first()
                .click();
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save bow-tie"))
                .click();
        assertThat(page.getByText("Saved.")).isVisible();
        assertThat(page.locator("svg [data-barrier='ensemble']")).isVisible();
        assertThat(page.locator("svg [data-barrier='abstain']")).hasCount(0);

        Page.GetByLabelOptions exact = new Page.GetByLabelOptions().setExact(true);
        page.getByLabel("influence", exact).selectOption("HIGH");
        page.getByLabel("Why influence is rated so", exact).fill("Its labels now drive the sorting arm.");
        page.getByLabel("optimization", exact).selectOption("HIGH");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save risk profile"))
                .click();
        assertThat(page.locator("[data-risk-class]")).hasText("AGENTIC");
        assertThat(page.getByRole(AriaRole.TABLE, new Page.GetByRoleOptions().setName("Risk profile")))
                .containsText("Its labels now drive the sorting arm.");
        // an agentic classifier lacks what its class relies on, and its new class waits for an acknowledgement
        assertThat(page.locator("[data-warning='AGENTIC_WITHOUT_OPTIMIZATION']"))
                .isVisible();
        assertThat(page.locator("[data-class-change]")).containsText("SPONGE → AGENTIC");
        screenshot("configuration");

        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Safety card"))
                .click();
        assertThat(page.getByRole(
                        AriaRole.HEADING,
                        new Page.GetByRoleOptions().setName("Safety card: Web-registered classifier")))
                .isVisible();
        assertThat(page.locator("tr[data-barrier='ensemble']")).containsText("detects only");
    }

    @Test
    void anAdminDesignatesASystemHighRiskWithItsBasisAndReadsTheServersRefusalOfABasisTooLong() throws Exception {
        SystemId system = register("LANGUAGE_MODEL");
        // the view reads the fleet once when it opens: the system must be in it by then
        await("/api/systems/" + system, s -> s.path("id").asText().equals(system.value()));
        signIn("admin");
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Configuration"))
                .click();
        // the chooser's label wraps it, so its text goes on with the options': found by what it offers
        page.locator("select:has(option[value='" + system + "'])").selectOption(system.value());
        Locator designation =
                page.getByRole(AriaRole.FORM, new Page.GetByRoleOptions().setName("Change the EU AI Act designation"));
        Locator.GetByLabelOptions exact = new Locator.GetByLabelOptions().setExact(true);
        designation.getByLabel("High-risk system (EU AI Act)", exact).check();
        designation.getByLabel("Basis", exact).fill("x".repeat(4001));
        Locator save =
                designation.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Save designation"));
        save.click();
        assertThat(designation.getByRole(AriaRole.ALERT))
                .hasText("basis is 4001 characters long; at most 4000 are allowed");
        assertThat(page.locator("[data-high-risk]")).not().hasAttribute("data-high-risk", "true");

        designation.getByLabel("Basis", exact).fill("Annex III 5(b): creditworthiness of natural persons");
        save.press("Enter"); // from the keyboard
        assertThat(designation.getByRole(AriaRole.STATUS)).hasText("Designated high-risk.");
        assertThat(designation.getByRole(AriaRole.ALERT)).hasCount(0);
        assertThat(page.locator("[data-high-risk]")).hasAttribute("data-high-risk", "true");
        assertThat(page.locator("[data-high-risk]")).containsText("Annex III 5(b)");
        // on the system's own stream
        assertThat(jdbc.sql("SELECT count(*) FROM domainevententry WHERE aggregateidentifier = ?"
                                + " AND payloadtype LIKE '%HighRiskDesignated'")
                        .param(system.value())
                        .query(Long.class)
                        .single())
                .isEqualTo(1L);
    }

    @Test
    void theSafetyCardShowsEachBarriersDemonstratedPfdAndSilBandAndTheCoverageGaps() throws Exception {
        SystemId system = register("LANGUAGE_MODEL");
        // 25 held demands of the output filter: the Jeffreys upper bound falls below 0.1, SIL 1
        List<String> trips = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            trips.add(event(system, ReportType.TRIPPED, "output-filter", null, i));
        }
        ingestMany(trips);
        // an incident on the other threat line, so the filter's held demands stay demands of their own
        ingest(system, ReportType.BREACHED, "adversarial-training", "web-card", 30);
        await("/api/statistics/barriers?systemId=" + system, statistics -> {
            for (JsonNode group : statistics.path("groups")) {
                if (group.path("barrierId").asText().equals("output-filter")) {
                    return group.path("demands").asLong() == 25;
                }
            }
            return false;
        });
        signIn("analyst");
        card(system)
                .getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Safety card"))
                .click();

        assertThat(page.getByRole(
                        AriaRole.HEADING, new Page.GetByRoleOptions().setName("Safety card: Web language model")))
                .isVisible();
        Locator filter = page.locator("tr[data-barrier='output-filter']");
        assertThat(filter.locator("td").nth(4)).hasText("25"); // D
        assertThat(filter.locator("[data-pfd]")).containsText("0.019 (0 – 0.09"); // Jeffreys: ½ / 26, from 0
        assertThat(filter.locator("[data-sil]")).hasText("SIL 1");
        Locator training = page.locator("tr[data-barrier='adversarial-training']");
        assertThat(training.locator("td").nth(5)).hasText("1"); // F: it failed its one demand
        assertThat(training.locator("[data-sil]")).hasText("no SIL");
        assertThat(page.locator("tr[data-barrier='anomaly-monitor']")).containsText("detects only");
        // a language model is DORMANT by default and its template has no optimization barrier
        assertThat(page.locator("[data-risk-class]")).hasText("DORMANT");
        assertThat(page.locator("[data-warning='DORMANT_WITHOUT_OPTIMIZATION']"))
                .containsText("relies on its optimization barriers, and this bow-tie has none");
        assertThat(page.locator("[data-ingredient='influence']")).containsText("people act on what they read");
        screenshot("safety-card");

        Download markdown = page.waitForDownload(
                () -> page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Download Markdown"))
                        .click());
        assertThat(markdown.suggestedFilename()).isEqualTo("safety-card-" + system + ".md");
        String text = Files.readString(markdown.path());
        assertThat(text).startsWith("# Safety card: Web language model (`" + system + "`)");
        assertThat(text).contains("DORMANT_WITHOUT_OPTIMIZATION");

        // on paper: the card without the app around it
        page.emulateMedia(new Page.EmulateMediaOptions().setMedia(Media.PRINT));
        assertThat(page.locator(".topbar")).isHidden();
        assertThat(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Print")))
                .isHidden();
        assertThat(filter).isVisible();
    }

    @Test
    void aClassChangeAlertsOnTheBoardUntilAnOperatorAcknowledgesIt() {
        SystemId system = register("IMAGE_CLASSIFIER");
        signIn("analyst");
        Locator card = card(system);
        assertThat(card).isVisible();
        assertThat(card.locator("[data-class-change]")).hasCount(0);

        // the owner finds the classifier now steers a robot arm: a sponge gains influence
        exchange(
                "admin",
                HttpMethod.PUT,
                "/api/systems/" + system + "/risk-profile",
                "{\"misalignment\":\"MEDIUM\","
                        + "\"optimization\":\"LOW\",\"influence\":\"HIGH\",\"rationale\":{\"influence\":"
                        + "\"Its labels now move a robot arm.\"}}",
                HttpStatus.NO_CONTENT);
        Locator alert = card.locator("[data-class-change]");
        assertThat(alert).containsText("class changed: SPONGE → AGENTIC");
        assertThat(card).hasAttribute("aria-label", "Web image classifier, alert");
        // an analyst sees it but may not acknowledge it
        assertThat(alert.getByRole(AriaRole.BUTTON)).hasCount(0);

        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign out"))
                .click();
        signIn("operator");
        assertThat(alert).containsText("SPONGE → AGENTIC");
        alert.getByRole(
                        AriaRole.BUTTON,
                        new Locator.GetByRoleOptions().setName("Acknowledge the class change of Web image classifier"))
                .click();
        assertThat(card.locator("[data-class-change]")).hasCount(0);
        assertThat(card.locator("header .badge").nth(1)).hasText("agentic");
        page.reload();
        assertThat(card).isVisible();
        assertThat(card.locator("[data-class-change]")).hasCount(0);
    }

    @Test
    void anAdminSeesADeadLetterWithItsReasonAndSendsItAgain() throws Exception {
        String ghost = "ghost-" + UUID.randomUUID().toString().substring(0, 6);
        kafka.send("tracker.barrier-events", ghost, "{\"not\": \"a cloud event\"}".getBytes(StandardCharsets.UTF_8))
                .get();
        signIn("admin");
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Configuration"))
                .click();
        Locator row = page.locator("tr", new Page.LocatorOptions().setHasText(ghost));
        page.waitForCondition(
                () -> {
                    if (row.count() == 0) {
                        page.reload();
                        page.waitForTimeout(500);
                    }
                    return row.count() == 1;
                },
                new Page.WaitForConditionOptions().setTimeout(30_000));
        assertThat(row).containsText("schema");
        assertThat(row).containsText("does not match the barrier-event schema");
        row.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Send again"))
                .click();
        assertThat(page.getByText("to the ingest topic again")).isVisible();
        screenshot("dead-letters");
    }

    @Test
    void anAdminAddsAWebhookRouteAndASilenceOnTheAlertingPageAndExpiresTheSilence() throws Exception {
        SystemId system = register("LANGUAGE_MODEL");
        String route = "pager " + system;
        signIn("admin");
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Alerting"))
                .click();
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Alerting")))
                .isVisible();

        // a route: named, its URL and secret, for this system's full failures
        Locator routeForm = page.getByRole(AriaRole.FORM, new Page.GetByRoleOptions().setName("Add a route"));
        routeForm
                .getByLabel("Name", new Locator.GetByLabelOptions().setExact(true))
                .fill(route);
        routeForm.getByLabel("Webhook URL (http or https)").fill("https://hooks.example/" + system);
        routeForm.getByLabel("Secret (16 to 200 characters; signs every POST)").fill("a-secret-of-the-web-test");
        routeForm
                .getByLabel("Systems (ids, separated by commas; empty: every system)")
                .fill(system.value());
        routeForm
                .getByLabel("full-failure: it is a full failure (inhibits its top-event alert)")
                .check();
        routeForm
                .getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Add route"))
                .click();
        assertThat(page.getByText("Added route " + route + ".")).isVisible();
        Locator routeRow = page.locator("tr[data-route='" + route + "']");
        assertThat(routeRow).containsText("systems " + system + "; kinds full-failure");

        // a silence for the system, by keyboard: typed into labelled fields, submitted with Enter
        Locator silenceForm =
                page.getByRole(AriaRole.FORM, new Page.GetByRoleOptions().setName("Add a silence (from now)"));
        silenceForm
                .getByLabel("Systems (ids, separated by commas; empty: every system)")
                .fill(system.value());
        Locator why = silenceForm.getByLabel("Why (e.g. a maintenance window)");
        why.fill("model rollout " + system);
        why.press("Enter");
        assertThat(page.getByText("Added a silence until")).isVisible();
        Locator silenceRow = page.locator("tr", new Page.LocatorOptions().setHasText("model rollout " + system));
        assertThat(silenceRow).containsText("systems " + system);
        assertThat(silenceRow).containsText("admin");
        assertThat(silenceRow).containsText("yes");
        await(
                "/api/alerting/silences?active=true",
                silences -> silences.toString().contains("model rollout " + system));
        screenshot("alerting");

        // expired from its row: no longer in force, and who ended it is shown
        silenceRow.getByRole(AriaRole.BUTTON).click();
        assertThat(page.getByText("Expired the silence")).isVisible();
        assertThat(silenceRow).containsText("expired by admin");
        await(
                "/api/alerting/silences?active=false",
                silences -> silences.toString().contains("model rollout " + system));

        routeRow.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Delete route " + route))
                .click();
        assertThat(page.getByText("Deleted route " + route)).isVisible();
        assertThat(routeRow).hasCount(0);
    }

    /**
     * Stores a copy of {@code from}'s event {@code sequence} as the same event of {@code to}, its payload's fields
     * replaced, straight into the event store: as a faulty earlier release could have left it (see ParkedEventsIT).
     */
    private void storeCopy(SystemId from, String to, long sequence, Map<String, String> fields) throws Exception {
        byte[] stored = jdbc.sql("SELECT payload FROM domainevententry WHERE aggregateidentifier = ?"
                        + " AND sequencenumber = ?")
                .param(from.value())
                .param(sequence)
                .query(byte[].class)
                .single();
        ObjectNode payload = (ObjectNode) mapper.readTree(stored);
        fields.forEach(payload::put);
        jdbc.sql("""
                        INSERT INTO domainevententry (aggregateidentifier, sequencenumber, type, eventidentifier,
                          metadata, payload, payloadrevision, payloadtype, timestamp)
                        SELECT ?, sequencenumber, type, ?, metadata, ?, payloadrevision, payloadtype, timestamp
                        FROM domainevententry WHERE aggregateidentifier = ? AND sequencenumber = ?""")
                .param(to)
                .param(UUID.randomUUID().toString())
                .param(mapper.writeValueAsBytes(payload))
                .param(from.value())
                .param(sequence)
                .update();
    }

    @Test
    void anAdminFollowsTheBoardsNoticeToAParkedEventEvictsItAndRetriesTheEventBehindIt() throws Exception {
        SystemId template = register("LANGUAGE_MODEL");
        post("operator", "/api/systems/" + template + "/deploy", "{}", HttpStatus.NO_CONTENT);
        await(
                "/api/systems/" + template,
                system -> system.path("lifecycle").asText().equals("DEPLOYED"));
        signIn("admin");
        assertThat(page.getByText("● live")).isVisible();
        Locator notice = page.locator("[data-parked]");
        String poisoned = "web-parked-" + UUID.randomUUID().toString().substring(0, 6);
        assertThat(notice.filter(new Locator.FilterOptions().setHasText(poisoned)))
                .hasCount(0);

        // a registration whose name PostgreSQL's text columns refuse, and the deployment behind it: the fleet parks
        // both
        storeCopy(template, poisoned, 0, Map.of("systemId", poisoned, "name", "Poisoned\u0000name"));
        storeCopy(template, poisoned, 1, Map.of("systemId", poisoned));

        // the board open before it happened raises the notice by itself
        assertThat(notice.locator("[data-parked-systems]"))
                .containsText(poisoned, new LocatorAssertions.ContainsTextOptions().setTimeout(30_000));
        assertThat(notice).containsText("fleet");
        notice.getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("See the parked events"))
                .click();

        Page.GetByRoleOptions parkedEvents =
                new Page.GetByRoleOptions().setName("Parked events").setExact(true);
        assertThat(page.getByRole(AriaRole.HEADING, parkedEvents)).isVisible();
        assertThat(page.getByRole(AriaRole.LINK, parkedEvents)).hasAttribute("aria-current", "page");
        Locator rows = page.locator("tr[data-read-model='fleet'][data-system='" + poisoned + "']");
        assertThat(rows).hasCount(2);
        assertThat(rows.nth(0).locator("[data-event-type]")).containsText("SystemRegistered");
        assertThat(rows.nth(0).locator("[data-cause]")).containsText("0x00");
        assertThat(rows.nth(1).locator("[data-event-type]")).containsText("LifecycleChanged");
        assertThat(rows.nth(1).locator("[data-event-type]")).containsText("waits behind 1 event");

        // tried again before anything is fixed, it fails again
        Locator.GetByRoleOptions retry = new Locator.GetByRoleOptions().setName("Retry " + poisoned + " in fleet");
        rows.nth(0).getByRole(AriaRole.BUTTON, retry).click();
        Locator result = page.locator("[data-parked-result]");
        assertThat(result).containsText("it failed again and stays parked");
        assertThat(rows).hasCount(2);

        // the registration can never be applied: evicted, once the admin has read what that means
        rows.nth(0)
                .getByRole(
                        AriaRole.BUTTON,
                        new Locator.GetByRoleOptions()
                                .setName("Evict SystemRegistered (sequence 0) of " + poisoned + " from fleet"))
                .click();
        Locator confirmation = page.getByRole(AriaRole.ALERTDIALOG);
        assertThat(confirmation).containsText("The fleet read model will never show this event");
        assertThat(confirmation).containsText("The event parked behind it stays parked until it is retried.");
        screenshot("parked-events");
        confirmation
                .getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Evict for good"))
                .click();
        assertThat(result).containsText("fleet will never show it");
        assertThat(rows).hasCount(1);
        assertThat(rows.nth(0).locator("[data-event-type]")).containsText("failed first");

        // the deployment behind it now applies
        rows.nth(0).getByRole(AriaRole.BUTTON, retry).click();
        assertThat(result).containsText("its parked events were applied");
        assertThat(rows).hasCount(0);

        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Live board"))
                .click();
        assertThat(page.getByText("● live")).isVisible();
        assertThat(card(template)).isVisible();
        // the board's count of parked events is refreshed every 5 s, then pushed
        assertThat(notice.filter(new Locator.FilterOptions().setHasText(poisoned)))
                .hasCount(0, new LocatorAssertions.HasCountOptions().setTimeout(30_000));

        // other roles are not offered the page
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign out"))
                .click();
        signIn("operator");
        assertThat(page.getByRole(AriaRole.LINK, parkedEvents)).hasCount(0);
    }
}
