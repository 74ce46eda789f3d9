package io.tandem.command.identity;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.tandem.api.Rejection;
import io.tandem.api.RejectedException;
import org.springframework.http.MediaType;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import org.springframework.web.client.RestClientResponseException;

/**
 * Kakao's REST login: the authorization code is exchanged at {@code /oauth/token}, and the user is read from
 * {@code /v2/user/me}. Kakao's answers are snake_case; {@link JsonProperty} keeps them independent of our own
 * naming settings.
 */
@Component
class KakaoClient {

    private final KakaoProperties properties;
    private final RestClient auth;
    private final RestClient api;

    KakaoClient(KakaoProperties properties, RestClient.Builder builder) {
        this.properties = properties;
        SimpleClientHttpRequestFactory requestFactory = new SimpleClientHttpRequestFactory();
        requestFactory.setConnectTimeout(properties.timeout());
        requestFactory.setReadTimeout(properties.timeout());
        this.auth = builder.clone().requestFactory(requestFactory).baseUrl(properties.authBaseUrl()).build();
        this.api = builder.clone().requestFactory(requestFactory).baseUrl(properties.apiBaseUrl()).build();
    }

    KakaoUser userFor(String code, String redirectUri) {
        if (properties.clientId() == null || properties.clientId().isBlank()) {
            throw new RejectedException(Rejection.invalid("kakao_not_configured",
                                                          "Kakao sign-in is not configured on this server."));
        }
        MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        form.add("grant_type", "authorization_code");
        form.add("client_id", properties.clientId());
        form.add("redirect_uri", redirectUri);
        form.add("code", code);
        if (properties.clientSecret() != null && !properties.clientSecret().isBlank()) {
            form.add("client_secret", properties.clientSecret());
        }
        try {
            TokenResponse token = auth.post().uri("/oauth/token")
                                      .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                                      .body(form)
                                      .retrieve()
                                      .body(TokenResponse.class);
            if (token == null || token.accessToken() == null) {
                throw kakaoRefused();
            }
            KakaoUser user = api.get().uri("/v2/user/me")
                                .header("Authorization", "Bearer " + token.accessToken())
                                .retrieve()
                                .body(KakaoUser.class);
            if (user == null || user.id() == null) {
                throw kakaoRefused();
            }
            return user;
        } catch (RestClientResponseException e) {
            if (e.getStatusCode().is4xxClientError()) {
                throw kakaoRefused();
            }
            throw kakaoUnavailable(e);
        } catch (RestClientException e) {
            throw kakaoUnavailable(e);
        }
    }

    private static RejectedException kakaoRefused() {
        return new RejectedException(Rejection.unauthorized(
                "kakao_code_rejected", "Kakao did not accept the authorization code or redirect_uri."));
    }

    private static IllegalStateException kakaoUnavailable(Exception cause) {
        return new IllegalStateException("Kakao could not be reached", cause);
    }

    record TokenResponse(@JsonProperty("access_token") String accessToken,
                         @JsonProperty("token_type") String tokenType) {
    }

    record KakaoUser(@JsonProperty("id") Long id,
                     @JsonProperty("kakao_account") KakaoAccount account) {

        String email() {
            return account != null && account.email() != null && Boolean.TRUE.equals(account.emailValid())
                    ? AuthController.normalize(account.email()) : null;
        }

        boolean emailVerified() {
            return email() != null && Boolean.TRUE.equals(account.emailVerified());
        }

        String nickname() {
            return account != null && account.profile() != null && account.profile().nickname() != null
                    ? account.profile().nickname() : "Kakao user";
        }

        String profileImageUrl() {
            return account != null && account.profile() != null ? account.profile().profileImageUrl() : null;
        }
    }

    record KakaoAccount(@JsonProperty("email") String email,
                        @JsonProperty("is_email_valid") Boolean emailValid,
                        @JsonProperty("is_email_verified") Boolean emailVerified,
                        @JsonProperty("profile") KakaoProfile profile) {
    }

    record KakaoProfile(@JsonProperty("nickname") String nickname,
                        @JsonProperty("profile_image_url") String profileImageUrl) {
    }
}
