package io.bizmaster.routes;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import org.apache.camel.Component;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;

/**
 * Checks the route files Camel is about to load ({@code camel.main.routes-include-pattern}, less the exclude pattern)
 * once every bean is defined and before any is made: a broken file stops start-up with the report before the broker
 * starts or a store connects, instead of a stack trace from Camel's loader halfway through. Bean references are
 * checked against the application's beans.
 */
class RouteFilesStartupCheck implements BeanFactoryPostProcessor, Ordered {

    private static final Logger LOG = LoggerFactory.getLogger(RouteFilesStartupCheck.class);
    /** Camel's own default, for an application that does not set the pattern. */
    private static final String CAMEL_DEFAULT = "classpath:camel/*,classpath:camel-template/*,classpath:camel-rest/*";

    private final Environment environment;

    RouteFilesStartupCheck(Environment environment) {
        this.environment = environment;
    }

    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory beans) {
        Binder binder = Binder.get(environment);
        String include = binder.bind("camel.main.routes-include-pattern", String.class).orElse(CAMEL_DEFAULT);
        String exclude = binder.bind("camel.main.routes-exclude-pattern", String.class).orElse("");
        ClassLoader loader = beans.getBeanClassLoader() != null ? beans.getBeanClassLoader()
                : Thread.currentThread().getContextClassLoader();
        List<RouteSource> sources;
        try {
            sources = RouteSource.matching(include, exclude, Path.of(""), loader);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the route files of " + include + ": " + e.getMessage(), e);
        }
        RouteReport report = new RouteFiles(loader).check(include, sources, new ApplicationBeans(beans));
        if (!report.ok()) {
            throw new InvalidRouteFilesException(report);
        }
        LOG.info("Route files checked: {}", String.join(", ", report.files()));
    }

    /** After the post-processors that define beans: every bean a route may name is known by then. */
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }

    /** The application's beans, as Camel sees them when it looks a name up. */
    private record ApplicationBeans(ConfigurableListableBeanFactory beans) implements RouteEnvironment {

        @Override
        public boolean hasBean(String name) {
            return beans.containsBean(name);
        }

        @Override
        public boolean hasComponentBean(String scheme) {
            if (!beans.containsBean(scheme)) {
                return false;
            }
            Class<?> type = beans.getType(scheme, false);
            return type != null && Component.class.isAssignableFrom(type);
        }

        @Override
        public Collection<String> beanNames() {
            return List.of(beans.getBeanDefinitionNames());
        }
    }
}
