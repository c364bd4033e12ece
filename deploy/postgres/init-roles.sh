#!/bin/bash
# Run once by the postgres image on an empty volume: one login role per service, each owning only its schema
# (Flyway creates the tables at service start), and nobody may create in `public`. Passwords come from the env.
set -euo pipefail
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
  -v auth_password="$AUTH_DB_PASSWORD" -v content_password="$CONTENT_DB_PASSWORD" <<'SQL'
CREATE ROLE frontdoor_auth LOGIN PASSWORD :'auth_password';
CREATE ROLE frontdoor_content LOGIN PASSWORD :'content_password';
GRANT CONNECT, CREATE ON DATABASE frontdoor TO frontdoor_auth, frontdoor_content;
CREATE SCHEMA auth AUTHORIZATION frontdoor_auth;
CREATE SCHEMA content AUTHORIZATION frontdoor_content;
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
SQL
