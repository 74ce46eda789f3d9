package io.tandem.query.community;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * How many comments posts have, counted from the comment rows when asked: exact whatever order posts and comments
 * were projected in, and nothing to keep in step on a re-delivered event.
 */
@Component
class CommentCounts {

    private final JdbcClient jdbc;

    CommentCounts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** By post id; a post without comments is absent. */
    Map<String, Long> of(Collection<String> postIds) {
        Map<String, Long> counts = new HashMap<>();
        if (postIds.isEmpty()) {
            return counts;
        }
        jdbc.sql("""
                 SELECT post_id, count(*) AS comments FROM community_comment
                 WHERE post_id IN (:postIds) AND NOT deleted
                 GROUP BY post_id
                 """)
            .param("postIds", postIds)
            .query(rs -> {
                counts.put(rs.getString("post_id"), rs.getLong("comments"));
            });
        return counts;
    }
}
