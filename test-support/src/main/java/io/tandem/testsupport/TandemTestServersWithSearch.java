package io.tandem.testsupport;

import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ConfigurableApplicationContext;

/** {@link TandemTestServers} plus the shared in-JVM Elasticsearch node, for applications that search. */
public class TandemTestServersWithSearch extends TandemTestServers {

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        super.initialize(context);
        TestPropertyValues.of("tandem.search.url=" + SharedElasticsearch.httpUrl()).applyTo(context);
    }
}
