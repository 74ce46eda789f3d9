package io.tandem.saga.payment;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

@Configuration
@EnableConfigurationProperties(BootpayProperties.class)
class PaymentConfiguration {
}
