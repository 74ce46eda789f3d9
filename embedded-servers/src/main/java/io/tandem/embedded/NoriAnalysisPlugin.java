package io.tandem.embedded;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.ko.KoreanAnalyzer;
import org.apache.lucene.analysis.ko.KoreanPartOfSpeechStopFilter;
import org.apache.lucene.analysis.ko.KoreanReadingFormFilter;
import org.apache.lucene.analysis.ko.KoreanTokenizer;
import org.apache.lucene.analysis.ko.KoreanTokenizer.DecompoundMode;
import org.apache.lucene.analysis.ko.POS;
import org.apache.lucene.analysis.ko.dict.UserDictionary;
import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.index.analysis.AbstractIndexAnalyzerProvider;
import org.elasticsearch.index.analysis.AnalyzerProvider;
import org.elasticsearch.index.analysis.TokenFilterFactory;
import org.elasticsearch.index.analysis.TokenizerFactory;
import org.elasticsearch.indices.analysis.AnalysisModule.AnalysisProvider;
import org.elasticsearch.plugins.AnalysisPlugin;
import org.elasticsearch.plugins.Plugin;

/**
 * Korean analysis with Lucene's nori under the names of Elasticsearch's {@code analysis-nori} plugin, which is not
 * published to Maven Central: the {@code nori_tokenizer} tokenizer ({@code decompound_mode},
 * {@code discard_punctuation}, {@code user_dictionary_rules}), the {@code nori_part_of_speech} ({@code stoptags}) and
 * {@code nori_readingform} token filters, and the {@code nori} analyzer. Public only because Elasticsearch
 * instantiates plugins reflectively.
 */
public class NoriAnalysisPlugin extends Plugin implements AnalysisPlugin {

    @Override
    public Map<String, AnalysisProvider<TokenizerFactory>> getTokenizers() {
        return Map.of("nori_tokenizer", (indexSettings, environment, name, settings) -> {
            UserDictionary userDictionary = userDictionary(settings);
            DecompoundMode mode = decompoundMode(settings);
            boolean discardPunctuation = settings.getAsBoolean("discard_punctuation", true);
            return TokenizerFactory.newFactory(name, () -> new KoreanTokenizer(
                    TokenStream.DEFAULT_TOKEN_ATTRIBUTE_FACTORY, userDictionary, mode, false, discardPunctuation));
        });
    }

    @Override
    public Map<String, AnalysisProvider<TokenFilterFactory>> getTokenFilters() {
        return Map.of(
                "nori_part_of_speech", (indexSettings, environment, name, settings) -> {
                    Set<POS.Tag> stopTags = stopTags(settings);
                    return filter(name, input -> new KoreanPartOfSpeechStopFilter(input, stopTags));
                },
                "nori_readingform",
                (indexSettings, environment, name, settings) -> filter(name, KoreanReadingFormFilter::new));
    }

    @Override
    public Map<String, AnalysisProvider<AnalyzerProvider<? extends Analyzer>>> getAnalyzers() {
        return Map.of("nori", (indexSettings, environment, name, settings) -> {
            KoreanAnalyzer analyzer = new KoreanAnalyzer(userDictionary(settings), decompoundMode(settings),
                    stopTags(settings), settings.getAsBoolean("discard_punctuation", true));
            return new AbstractIndexAnalyzerProvider<KoreanAnalyzer>(name, settings) {
                @Override
                public KoreanAnalyzer get() {
                    return analyzer;
                }
            };
        });
    }

    private static DecompoundMode decompoundMode(Settings settings) {
        return DecompoundMode.valueOf(settings.get("decompound_mode", "discard").toUpperCase(Locale.ROOT));
    }

    private static UserDictionary userDictionary(Settings settings) {
        List<String> rules = settings.getAsList("user_dictionary_rules");
        if (rules.isEmpty()) {
            return null;
        }
        try {
            return UserDictionary.open(new StringReader(String.join("\n", rules)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Set<POS.Tag> stopTags(Settings settings) {
        List<String> tags = settings.getAsList("stoptags");
        return tags.isEmpty()
                ? KoreanPartOfSpeechStopFilter.DEFAULT_STOP_TAGS
                : tags.stream().map(POS::resolveTag).collect(Collectors.toUnmodifiableSet());
    }

    private static TokenFilterFactory filter(String name, UnaryOperator<TokenStream> filter) {
        return new TokenFilterFactory() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public TokenStream create(TokenStream tokenStream) {
                return filter.apply(tokenStream);
            }
        };
    }
}
