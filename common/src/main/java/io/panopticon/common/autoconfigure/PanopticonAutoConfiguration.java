package io.panopticon.common.autoconfigure;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/** Settings every service shares, whatever else it uses. */
@AutoConfiguration
@EnableConfigurationProperties(PanopticonTopicsProperties.class)
public class PanopticonAutoConfiguration {

}
