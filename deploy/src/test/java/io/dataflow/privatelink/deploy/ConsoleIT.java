package io.dataflow.privatelink.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import software.amazon.awssdk.services.ec2.Ec2Client;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The web console in a real browser (Debian's headless chromium) against the running local stack: a user
 * signs in with the link the stack prints, creates, has the owner accept through the EC2 simulator,
 * attaches, detaches and deletes, and watches every change arrive over the status stream without a
 * reload. Screenshots of each step are kept in {@code deploy/target/console-screenshots/}.
 */
class ConsoleIT {

    private static final Path SCREENSHOTS = LocalStackIT.ROOT.resolve("deploy/target/console-screenshots");
    /** Connections per cluster here: more than the API's first page holds, and room for every test's creates. */
    private static final int CLUSTER_LIMIT = 20;
    /** The demo Alibaba Cloud cluster (checked against the stack's env.sh): its limit is 1, to be reached at once. */
    private static final String FULL_CLUSTER = "10000000000000000002";

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    static Path dataDir;

    @RegisterExtension
    final ServiceErrorsOnFailure serviceErrors = new ServiceErrorsOnFailure(() -> dataDir);

    static StackApi api;
    static ConsoleBrowser browser;
    static String cluster;

    @BeforeAll
    static void start() throws Exception {
        api = StackApi.start(dataDir, List.of(
                "--set", "connection-service:plc.quotas.connections-per-cluster=" + CLUSTER_LIMIT,
                "--set", "connection-service:plc.quotas.cluster-limits." + FULL_CLUSTER + "=1"));
        cluster = api.env.get("PLC_AWS_CLUSTER_ID");
        browser = ConsoleBrowser.open(LocalStackIT.ROOT, dataDir.resolve("browser"), SCREENSHOTS);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
        if (api != null) {
            api.stack.close();
        }
    }

    @Test
    void anEditorCreatesAcceptsAttachesDetachesAndDeletesAndSeesEachChangeLive() throws Exception {
        browser.windowSize(1440, 900);
        openClusterPage(api.env.get("PLC_CONSOLE"));
        browser.screenshot("01-networking-page");
        // Set once: a reload would wipe it, so finding it at the end proves every change came live.
        browser.script("window.__noReload = true;"
                + "window.__states = [];"
                + "new MutationObserver(() => document.querySelectorAll('#connections tr[data-id] .state .badge').forEach(cell => {"
                + "  const seen = cell.closest('tr').dataset.id + ' ' + cell.textContent.trim();"
                + "  if (window.__states[window.__states.length - 1] !== seen) window.__states.push(seen);"
                + "})).observe(document.getElementById('connections'), {subtree: true, childList: true, characterData: true});");

        browser.click("#create-open");
        browser.visible("#create-name").sendKeys("orders-kafka");
        browser.visible("#create-service").sendKeys(api.env.get("PLC_AWS_SERVICE_NAME"));
        WebElement zones = browser.visible("#create-zones");
        browser.until(d -> zones.getText().contains(api.env.get("PLC_AWS_PLATFORM_ACCOUNT_ID")));
        assertTrue(browser.all("#create-zones .copy-row").size() >= 2, "the account id and each zone id, with copy buttons");
        browser.screenshot("02-create-dialog");
        String[] createCommands = equivalentCommands();
        assertTrue(createCommands[0].startsWith("plc plc create -c " + cluster + " --display-name orders-kafka")
                && createCommands[0].contains(api.env.get("PLC_AWS_SERVICE_NAME")), createCommands[0]);
        assertTrue(createCommands[1].startsWith("curl -s -X POST \"" + api.awsConnections() + "\"")
                && createCommands[1].contains("$PLC_TOKEN") && !createCommands[1].contains(api.env.get("PLC_TOKEN")),
                "curl with the token as a variable, never the token: " + createCommands[1]);
        browser.click("#create-submit");

        WebElement next = browser.visible("#next-step");
        String id = browser.visible("#create-progress .mono").getText();
        String endpointId = api.get(api.awsConnections() + "/" + id).path("awsEndpointService").path("endpointId").asText();
        assertTrue(next.getText().contains(endpointId), "the next step names the endpoint to accept: " + next.getText());
        assertTrue(next.getText().contains("aws ec2 accept-vpc-endpoint-connections"), next.getText());
        // the row says until when the owner may accept: the API's acceptanceDeadline
        String deadline = api.get(api.awsConnections() + "/" + id).path("acceptanceDeadline").asText();
        assertFalse(deadline.isBlank(), "a connection waiting for acceptance has a deadline");
        String note = "#connections tr[data-id='" + id + "'] .state .state-note";
        assertEquals(deadline, browser.visible(note + " time").getAttribute("datetime"));
        assertTrue(browser.visible(note).getText().startsWith("Accept by "), browser.visible(note).getText());
        browser.screenshot("03-pending-acceptance");

        try (Ec2Client owner = api.customerEc2()) {
            owner.acceptVpcEndpointConnections(r -> r.serviceId(api.env.get("PLC_AWS_SERVICE_ID")).vpcEndpointIds(endpointId));
        }
        String state = "#connections tr[data-id='" + id + "'] .state";
        browser.textIs(state + " .badge", "ACTIVE");
        browser.gone(note);
        browser.screenshot("04-active");
        @SuppressWarnings("unchecked")
        List<String> seen = (List<String>) browser.script("return window.__states;");
        List<String> ofThis = seen.stream().filter(s -> s.startsWith(id + " ")).map(s -> s.substring(id.length() + 1)).toList();
        assertEquals(List.of("CREATING", "PENDING_ACCEPTANCE", "ACTIVE"), ofThis, "the row went through each state live: " + seen);
        browser.click("dialog[open] .actions button");

        openMenu(id, "Rename");
        WebElement name = browser.visible("#rename-name");
        name.clear();
        name.sendKeys("orders-kafka-eu");
        String[] renameCommands = equivalentCommands();
        assertTrue(renameCommands[0].equals("plc plc update -c " + cluster + " --private-link-connection-id " + id
                + " --display-name orders-kafka-eu"), renameCommands[0]);
        assertTrue(renameCommands[1].startsWith("curl -s -X PATCH \"" + api.awsConnections() + "/" + id + "\""),
                renameCommands[1]);
        browser.screenshot("04b-rename");
        browser.click("#rename-submit");
        browser.textIs("#connections tr[data-id='" + id + "'] td:first-child button", "orders-kafka-eu");
        assertEquals("orders-kafka-eu", api.get(api.awsConnections() + "/" + id).path("displayName").asText());

        openMenu(id, "Attach Domains");
        browser.click("#attach-preview-button");
        String planned = browser.visible("#attach-planned-name").getText();
        assertFalse(planned.isBlank());
        assertFalse(browser.all("#attach-planned-domains li").isEmpty(), "the dry run lists the domains");
        browser.screenshot("05-attach-dry-run");
        String[] attachCommands = equivalentCommands();
        assertTrue(attachCommands[0].contains("attach-domains") && attachCommands[0].contains("--unique-name " + planned),
                attachCommands[0]);
        browser.click("#attach-submit");
        browser.visible("#details li.domain");
        browser.until(d -> { // read in one script: the dialog re-renders on each change
            List<?> badges = (List<?>) browser.script(
                    "return [...document.querySelectorAll('#details li.domain .badge')].map(b => b.textContent);");
            return !badges.isEmpty() && badges.stream().allMatch("ACTIVE"::equals);
        });
        int domains = browser.all("#details li.domain").size();
        assertTrue(browser.visible("#details").getText().contains(planned), "the attachment has the planned unique name");
        browser.screenshot("06-domains-active");
        browser.click("dialog[open] .actions button");
        browser.textIs("#connections tr[data-id='" + id + "'] .domains", String.valueOf(domains));

        // a connectivity test through the endpoint to the demo's real Kafka broker: its advertised name is under
        // the Confluent-style domain, not the managed one attached here, so that check fails and says what to set
        openMenu(id, "Test connectivity");
        WebElement port = browser.visible("#connectivity-port");
        port.clear();
        port.sendKeys(api.env.get("PLC_DEMO_KAFKA_PORT"));
        browser.click("#connectivity-kafka");
        String[] testCommands = equivalentCommands();
        assertTrue(testCommands[0].contains("test-connectivity -c " + cluster + " --private-link-connection-id " + id)
                && testCommands[0].contains("--kafka"), testCommands[0]);
        browser.click("#connectivity-run");
        browser.until(d -> "FAILED".equals(browser.script(
                "const s = document.querySelector('#connectivity-summary'); return s && s.dataset.state;")));
        assertFalse(browser.all("#connectivity-dialog tr[data-check='TCP_CONNECT'][data-status='PASS']").isEmpty(),
                "TCP reached the broker through the endpoint");
        WebElement uncovered = browser.visible("#connectivity-dialog tr[data-check='KAFKA_ADVERTISED_HOST'][data-status='FAIL']");
        assertTrue(uncovered.getText().contains("which no attached domain covers"), uncovered.getText());
        assertTrue(browser.visible("#connectivity-dialog").getText().contains("Set the broker's advertised.listeners"),
                "the failed check's advice is shown");
        browser.screenshot("06b-connectivity-test");
        assertEquals("FAILED", api.get(api.awsConnections() + "/" + id).path("connectivityTest").path("state").asText());
        browser.click("#connectivity-close");

        openMenu(id, "Detach Domains");
        browser.click("dialog[open] input[name=attachment]");
        browser.screenshot("07-detach-dialog");
        browser.click("#detach-submit");
        browser.textIs("#connections tr[data-id='" + id + "'] .domains", "0");

        openMenu(id, "Delete");
        browser.screenshot("08-delete-confirm");
        String[] deleteCommands = equivalentCommands();
        assertTrue(deleteCommands[0].contains("delete -c " + cluster + " --private-link-connection-id " + id), deleteCommands[0]);
        assertTrue(deleteCommands[1].startsWith("curl -s -X DELETE \"" + api.awsConnections() + "/" + id + "\""), deleteCommands[1]);
        browser.click("#delete-submit");
        browser.gone("#connections tr[data-id='" + id + "']");
        browser.screenshot("09-deleted");
        assertEquals(true, browser.script("return window.__noReload === true;"), "no reload happened");

        browser.windowSize(420, 860);
        browser.screenshot("10-narrow-window");
    }

    @Test
    void aRefusedCreateShowsTheApiMessageInTheDialogAndAddsNothing() throws Exception {
        // more connections than the API's first page holds, so both counts below must read every page
        for (int i = api.listAll(api.awsConnections()).size(); i <= 10; i++) {
            api.createAwsConnection("listed-" + i);
        }
        browser.windowSize(1440, 900);
        openClusterPage(api.env.get("PLC_CONSOLE"));
        int rows = browser.all("#connections tr[data-id]").size();
        int before = api.listAll(api.awsConnections()).size();
        assertEquals(before, rows, "the console lists every connection, past the API's first page");
        browser.click("#create-open");
        // A pasted name with a control character: a rule only the API checks.
        browser.script("const name = document.getElementById('create-name'); name.value = 'orders\\u0007kafka';"
                + "name.dispatchEvent(new Event('input', {bubbles: true}));");
        browser.visible("#create-service").sendKeys(api.env.get("PLC_AWS_SERVICE_NAME"));
        browser.click("#create-submit");
        WebElement error = browser.visible("dialog[open] .error");
        browser.until(d -> error.getText().contains("must not contain control characters"));
        browser.screenshot("11-refused-create");
        assertTrue(browser.present("#create-submit"), "the dialog stays open with the message");
        assertEquals(rows, browser.all("#connections tr[data-id]").size(), "no row was added");
        assertEquals(before, api.listAll(api.awsConnections()).size(), "no connection was made");
        browser.visible("#create-name").sendKeys(Keys.ESCAPE);
        browser.gone("dialog[open]");
    }

    @Test
    void theCreateDialogShowsTheClustersLimitAndUseAndSaysSoWhenTheLimitIsReached() throws Exception {
        browser.windowSize(1440, 900);
        openClusterPage(api.env.get("PLC_CONSOLE"));
        JsonNode quotaBefore = api.get(api.awsConnections() + ":getQuota");
        int usedBefore = quotaBefore.path("cluster").path("used").asInt();
        long projectLimit = quotaBefore.path("project").path("limit").asLong();
        browser.click("#create-open");
        WebElement quota = browser.visible("#create-quota");
        browser.until(d -> quota.getText().matches("\\d+ of " + CLUSTER_LIMIT
                + " connections used in this cluster \\(\\d+ of " + projectLimit + " in project demo-project\\)\\."));
        int used = Integer.parseInt(quota.getText().split(" ", 2)[0]);
        int usedAfter = api.get(api.awsConnections() + ":getQuota").path("cluster").path("used").asInt();
        // (an earlier test's deleted connection may stop counting meanwhile)
        assertTrue(used == usedBefore || used == usedAfter, "the dialog shows the API's count (" + usedBefore + ", "
                + usedAfter + "): " + quota.getText());
        assertFalse(quota.getAttribute("class").contains("full"), quota.getText());
        browser.screenshot("15-create-dialog-quota");
        browser.visible("#create-name").sendKeys(Keys.ESCAPE);
        browser.gone("dialog[open]");

        assertEquals(FULL_CLUSTER, api.env.get("PLC_ALICLOUD_CLUSTER_ID"), "the cluster given a limit of 1");
        String full = api.env.get("PLC_API") + "/v1beta1/clusters/" + FULL_CLUSTER + "/privateLinkConnections";
        if (api.get(full + ":getQuota").path("cluster").path("used").asInt() == 0) {
            HttpResponse<String> created = api.post(full, """
                    {"privateLinkConnection": {"displayName": "the-only-one", "type": "ALICLOUD_ENDPOINT_SERVICE",
                     "alicloudEndpointService": {"name": "%s"}}}""".formatted(api.env.get("PLC_ALICLOUD_SERVICE_NAME")),
                    java.util.Map.of());
            assertEquals(200, created.statusCode(), created.body());
        }
        openClusterPage(api.env.get("PLC_CONSOLE"), FULL_CLUSTER);
        int rows = api.listAll(full).size();
        // the page lists the cluster's connections (it may still be loading them when it opens)
        browser.until(d -> browser.all("#connections tr[data-id]").size() == rows);
        browser.click("#create-open");
        WebElement reached = browser.visible("#create-quota");
        browser.until(d -> reached.getText().startsWith("This cluster has reached its limit of 1 connection."));
        assertTrue(reached.getText().contains("1 of 1 connections used in this cluster"), reached.getText());
        assertTrue(reached.getText().contains("delete one you no longer need"), reached.getText());
        assertTrue(reached.getAttribute("class").contains("full"), "shown as a problem: " + reached.getAttribute("class"));
        browser.screenshot("16-create-dialog-limit-reached");
        browser.visible("#create-name").sendKeys("one-too-many");
        browser.visible("#create-service").sendKeys(api.env.get("PLC_ALICLOUD_SERVICE_NAME"));
        browser.click("#create-submit");
        WebElement error = browser.visible("dialog[open] .error");
        browser.until(d -> error.getText().startsWith("Cluster " + FULL_CLUSTER + " has reached its limit of 1 private link "
                + "connections per cluster"));
        assertEquals(rows, browser.all("#connections tr[data-id]").size(), "no row was added");
        assertEquals(rows, api.listAll(full).size(), "no connection was made");
        browser.visible("#create-name").sendKeys(Keys.ESCAPE);
        browser.gone("dialog[open]");
    }

    @Test
    void aFailedConnectionShowsItsReasonOnItsStateBadge() throws Exception {
        browser.windowSize(1440, 900);
        openClusterPage(api.env.get("PLC_CONSOLE"));
        HttpResponse<String> created = api.post(api.awsConnections(), """
                {"privateLinkConnection": {"displayName": "no-such-service", "type": "AWS_ENDPOINT_SERVICE",
                 "awsEndpointService": {"name": "com.amazonaws.vpce.us-east-1.vpce-svc-0000000000000000f"}}}""", java.util.Map.of());
        assertEquals(200, created.statusCode(), created.body());
        String id = StackApi.JSON.readTree(created.body()).path("privateLinkConnectionId").asText();
        String badge = "#connections tr[data-id='" + id + "'] .state .badge";
        browser.textIs(badge, "FAILED");
        String message = api.get(api.awsConnections() + "/" + id).path("message").asText();
        assertFalse(message.isBlank());
        assertEquals(message, browser.visible(badge).getAttribute("title"), "the failure message on hover");
        assertEquals("SERVICE_NOT_VISIBLE", api.get(api.awsConnections() + "/" + id).path("failureReason").asText());
        String note = "#connections tr[data-id='" + id + "'] .state .state-note";
        browser.textIs(note, "Service not visible to the platform account");
        assertEquals("SERVICE_NOT_VISIBLE", browser.visible(note).getAttribute("data-failure-reason"));
        browser.screenshot("14-failed-with-reason");
    }

    @Test
    void aViewerSignsInWithAPastedTokenAndSeesNoWriteAction() throws Exception {
        api.createAwsConnection("viewer-sees-me");
        Process mint = new ProcessBuilder("bash", LocalStackIT.ROOT.resolve("deploy/local/mint-token").toString(),
                "--subject", "viewer@example.com", "--project", "demo-project=viewer", "--data-dir", dataDir.toString())
                .directory(LocalStackIT.ROOT.toFile()).redirectErrorStream(true).start();
        String token = new String(mint.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertTrue(mint.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, mint.exitValue(), token);

        browser.windowSize(1440, 900);
        browser.go(api.env.get("PLC_API") + "/console/");
        browser.script("sessionStorage.clear(); location.reload();");
        browser.visible("#token").sendKeys(token);
        browser.click("#sign-in");
        browser.click("a[data-cluster='" + cluster + "']");
        browser.visible("#connections tr[data-id]");
        browser.textIs("#live", "Live");
        assertFalse(browser.present("#create-open"), "a viewer has no Create button");

        // The row menu by keyboard: Enter opens it, the arrows move, only reading actions are offered.
        WebElement menu = browser.visible("#connections tr[data-id] [data-menu-for]");
        menu.sendKeys(Keys.ENTER);
        browser.visible("[role=menu] [role=menuitem]");
        List<String> actions = browser.all("[role=menu] [role=menuitem]").stream().map(WebElement::getText).toList();
        assertEquals(List.of("Details", "History"), actions);
        browser.screenshot("12-viewer-menu");
        browser.driver.switchTo().activeElement().sendKeys(Keys.ARROW_DOWN);
        browser.driver.switchTo().activeElement().sendKeys(Keys.ENTER);
        browser.visible("#history li .badge");
        browser.screenshot("13-viewer-history");
        browser.driver.switchTo().activeElement().sendKeys(Keys.ESCAPE);
        browser.gone("dialog[open]");

        HttpResponse<String> clusters = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(api.env.get("PLC_API") + "/v1beta1/clusters")).header("Authorization", "Bearer " + token).build(),
                HttpResponse.BodyHandlers.ofString());
        assertTrue(clusters.body().contains("\"role\":\"VIEWER\""), clusters.body());
        browser.script("sessionStorage.clear();");
    }

    /** The open dialog's equivalent CLI and curl commands (read whether or not their box is expanded). */
    private static String[] equivalentCommands() {
        List<?> texts = (List<?>) browser.script("const box = document.querySelector('dialog[open] details.equivalent');"
                + "return [box.querySelector('pre.cli').textContent, box.querySelector('pre.curl').textContent];");
        return new String[] {(String) texts.get(0), (String) texts.get(1)};
    }

    /** Signs in with {@code link} and opens the demo AWS cluster's networking page, its stream live. */
    private static void openClusterPage(String link) {
        openClusterPage(link, cluster);
    }

    /** Signs in with {@code link} and opens that cluster's networking page, its stream live. */
    private static void openClusterPage(String link, String clusterId) {
        browser.go("about:blank");
        browser.go(link);
        browser.click("a[data-cluster='" + clusterId + "']");
        browser.visible("#connections");
        browser.textIs("#live", "Live");
    }

    private static void openMenu(String id, String action) {
        browser.click("[data-menu-for='" + id + "']");
        browser.until(d -> browser.all("[role=menu] [role=menuitem]").stream()
                .filter(item -> item.getText().equals(action) && item.isEnabled()).findFirst()
                .map(item -> {
                    item.click();
                    return true;
                }).orElse(false));
        browser.visible("dialog[open]");
    }
}
