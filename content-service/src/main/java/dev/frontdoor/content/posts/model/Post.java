package dev.frontdoor.content.posts.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A post or page. Rows are the source of truth; caches only ever hold copies. */
@Entity
@Table(name = "posts")
public class Post {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    public String slug;
    public String title;
    public String description;

    @Column(name = "body_markdown")
    public String bodyMarkdown;

    @Column(name = "body_html")
    public String bodyHtml;

    @Column(name = "cover_url")
    public String coverUrl;

    @Column(name = "cover_width")
    public Integer coverWidth;

    @Column(name = "cover_height")
    public Integer coverHeight;

    /** A blurred preview of the cover as a data URL (from image-service), or null. */
    @Column(name = "cover_blur")
    public String coverBlur;

    @JdbcTypeCode(SqlTypes.ARRAY)
    public List<String> tags;

    public String status;

    @Column(name = "author_id")
    public UUID authorId;

    @Column(name = "published_at")
    public OffsetDateTime publishedAt;

    @Column(name = "created_at", insertable = false, updatable = false)
    public OffsetDateTime createdAt;

    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;

    @Version
    public int version;
}
