package io.bizmaster.cli;

import io.bizmaster.BizMasterApplication;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.springframework.boot.SpringApplication;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Unmatched;

@Command(name = "run", description = {"Runs the BizMaster server: intake, stores, REST API; what it does goes to its log.",
    "Any --name=value is a Spring Boot setting, e.g. --bizmaster.stores.modern.role=detached"})
public class RunCommand implements Callable<Integer> {

    @Mixin
    HomeOption home;

    @Unmatched
    List<String> settings = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        Path folder = home.resolve();
        List<String> args = new ArrayList<>(HomeOption.springSettings(folder));
        args.addAll(settings);
        ConnectorsFolder.with(folder, () -> SpringApplication.run(BizMasterApplication.class, args.toArray(String[]::new)));
        return BizMasterCli.KEEP_RUNNING;
    }
}
