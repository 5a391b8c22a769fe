package io.bizmaster.cli;

import io.bizmaster.home.BizMasterHome;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** {@code --home DIR}: the folder BizMaster's relative paths resolve from, for the verbs that use them. */
final class HomeOption {

    @Option(names = "--home", paramLabel = "DIR", description = "BizMaster's folder, where artemis/, commands/, "
            + "converters/, routes/, connectors/ and data/ are (default: BIZMASTER_HOME, else the current folder if it "
            + "holds artemis/broker.xml, else the folder of bizmaster.jar or its parent if one does, else the current "
            + "folder)")
    Path home;

    /** The home, absolute; a given one that is not a folder is a {@link CliProblem}. */
    Path resolve() {
        try {
            return BizMasterHome.resolve(home, System::getProperty, System::getenv, Path.of(""),
                    BizMasterHome.jarFolder(HomeOption.class));
        } catch (IllegalArgumentException e) {
            throw new CliProblem(e.getMessage());
        }
    }

    /**
     * The Spring Boot settings that make a server started here use the home: {@code bizmaster.home} (its relative
     * paths resolve from there, {@code home.HomeEnvironmentPostProcessor}) and, when it is not the current folder, an
     * {@code application.yaml} (or {@code config/application.yaml}) there, as Spring Boot reads one in the current
     * folder. They go before the operator's own settings, so that an {@code --spring.config.additional-location} of
     * theirs still wins.
     */
    static List<String> springSettings(Path home) {
        List<String> settings = new ArrayList<>();
        settings.add("--" + BizMasterHome.PROPERTY + "=" + home);
        if (!home.equals(Path.of("").toAbsolutePath().normalize())) {
            settings.add("--spring.config.additional-location=optional:file:" + home + "/,optional:file:" + home + "/config/");
        }
        return settings;
    }
}
