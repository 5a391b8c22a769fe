package io.bizmaster.broker;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.security.auth.login.AppConfigurationEntry;
import org.apache.activemq.artemis.core.config.impl.SecurityConfiguration;
import org.apache.activemq.artemis.spi.core.security.jaas.PropertiesLoginModule;

/**
 * The embedded broker's JAAS logins: Artemis' own PropertiesLoginModule over users/roles files, exactly what a
 * standalone Artemis runs from its {@code etc/login.config}, so the files in {@code artemis/} mean the same in both.
 * Several pairs of files are tried in turn (the shared ones, then the user BizMaster generated for itself); the first
 * that knows the user decides.
 */
final class BrokerLogins extends SecurityConfiguration {

    /** One users file and its roles file. */
    record Files(Path users, Path roles) {
    }

    private final AppConfigurationEntry[] entries;

    BrokerLogins(List<Files> files) {
        this.entries = files.stream().map(f -> new AppConfigurationEntry(PropertiesLoginModule.class.getName(),
                AppConfigurationEntry.LoginModuleControlFlag.SUFFICIENT, Map.of(
                        // The loader resolves the file names against baseDir, even absolute ones.
                        "baseDir", f.users().toAbsolutePath().getParent().toString(),
                        PropertiesLoginModule.USER_FILE_PROP_NAME, f.users().getFileName().toString(),
                        PropertiesLoginModule.ROLE_FILE_PROP_NAME, f.roles().getFileName().toString(),
                        // An edited users file takes effect without a restart, as on a standalone broker.
                        "reload", "true")))
                .toArray(AppConfigurationEntry[]::new);
    }

    @Override
    public AppConfigurationEntry[] getAppConfigurationEntry(String name) {
        return entries.clone();
    }
}
