package org.swisscheese.tracker.command;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
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
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

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
        return provider.getCacheManager(URI.create("tracker-aggregates-" + UUID.randomUUID()),
                WriteSideConfiguration.class.getClassLoader());
    }

    @Bean
    Cache aiSystemCache(CacheManager aiSystemCacheManager, WriteSideProperties properties) {
        CaffeineConfiguration<Object, Object> configuration = new CaffeineConfiguration<>();
        configuration.setStoreByValue(false);
        configuration.setMaximumSize(OptionalLong.of(properties.cacheSize()));
        return new JCacheAdapter(aiSystemCacheManager.createCache("ai-systems", configuration));
    }

    @Bean
    SnapshotTriggerDefinition aiSystemSnapshotTrigger(Snapshotter snapshotter, WriteSideProperties properties) {
        return new EventCountSnapshotTriggerDefinition(snapshotter, properties.snapshotThreshold());
    }

    /**
     * One Jackson mapper for everything Axon stores: events, snapshots, tokens, deadlines. It tolerates unknown
     * properties, so that an old reader survives a newer, compatible event revision. Default visibility: Axon's own
     * types (tokens, scope descriptors) rely on it; the aggregate declares field access for its snapshots itself.
     */
    static ObjectMapper storageMapper() {
        return new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    @Bean
    @Primary
    Serializer serializer() {
        return JacksonSerializer.builder().objectMapper(storageMapper()).build();
    }

    @Bean
    @Qualifier("eventSerializer")
    Serializer eventSerializer() {
        return JacksonSerializer.builder().objectMapper(storageMapper()).build();
    }

    @Bean
    @Qualifier("messageSerializer")
    Serializer messageSerializer() {
        return JacksonSerializer.builder().objectMapper(storageMapper()).build();
    }
}
