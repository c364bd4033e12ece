#!/usr/bin/env bash
# Prints an env file for docker-compose with fresh random passwords, a new P-256 session-signing key pair and a
# revalidation secret:  deploy/make-env.sh > deploy/.env   (keep it out of version control; .gitignore does).
set -euo pipefail
rand() { openssl rand -hex 24; }
key=$(openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 2>/dev/null | openssl pkcs8 -topk8 -nocrypt)
pub=$(printf '%s\n' "$key" | openssl pkey -pubout)
cat <<ENV
PUBLIC_URL=http://localhost:8080
POSTGRES_PASSWORD=$(rand)
AUTH_DB_PASSWORD=$(rand)
CONTENT_DB_PASSWORD=$(rand)
REDIS_PASSWORD=$(rand)
REVALIDATE_SECRET=$(rand)
DRAFT_SECRET=$(rand)
SIGNING_PRIVATE_KEY="$key"
SIGNING_PUBLIC_KEY="$pub"
# Your mail provider's SMTP server (verification and password reset mails):
MAIL_HOST=smtp.example.com
MAIL_PORT=587
MAIL_USERNAME=
MAIL_PASSWORD=
MAIL_FROM=Frontdoor <no-reply@example.com>
ENV
