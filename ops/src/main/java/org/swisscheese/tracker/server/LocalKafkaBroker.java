package org.swisscheese.tracker.server;

import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.support.DefaultSingletonBeanRegistry;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * A real Kafka broker inside the server process, for the one-command local run: Kafka's own KRaft server (broker and
 * controller in one), its log formatted on first start and kept across restarts under the data directory. Started
 * before any Spring bean, stopped after every one of them (it is the first singleton registered).
 * On with {@code tracker.local-kafka.enabled=true} (the default of the local run).
 */
public class LocalKafkaBroker implements ApplicationContextInitializer<ConfigurableApplicationContext>, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(LocalKafkaBroker.class);

    private KafkaRaftServer server;

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        ConfigurableEnvironment env = context.getEnvironment();
        if (!env.getProperty("tracker.local-kafka.enabled", Boolean.class, false)) {
            return;
        }
        Path logDir = Path.of(env.getRequiredProperty("tracker.data-dir"))
                .resolve("kafka")
                .toAbsolutePath();
        int port = env.getProperty("tracker.local-kafka.port", Integer.class, 9092);
        int controllerPort = freePort();
        LocalKafkaBroker broker = new LocalKafkaBroker();
        broker.start(logDir, port, controllerPort);
        env.getPropertySources()
                .addFirst(new MapPropertySource(
                        "local-kafka", Map.of("spring.kafka.bootstrap-servers", "127.0.0.1:" + port)));
        context.getBeanFactory().registerSingleton("localKafkaBroker", broker);
        // a registered singleton is not destroyed with the context unless also registered as disposable
        if (context.getBeanFactory() instanceof DefaultSingletonBeanRegistry registry) {
            registry.registerDisposableBean("localKafkaBroker", broker);
        }
    }

    void start(Path logDir, int port, int controllerPort) {
        Properties props = new Properties();
        props.put("process.roles", "broker,controller");
        props.put("node.id", "1");
        props.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        props.put("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        props.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
        props.put("controller.listener.names", "CONTROLLER");
        props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        props.put("log.dirs", logDir.toString());
        props.put("offsets.topic.replication.factor", "1");
        props.put("transaction.state.log.replication.factor", "1");
        props.put("transaction.state.log.min.isr", "1");
        props.put("group.initial.rebalance.delay.ms", "0");
        props.put("num.partitions", "4");
        props.put("auto.create.topics.enable", "false");
        props.put("log.retention.hours", "168");
        // Kafka's default: with 2 s, a busy machine delayed the broker's heartbeat to its own controller long
        // enough to be fenced, and every partition lost its leader (NOT_LEADER_OR_FOLLOWER, "not the correct
        // coordinator") until it was let back in
        props.put("broker.session.timeout.ms", "9000");
        try {
            KafkaConfig config = new KafkaConfig(props, false);
            if (!Files.exists(logDir.resolve("meta.properties"))) {
                Files.createDirectories(logDir);
                new Formatter()
                        .setPrintStream(new PrintStream(PrintStream.nullOutputStream()))
                        .setClusterId(Uuid.randomUuid().toString())
                        .setNodeId(1)
                        .setControllerListenerName("CONTROLLER")
                        .setMetadataLogDirectory(logDir.toString())
                        .setDirectories(List.of(logDir.toString()))
                        .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
                        .run();
            }
            server = new KafkaRaftServer(config, Time.SYSTEM);
            server.startup();
            log.info("local Kafka broker (KRaft) listening on 127.0.0.1:{}, log in {}", port, logDir);
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the local Kafka broker in " + logDir, e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void destroy() {
        if (server != null) {
            server.shutdown();
            server.awaitShutdown();
        }
    }
}
