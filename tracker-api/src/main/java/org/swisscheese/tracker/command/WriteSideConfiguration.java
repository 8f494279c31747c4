package org.swisscheese.tracker.command;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.github.benmanes.caffeine.jcache.configuration.CaffeineConfiguration;
import com.github.benmanes.caffeine.jcache.spi.CaffeineCachingProvider;
import java.util.OptionalLong;
import javax.cache.CacheManager;
import javax.cache.Caching;
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
        return Caching.getCachingProvider(CaffeineCachingProvider.class.getName()).getCacheManager();
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
     * One Jackson mapper for everything Axon stores: events, snapshots, tokens. It reads and writes fields, so that
     * an aggregate snapshot holds exactly its state, and it tolerates unknown properties, so that an old reader
     * survives a newer, compatible event revision.
     */
    static ObjectMapper storageMapper() {
        return new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .setVisibility(PropertyAccessor.ALL, JsonAutoDetect.Visibility.NONE)
                .setVisibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY)
                .setVisibility(PropertyAccessor.CREATOR, JsonAutoDetect.Visibility.ANY);
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
