package org.swisscheese.tracker.projection.alerting;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.swisscheese.tracker.api.AlertKind;
import org.swisscheese.tracker.api.AlertMatchers;
import org.swisscheese.tracker.domain.Outcome;
import org.swisscheese.tracker.domain.Severity;
import org.swisscheese.tracker.projection.alerting.AlertRules.Silence;

/** Matching, silences, inhibition and flapping, by hand-worked tables. */
class AlertRulesTest {

    private static final Instant T0 = Instant.parse("2026-11-28T10:00:00Z");

    private static Alert alert(String system, AlertKind kind, Outcome outcome, Severity severity) {
        String incident = kind == AlertKind.CLASS_CHANGED ? null : system + ".1";
        return new Alert(
                Alert.key(system, incident, kind, null), system, incident, kind, null, outcome, severity, T0, "e", "s");
    }

    private static <T> List<T> list(String values, java.util.function.Function<String, T> parse) {
        return values == null || values.isBlank()
                ? List.of()
                : Arrays.stream(values.split(" ")).map(parse).toList();
    }

    private static AlertMatchers matchers(String systems, String outcomes, String severities, String kinds) {
        return new AlertMatchers(
                list(systems, s -> s),
                list(outcomes, Outcome::valueOf),
                list(severities, Severity::valueOf),
                list(kinds, AlertKind::parse));
    }

    /** Matchers (space-separated; empty = any) against one alert: llm, FULL_FAILURE, SEV2, full-failure. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "nothing asked: matches         |            |                      |           |                             | true",
                "its system                     | llm        |                      |           |                             | true",
                "another system                 | vision     |                      |           |                             | false",
                "one of two systems             | vision llm |                      |           |                             | true",
                "its outcome                    |            | FULL_FAILURE         |           |                             | true",
                "a better outcome only          |            | TOP_EVENT NEAR_MISS  |           |                             | false",
                "its severity                   |            |                      | SEV1 SEV2 |                             | true",
                "another severity               |            |                      | SEV1      |                             | false",
                "its kind                       |            |                      |           | full-failure                | true",
                "another kind                   |            |                      |           | top-event incident-opened   | false",
                "all four hold                  | llm        | FULL_FAILURE         | SEV2      | full-failure                | true",
                "all but one hold               | llm        | FULL_FAILURE         | SEV3      | full-failure                | false",
            })
    void aRouteTakesAnAlertWhenEveryListItGivesHoldsTheAlertsValue(
            String what, String systems, String outcomes, String severities, String kinds, boolean matches) {
        Alert alert = alert("llm", AlertKind.FULL_FAILURE, Outcome.FULL_FAILURE, Severity.SEV2);
        assertThat(AlertRules.matches(matchers(systems, outcomes, severities, kinds), alert))
                .as(what)
                .isEqualTo(matches);
    }

    @Test
    void anAlertWithoutAValueDoesNotMatchAListOfThatValue() {
        Alert classChange = alert("llm", AlertKind.CLASS_CHANGED, null, null);
        assertThat(AlertRules.matches(matchers("llm", null, null, null), classChange))
                .isTrue();
        assertThat(AlertRules.matches(matchers(null, "FULL_FAILURE", null, null), classChange))
                .isFalse();
        Alert unrated = alert("llm", AlertKind.INCIDENT_OPENED, Outcome.UNDETERMINED, null);
        assertThat(AlertRules.matches(matchers(null, null, "SEV1", null), unrated))
                .isFalse();
    }

    /** A silence of system llm from T0+10 min to T0+70 min, looked at at T0 + the given minutes. */
    @ParameterizedTest(name = "at +{0} min, system {1}: {2}")
    @CsvSource({
        "5, llm, false",
        "10, llm, true",
        "40, llm, true",
        "69, llm, true",
        "70, llm, false",
        "40, vision, false"
    })
    void aSilenceHoldsFromItsStartUntilJustBeforeItsEndForWhatItMatches(int minutes, String system, boolean silenced) {
        Silence silence = new Silence(
                "s1",
                matchers("llm", null, null, null),
                T0.plus(Duration.ofMinutes(10)),
                T0.plus(Duration.ofMinutes(70)),
                "maintenance");
        Alert alert = alert(system, AlertKind.INCIDENT_OPENED, Outcome.UNDETERMINED, null);
        assertThat(AlertRules.silences(silence, alert, T0.plus(Duration.ofMinutes(minutes))))
                .isEqualTo(silenced);
    }

    @Test
    void aSilenceThatMatchesEverythingSilencesNothing() {
        Silence everything = new Silence("s", AlertMatchers.any(), T0, T0.plusSeconds(60), "all");
        assertThat(AlertRules.silences(
                        everything, alert("llm", AlertKind.INCIDENT_OPENED, null, null), T0.plusSeconds(1)))
                .isFalse();
    }

    /** Only a TOP_EVENT alert is inhibited, and only by its incident being a full failure. */
    @ParameterizedTest(name = "{0} while the incident is {1}: {2}")
    @CsvSource({
        "top-event, FULL_FAILURE, true",
        "top-event, TOP_EVENT, false",
        "top-event, , false",
        "full-failure, FULL_FAILURE, false",
        "incident-opened, FULL_FAILURE, false",
        "incident-escalated, FULL_FAILURE, false",
    })
    void aFullFailureInhibitsTheTopEventAlertOfItsIncident(String kind, Outcome incident, boolean inhibited) {
        Alert alert = alert("llm", AlertKind.parse(kind), Outcome.TOP_EVENT, null);
        assertThat(AlertRules.inhibited(alert, incident)).isEqualTo(inhibited);
    }

