package org.swisscheese.tracker.command;

import com.github.benmanes.caffeine.jcache.configuration.CaffeineConfiguration;
import com.github.benmanes.caffeine.jcache.spi.CaffeineCachingProvider;
import java.net.URI;
import java.util.OptionalLong;
import java.util.UUID;
import javax.cache.CacheManager;
import javax.cache.Caching;
import javax.cache.spi.CachingProvider;
import org.axonframework.common.caching.Cache;
import org.axonframework.common.caching.JCacheAdapter;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventsourcing.NoSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.snapshotting.RevisionSnapshotFilter;
import org.axonframework.eventsourcing.snapshotting.SnapshotFilter;
import org.axonframework.serialization.Revision;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.core.env.Environment;
import org.springframework.transaction.PlatformTransactionManager;
import org.swisscheese.tracker.api.LegacyUpcasters;

/** How the system aggregates are stored, cached and snapshotted. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(WriteSideProperties.class)
public class WriteSideConfiguration {

    /**
     * A strong, bounded cache: a weak-reference cache lets the GC drop aggregates and each command then replays
     * the stream (measured 3-6x slower on this kind of machine). Store by reference, never by value.
     */
    @Bean(destroyMethod = "close")
    CacheManager aiSystemCacheManager() {
        // one manager per application context: the provider's default manager is shared by the whole JVM
        CachingProvider provider = Caching.getCachingProvider(CaffeineCachingProvider.class.getName());
        return provider.getCacheManager(
                URI.create("tracker-aggregates-" + UUID.randomUUID()), WriteSideConfiguration.class.getClassLoader());
    }

    @Bean
    Cache aiSystemCache(CacheManager aiSystemCacheManager, WriteSideProperties properties) {
        CaffeineConfiguration<Object, Object> configuration = new CaffeineConfiguration<>();
        configuration.setStoreByValue(false);
        configuration.setMaximumSize(OptionalLong.of(properties.cacheSize()));
        return new JCacheAdapter(aiSystemCacheManager.createCache("ai-systems", configuration));
    }

    /**
     * Snapshots of an earlier shape of the aggregate are ignored (the system is rebuilt from its events, and snapshotted
     * anew when they next pass a multiple of the threshold): the aggregate's {@code @Revision} changes whenever its
     * fields do.
     */
    @Bean
    SnapshotFilter aiSystemSnapshotFilter() {
        return RevisionSnapshotFilter.builder()
                .type(AiSystem.class)
                .revision(AiSystem.class.getAnnotation(Revision.class).value())
                .build();
    }

    /** Each system's lock, held from before its aggregate is loaded until its change is committed. */
    @Bean
    static SystemLocks systemLocks() {
        return new SystemLocks();
    }

    @Bean
    static BeanPostProcessor systemLocksOnCommandsAndDeadlines(SystemLocks systemLocks) {
        return SystemLocks.installer(systemLocks);
    }

    /** Events stored by earlier releases, read in today's shape. */
    @Bean
    EventUpcaster legacyAssessments() {
        return LegacyUpcasters.assessmentV1ToV2();
    }

    /** Snapshots are taken by {@link LiveSnapshots}, from the system a command has just changed, not by Axon's trigger. */
    @Bean
    SnapshotTriggerDefinition aiSystemSnapshotTrigger() {
        return NoSnapshotTriggerDefinition.INSTANCE;
    }

    @Bean
    static LiveSnapshots liveSnapshots(ObjectProvider<EventStore> eventStore, Environment environment) {
        // a static bean, made before the aggregate's handlers are inspected: its properties are bound here
        WriteSideProperties properties =
                Binder.get(environment).bindOrCreate("tracker.write-side", WriteSideProperties.class);
        return new LiveSnapshots(eventStore::getObject, properties.snapshotThreshold());
    }

    /**
     * Axon's units of work run in the database transaction of Spring's transaction manager: a projection's writes and
     * its processor's token, an aggregate's events and its deadlines commit together or not at all. Declared here, not
     * left to Axon's auto-configuration: that one is ordered after Boot's JDBC transaction auto-configuration by class
     * name, a name Boot 4 moved, and without the ordering it may find no transaction manager yet and fall back to
     * {@code NoTransactionManager} without a word (after a crash an event was then applied twice). DurableStorageIT
     * checks the beans in use.
     */
    @Bean
    TransactionManager axonTransactionManager(PlatformTransactionManager transactionManager) {
        return new SpringTransactionManager(transactionManager);
    }

    @Bean
    @Primary
    Serializer serializer() {
        return StorageFormat.serializer();
    }

    @Bean
    @Qualifier("eventSerializer")
    Serializer eventSerializer() {
        return StorageFormat.serializer();
    }

    @Bean
    @Qualifier("messageSerializer")
    Serializer messageSerializer() {
        return StorageFormat.serializer();
    }
}
