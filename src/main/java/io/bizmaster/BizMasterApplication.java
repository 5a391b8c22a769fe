package io.bizmaster;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The Spring Boot application behind the {@code run} and {@code demo} verbs. */
@SpringBootApplication
public class BizMasterApplication {
}
