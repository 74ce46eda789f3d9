package io.tandem.saga.payment;

import org.springframework.security.web.util.matcher.IpAddressMatcher;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * The addresses payment notifications may come from ({@code tandem.bootpay.allowed-webhook-ips}, CIDRs or single
 * addresses); none configured lets every source in. The address checked is the request's remote address: behind
 * a proxy it is the client's only when {@code server.forward-headers-strategy} trusts that proxy's
 * X-Forwarded-For, so a client cannot pick its own address with a header. A malformed entry stops start-up.
 */
@Component
class WebhookSources {

    private final List<IpAddressMatcher> allowed;

    WebhookSources(BootpayProperties properties) {
        this.allowed = properties.allowedWebhookIps().stream()
                                 .map(String::strip)
                                 .filter(entry -> !entry.isEmpty())
                                 .map(WebhookSources::matcher)
                                 .toList();
    }

    boolean allows(String remoteAddress) {
        if (allowed.isEmpty()) {
            return true;
        }
        if (remoteAddress == null || remoteAddress.isBlank()) {
            return false;
        }
        try {
            return allowed.stream().anyMatch(range -> range.matches(remoteAddress));
        } catch (IllegalArgumentException notAnAddress) {
            return false;
        }
    }

    private static IpAddressMatcher matcher(String entry) {
        if (!entry.matches("[0-9A-Fa-f:.]+(/\\d{1,3})?")) {
            throw new IllegalArgumentException("tandem.bootpay.allowed-webhook-ips: '" + entry
                                               + "' is not an IP address or CIDR range");
        }
        return new IpAddressMatcher(entry);
    }
}
