-- A tiny blurred preview of the cover (a data URL from image-service's /_image/meta), shown while the cover loads.
ALTER TABLE posts ADD COLUMN cover_blur text;
