package io.tandem.api.identity;

/**
 * Where profile images live. They are public by unguessable id, so an {@code <img src>} works without a token;
 * the command side stores them and the query side serves them.
 */
public final class ProfileImages {

    private ProfileImages() {
    }

    private static final String URL_PREFIX = "/api/profile-images/";

    public static String url(String imageId) {
        return URL_PREFIX + imageId;
    }

    /** The id of our own image at {@code url}; null for no url or another site's (a Kakao profile picture). */
    public static String idIn(String url) {
        return url != null && url.startsWith(URL_PREFIX) ? url.substring(URL_PREFIX.length()) : null;
    }

    public static String storageKey(String imageId) {
        return "profile-images/" + imageId;
    }
}
