package io.bizmaster.routes;

import java.util.Collection;
import java.util.Set;

/**
 * What a route file may name beyond the Camel components on the class path and the beans declared in route files:
 * the beans (and components registered as beans) of the application. At start-up that is the application context;
 * offline, with no context to ask, the beans BizMaster's own routes use.
 */
public interface RouteEnvironment {

    /** The beans BizMaster's route files name: the intake's, the store-apply steps', the broker's connections. */
    Set<String> BIZMASTER_BEANS = Set.of("commandIntake", "logReader", "bConverter", "jmsConnectionFactory");

    boolean hasBean(String name);

    /** Whether a bean of the application is a Camel component of that name (Camel looks there before the class path). */
    boolean hasComponentBean(String scheme);

    /** The names a misspelt bean is compared with. */
    Collection<String> beanNames();

    /** With no application context: BizMaster's beans only. */
    static RouteEnvironment offline() {
        return new RouteEnvironment() {
            @Override
            public boolean hasBean(String name) {
                return BIZMASTER_BEANS.contains(name);
            }

            @Override
            public boolean hasComponentBean(String scheme) {
                return false;
            }

            @Override
            public Collection<String> beanNames() {
                return BIZMASTER_BEANS;
            }
        };
    }
}
