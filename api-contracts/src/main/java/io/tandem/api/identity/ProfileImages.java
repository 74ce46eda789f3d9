package io.tandem.api.identity;

/**
 * Where profile images live. They are public by unguessable id, so an {@code <img src>} works without a token;
 * the command side stores them and the query side serves them.
 */
public final class ProfileImages {

    private ProfileImages() {
    }

    public static String url(String imageId) {
        return "/api/profile-images/" + imageId;
    }

    public static String storageKey(String imageId) {
        return "profile-images/" + imageId;
    }
}
