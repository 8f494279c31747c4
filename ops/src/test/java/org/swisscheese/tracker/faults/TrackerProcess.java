package org.swisscheese.tracker.faults;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A tracker server (or the jar's standalone broker) in a JVM process of its own, started from the built jar as a user
 * would start it, so that it can be killed with SIGKILL, stopped with SIGTERM and started again on the same data.
 * Its output goes to a log file under the test's directory.
 */
final class TrackerProcess implements AutoCloseable {

    static final Path JAR = Path.of(System.getProperty("tracker.jar", "target/tracker-server.jar"));
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final List<String> arguments;
    private final Path log;
    private final int httpPort;
    private final boolean broker;
    private Process process;
    private int starts;

    private TrackerProcess(String name, List<String> arguments, Path log, int httpPort, boolean broker) {
        this.name = name;
        this.arguments = arguments;
        this.log = log;
        this.httpPort = httpPort;
        this.broker = broker;
    }

    /** A tracker server; {@code arguments} are its command-line settings. */
    static TrackerProcess server(String name, Path dir, List<String> arguments) {
        int port = freePort();
        List<String> all = new ArrayList<>(List.of(
                "--server.port=" + port,
                "--tracker.simulator.enabled=false",
                "--tracker.data-dir=" + dir.resolve(name + "-data"),
                "--logging.level.root=WARN",
                "--logging.level.org.swisscheese=INFO",
                "--logging.level.org.axonframework=WARN"));
        all.addAll(arguments);
        return new TrackerProcess(name, all, dir.resolve(name + ".log"), port, false);
    }

    /** The jar's standalone KRaft broker on {@code port}, its log under {@code dir}. */
    static TrackerProcess broker(Path dir, int port) {
        return new TrackerProcess(
                "broker",
                List.of(
                        "--tracker.mode=broker",
                        "--tracker.local-kafka.port=" + port,
                        "--tracker.data-dir=" + dir.resolve("broker-data"),
                        "--logging.level.root=WARN"),
                dir.resolve("broker.log"),
                port,
                true);
    }

    TrackerProcess start() throws IOException {
        if (!Files.isRegularFile(JAR)) {
            throw new IllegalStateException(JAR.toAbsolutePath() + " is missing: the fault suite runs the packaged "
                    + "server (mvn verify builds it before the integration tests)");
        }
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(
                java,
                "-Xmx768m",
                "-XX:+UseSerialGC",
                "-jar",
                JAR.toAbsolutePath().toString()));
        command.addAll(arguments);
        Files.createDirectories(log.getParent());
        Files.writeString(
                log,
                "---- start " + (++starts) + ": " + String.join(" ", command) + "\n",
                StandardCharsets.UTF_8,
                StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
        process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        return this;
    }

    /** Waits until the server answers ready (or the broker accepts connections); returns how long that took. */
    Duration awaitReady(Duration atMost) throws Exception {
        long began = System.nanoTime();
        long deadline = began + atMost.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + "; see " + log);
            }
            if (broker ? accepts(httpPort) : ready()) {
                return Duration.ofNanos(System.nanoTime() - began);
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException(name + " not ready within " + atMost + "; see " + log);
    }

    private boolean ready() {
        try {
            return HTTP.send(
                                    HttpRequest.newBuilder(base().resolve("/actuator/health/readiness"))
                                            .timeout(Duration.ofSeconds(2))
                                            .build(),
                                    HttpResponse.BodyHandlers.discarding())
                            .statusCode()
                    == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static boolean accepts(int port) {
        try (Socket ignored = new Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** SIGKILL: no shutdown hook runs, nothing is flushed or committed. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** SIGTERM, the way a service manager stops it; killed if it has not stopped within a minute. */
    void stop() throws InterruptedException {
        if (process == null || !process.isAlive()) {
            return;
        }
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
    }

    boolean alive() {
        return process != null && process.isAlive();
    }

    URI base() {
        return URI.create("http://127.0.0.1:" + httpPort);
    }

    Path log() {
        return log;
    }

    /** A request to this server as one of the built-in accounts (password {@code tracker}). */
    HttpResponse<String> call(String user, String method, String path, String jsonBody) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(base().resolve(path))
                .timeout(Duration.ofSeconds(30))
                .header(
                        "Authorization",
                        "Basic "
                                + Base64.getEncoder()
                                        .encodeToString((user + ":tracker").getBytes(StandardCharsets.UTF_8)));
        if (jsonBody != null) {
            request.header("Content-Type", "application/json");
        }
        request.method(
                method,
                jsonBody == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(jsonBody));
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
    }
}
