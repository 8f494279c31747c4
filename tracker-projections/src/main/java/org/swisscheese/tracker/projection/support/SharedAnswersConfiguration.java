package org.swisscheese.tracker.projection.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Ticker;
import java.io.IOException;
import java.time.Duration;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.HttpOutputMessage;
import org.springframework.http.MediaType;
import org.springframework.http.converter.AbstractHttpMessageConverter;
import org.springframework.http.converter.HttpMessageConverters;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.swisscheese.tracker.projection.support.SharedAnswers.Answer;

/**
 * The shared answers of the heavy reads ({@link SharedAnswers}), set by {@code tracker.read-models.answers.*}, and the
 * web layer's converter that writes an answer's JSON to each reader as it is, before Jackson would write it again.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SharedAnswersConfiguration.AnswersProperties.class)
public class SharedAnswersConfiguration implements WebMvcConfigurer {

    static {
        // the API describes what an answer holds, not the wrapper that carries its JSON
        SpringDocUtils.getConfig().addResponseWrapperToIgnore(SharedAnswers.Answer.class);
    }

    /**
     * @param freshFor how long an answer is given as it is (0: every read is worked out anew)
     * @param staleFor how old an answer may be and still be given while the next one is worked out
     * @param maxJsonBytes how much JSON the answers kept may hold in all (in bytes)
     */
    @ConfigurationProperties("tracker.read-models.answers")
    public record AnswersProperties(Duration freshFor, Duration staleFor, Long maxJsonBytes) {
        public AnswersProperties {
            freshFor = freshFor == null ? Duration.ofSeconds(1) : freshFor;
            staleFor = staleFor == null ? Duration.ofSeconds(3) : staleFor;
            maxJsonBytes = maxJsonBytes == null ? 64L << 20 : maxJsonBytes;
            if (staleFor.compareTo(freshFor) < 0) {
                throw new IllegalArgumentException("tracker.read-models.answers.stale-for (" + staleFor
                        + ") must be at least fresh-for (" + freshFor + ")");
            }
        }
    }

    @Bean
    SharedAnswers sharedAnswers(ObjectMapper mapper, AnswersProperties properties) {
        return new SharedAnswers(
                mapper, properties.freshFor(), properties.staleFor(), properties.maxJsonBytes(), Ticker.systemTicker());
    }

    @Override
    public void configureMessageConverters(HttpMessageConverters.ServerBuilder converters) {
        converters.addCustomConverter(new AnswerAsItIs());
    }

    /** Writes a shared answer's JSON bytes; reads nothing. */
    static final class AnswerAsItIs extends AbstractHttpMessageConverter<Answer<?>> {

        AnswerAsItIs() {
            super(MediaType.APPLICATION_JSON, new MediaType("application", "*+json"));
        }

        @Override
        protected boolean supports(Class<?> type) {
            return Answer.class.isAssignableFrom(type);
        }

        @Override
        public boolean canRead(Class<?> type, MediaType mediaType) {
            return false;
        }

        @Override
        protected Answer<?> readInternal(Class<? extends Answer<?>> type, HttpInputMessage input) {
            throw new UnsupportedOperationException("a shared answer is only written");
        }

        @Override
        protected Long getContentLength(Answer<?> answer, MediaType contentType) {
            return (long) answer.json().length;
        }

        @Override
        protected void writeInternal(Answer<?> answer, HttpOutputMessage output) throws IOException {
            output.getBody().write(answer.json());
        }
    }
}