    /**
     * Flips at the given minutes after T0 (space-separated), looked at at T0+60 min with a 30-minute window and a
     * threshold of 3: flapping means more than 3 flips in (T0+30, T0+60]; a held alert is looked at again when enough
     * flips have left the window.
     */
    @ParameterizedTest(name = "flips at {0}: flapping {1}, calm at +{2} min")
    @CsvSource({
        "'', false, 60",
        "'40 45 50', false, 60",
        "'40 45 50 55', true, 70",
        "'31 40 45 50 55', true, 70",
        "'10 20 29 30 40 45 50', false, 60",
        "'35 40 45 50 55 59', true, 75",
        "'40 45 50 55 61', true, 70",
    })
    void anAlertWhoseSubjectFlipsMoreThanTheThresholdInTheWindowIsHeld(
            String flipMinutes, boolean flapping, int calmMinutes) {
        List<Instant> flips = flipMinutes.isBlank()
                ? List.of()
                : Arrays.stream(flipMinutes.split(" "))
                        .map(m -> T0.plus(Duration.ofMinutes(Integer.parseInt(m))))
                        .toList();
        Instant now = T0.plus(Duration.ofMinutes(60));
        assertThat(AlertRules.flapping(flips, now, Duration.ofMinutes(30), 3)).isEqualTo(flapping);
        assertThat(AlertRules.calmAt(flips, now, Duration.ofMinutes(30), 3))
                .isEqualTo(T0.plus(Duration.ofMinutes(calmMinutes)));
    }

    @Test
    void theAlertKeyNamesSystemSubjectKindAndQualifier() {
        assertThat(Alert.key("llm", "llm.3", AlertKind.TOP_EVENT, null)).isEqualTo("llm/llm.3/top-event");
        assertThat(Alert.key("llm", null, AlertKind.CLASS_CHANGED, "AGENTIC"))
                .isEqualTo("llm/system/class-changed/AGENTIC");
    }

    // --- still firing, repeats, resolved notifications -------------------------------------------------------------

    /** What ends each kind of alert: its incident, its action, its report, the class change. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "incident-opened          | llm.1 |          | incident/llm.1",
                "incident-escalated       | llm.1 |          | incident/llm.1",
                "top-event                | llm.1 |          | incident/llm.1",
                "full-failure             | llm.1 |          | incident/llm.1",
                "severity-changed         | llm.1 | SEV2     | incident/llm.1",
                "activity-after-shutdown  | llm.1 |          | incident/llm.1",
                "activity-after-shutdown  |       |          | ",
                "overdue-action           | llm.1 | llm.1/a2 | action/llm.1/a2",
                "serious-incident-overdue | llm.1 | DEATH    | serious-report/llm.1",
                "class-changed            |       | AGENTIC  | class/llm/AGENTIC",
            })
    void eachAlertFiresUntilWhatItIsAboutEnds(String kind, String incident, String qualifier, String condition) {
        AlertKind k = AlertKind.parse(kind);
        Alert alert = new Alert(
                Alert.key("llm", incident, k, qualifier), "llm", incident, k, qualifier, null, null, T0, "e", "s");
        assertThat(AlertRules.condition(alert)).isEqualTo(condition);
    }

    /** Sent at T0, repeated every 4 h: due from T0 + 4 h on; never if it was never sent. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "just sent                  | 2026-11-28T10:00:00Z | 2026-11-28T10:00:00Z | false",
                "one second short of 4 h    | 2026-11-28T10:00:00Z | 2026-11-28T13:59:59Z | false",
                "exactly 4 h later          | 2026-11-28T10:00:00Z | 2026-11-28T14:00:00Z | true",
                "a day later (server was down) | 2026-11-28T10:00:00Z | 2026-11-29T10:00:00Z | true",
                "never sent                 |                      | 2026-11-29T10:00:00Z | false",
            })
    void aRepeatIsDueOnceTheIntervalHasPassedSinceItWasLastSent(
            String what, Instant lastSent, Instant now, boolean due) {
        assertThat(AlertRules.repeatDue(lastSent, Duration.ofHours(4), now)).isEqualTo(due);
    }

    /** What an ended alert owes a route, by what became of its firing alert there. */
    @ParameterizedTest(name = "{0} / {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "SENT      | sends resolved | SEND",
                "SENT      | opted out      | OPTED_OUT",
                "SENT      | deleted        | DROPPED",
                "SILENCED  | sends resolved | NOT_SENT",
                "INHIBITED | sends resolved | NOT_SENT",
                "DROPPED   | deleted        | NOT_SENT",
                "PENDING   | sends resolved | WAIT",
                "HELD      | sends resolved | WAIT",
                "QUEUED    | sends resolved | WAIT",
                "FAILED    | sends resolved | WAIT",
            })
    void aResolvedNotificationIsOwedOnlyForAnAlertThatWasSent(String status, String route, String owed) {
        AlertingStore.Route r = switch (route) {
            case "deleted" -> null;
            case "opted out" -> new AlertingStore.Route("r", "r", "u", "s", AlertMatchers.any(), false, null);
            default -> new AlertingStore.Route("r", "r", "u", "s", AlertMatchers.any());
        };
        assertThat(AlertRules.resolved(status, r)).isEqualTo(AlertRules.Resolved.valueOf(owed));
    }
}
