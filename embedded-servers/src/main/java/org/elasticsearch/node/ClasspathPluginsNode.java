package org.elasticsearch.node;

import java.util.Collection;
import java.util.Map;

import org.elasticsearch.cluster.service.ClusterService;
import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.env.Environment;
import org.elasticsearch.plugins.ClasspathPluginsService;
import org.elasticsearch.plugins.Plugin;
import org.elasticsearch.plugins.PluginsLoader;
import org.elasticsearch.plugins.PluginsService;

/**
 * An Elasticsearch node whose plugins are classes on the application class path instead of bundles in a
 * {@code plugins/} or {@code modules/} directory. It lives in this package because {@link NodeConstruction} and
 * {@link NodeServiceProvider}, the only way to replace the plugin loading, are package-private.
 */
public class ClasspathPluginsNode extends Node {

    public ClasspathPluginsNode(Settings settings, Collection<Class<? extends Plugin>> plugins) {
        super(NodeConstruction.prepareConstruction(
                InternalSettingsPreparer.prepareEnvironment(settings, Map.of(), null, () -> "node"),
                null,
                new NodeServiceProvider() {
                    @Override
                    PluginsService newPluginService(Environment environment, PluginsLoader pluginsLoader) {
                        return new ClasspathPluginsService(environment.settings(), environment.configDir(), plugins);
                    }
                },
                true));
    }

    /**
     * The listener would publish the node and cluster id to JVM-wide log4j pattern converters that accept a value
     * only once, so a second node in the same JVM would fail to start. Logging does not use those converters here.
     */
    @Override
    protected void configureNodeAndClusterIdStateListener(ClusterService clusterService) {
    }
}
