package io.tandem.command.identity;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

@ConfigurationProperties(prefix = "tandem.kakao")
record KakaoProperties(@DefaultValue("https://kauth.kakao.com") String authBaseUrl,
                       @DefaultValue("https://kapi.kakao.com") String apiBaseUrl,
                       String clientId,
                       String clientSecret,
                       @DefaultValue("5s") Duration timeout) {
}
