package io.tandem.saga.payment;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;
import java.util.List;

/**
 * Bootpay, the payment provider. {@code applicationId} and {@code privateKey} are the REST (server) credentials;
 * the private key is a secret and comes from the environment only ({@code TANDEM_BOOTPAY_PRIVATE_KEY}).
 * {@code clientApplicationId} is the id the web or app SDK opens the payment window with. With
 * {@code separatelyConfirmed} payments wait at status 2 until this server has checked them and confirms.
 * {@code allowedWebhookIps} are CIDRs (Bootpay documents 223.130.82.0/24); empty lets any source in, the receipt
 * lookup being the real check.
 */
@ConfigurationProperties(prefix = "tandem.bootpay")
record BootpayProperties(@DefaultValue("https://api.bootpay.co.kr/v2/") String baseUrl,
                         String applicationId,
                         String clientApplicationId,
                         String privateKey,
                         @DefaultValue("false") boolean separatelyConfirmed,
                         @DefaultValue List<String> allowedWebhookIps,
                         @DefaultValue("5s") Duration connectTimeout,
                         @DefaultValue("15s") Duration readTimeout) {

    boolean serverApiConfigured() {
        return applicationId != null && !applicationId.isBlank() && privateKey != null && !privateKey.isBlank();
    }
}
