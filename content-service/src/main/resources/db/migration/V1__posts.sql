-- Posts and pages. body_html is the sanitised rendering of body_markdown, stored so reads never re-render.
CREATE TABLE posts (
    id            bigserial PRIMARY KEY,
    slug          text        NOT NULL UNIQUE,
    title         text        NOT NULL,
    description   text        NOT NULL DEFAULT '',
    body_markdown text        NOT NULL DEFAULT '',
    body_html     text        NOT NULL DEFAULT '',
    cover_url     text,
    cover_width   integer,
    cover_height  integer,
    tags          text[]      NOT NULL DEFAULT '{}',
    status        text        NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'published')),
    author_id     uuid        NOT NULL,
    published_at  timestamptz,
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now(),
    version       integer     NOT NULL DEFAULT 0
);
CREATE INDEX posts_published_idx ON posts (published_at DESC) WHERE status = 'published';
CREATE INDEX posts_author_idx ON posts (author_id);
