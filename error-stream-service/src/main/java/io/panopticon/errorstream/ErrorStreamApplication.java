package io.panopticon.errorstream;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Starts the error-stream-service. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class ErrorStreamApplication {

	public static void main(String[] args) {
		SpringApplication.run(ErrorStreamApplication.class, args);
	}

}
