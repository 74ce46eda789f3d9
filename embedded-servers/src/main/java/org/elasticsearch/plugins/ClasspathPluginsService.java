package org.elasticsearch.plugins;

import java.lang.reflect.Constructor;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.elasticsearch.Build;
import org.elasticsearch.action.admin.cluster.node.info.PluginsAndModules;
import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.plugins.spi.SPIClassIterator;

/**
 * Instantiates the given plugin classes from the application class path, as the test framework's
 * {@code MockPluginsService} does, so a node runs without a distribution's {@code plugins/} and {@code modules/}
 * directories (and so without their per-plugin class loaders and jar-hell checks). It lives in this package because
 * {@link PluginsLoader}'s constructor, {@link LoadedPlugin} and the loading helpers are package-private.
 */
public class ClasspathPluginsService extends PluginsService {

    private final List<LoadedPlugin> plugins;

    public ClasspathPluginsService(Settings settings, Path configPath,
            Collection<Class<? extends Plugin>> pluginClasses) {
        super(settings, configPath, new PluginsLoader(Set.of(), Set.of(), Map.of()));
        List<LoadedPlugin> loaded = new ArrayList<>();
        for (Class<? extends Plugin> pluginClass : pluginClasses) {
            PluginDescriptor descriptor = new PluginDescriptor(
                    pluginClass.getName(),
                    "classpath plugin",
                    "NA",
                    Build.current().version(),
                    Integer.toString(Runtime.version().feature()),
                    pluginClass.getName(),
                    null,
                    List.of(),
                    false,
                    false,
                    false,
                    false);
            Plugin plugin = loadPlugin(pluginClass, settings, configPath);
            loaded.add(new LoadedPlugin(descriptor, plugin, pluginClass.getClassLoader()));
        }
        loadExtensions(loaded);
        this.plugins = List.copyOf(loaded);
    }

    @Override
    protected List<LoadedPlugin> plugins() {
        return plugins;
    }

    @Override
    public PluginsAndModules info() {
        List<PluginRuntimeInfo> infos = plugins.stream().map(p -> new PluginRuntimeInfo(p.descriptor())).toList();
        return new PluginsAndModules(infos, List.of());
    }

    /**
     * All plugins share one class loader here, so every plugin would see every {@code META-INF/services} entry on
     * the class path (the server's own {@code FeatureSpecification}s included) and the base implementation would
     * create each provider once per plugin. Each provider class is created once, for the plugin its one-argument
     * constructor asks for, if any.
     */
    @Override
    public <T> List<? extends T> loadServiceProviders(Class<T> service) {
        Map<Class<? extends T>, T> providers = new LinkedHashMap<>();
        for (LoadedPlugin loaded : plugins) {
            SPIClassIterator<T> classes = SPIClassIterator.get(service, loaded.classLoader());
            while (classes.hasNext()) {
                Class<? extends T> providerClass = classes.next();
                if (!providers.containsKey(providerClass) && acceptsPlugin(providerClass, loaded.instance())) {
                    providers.put(providerClass, createExtension(providerClass, service, loaded.instance()));
                }
            }
        }
        return List.copyOf(providers.values());
    }

    private static boolean acceptsPlugin(Class<?> providerClass, Plugin plugin) {
        for (Constructor<?> constructor : providerClass.getConstructors()) {
            if (constructor.getParameterCount() == 1 && !constructor.getParameterTypes()[0].isInstance(plugin)) {
                return false;
            }
        }
        return true;
    }
}
