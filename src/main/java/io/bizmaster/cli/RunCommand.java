package io.bizmaster.cli;

import io.bizmaster.BizMasterApplication;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.springframework.boot.SpringApplication;
import picocli.CommandLine.Command;
import picocli.CommandLine.Unmatched;

@Command(name = "run", description = {"Runs the BizMaster server: intake, stores, REST API.",
    "Any --name=value is a Spring Boot setting, e.g. --bizmaster.stores.modern.role=detached"})
public class RunCommand implements Callable<Integer> {

    @Unmatched
    List<String> settings = new ArrayList<>();

    @Override
    public Integer call() {
        SpringApplication.run(BizMasterApplication.class, settings.toArray(String[]::new));
        return BizMasterCli.KEEP_RUNNING;
    }
}
