#!/usr/bin/env bash
# The secrets docker-compose.yml mounts, made once on the machine that runs it (never in git: secrets/ is ignored).
# Random passwords; an existing file is kept, so running it again changes nothing.
#   secrets/artemis-users.properties    artemis/artemis-users.properties plus BizMaster's broker user (plain text here:
#                                       Artemis' PropertiesLoginModule takes it; the file is readable by its owner only)
#   secrets/bizmaster-broker-password   the same password, for BizMaster (spring.artemis.password)
#   secrets/artemis-cluster.properties  clusterPassword: how the primary and the backup trust each other
#   secrets/postgres-password           PostgreSQL's postgres user (spring.datasource.password, the legacy store)
#   secrets/mariadb-password            MariaDB's bizmaster user (the modern store)
set -euo pipefail
cd "$(dirname "$0")/.."
# The folder is its owner's only; the files in it are readable, because Compose mounts each file as it is (without
# swarm it cannot change its owner) and the brokers and BizMaster run as users of their own inside their containers.
umask 077
mkdir -p secrets
chmod 700 secrets
random() { head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n'; }
keep() { [ -s "secrets/$1" ]; }

keep bizmaster-broker-password || random > secrets/bizmaster-broker-password
keep artemis-users.properties || {
  cat artemis/artemis-users.properties
  printf '\nbizmaster = %s\n' "$(cat secrets/bizmaster-broker-password)"
} > secrets/artemis-users.properties
keep artemis-cluster.properties || printf 'clusterPassword=%s\n' "$(random)" > secrets/artemis-cluster.properties
keep postgres-password || random > secrets/postgres-password
keep mariadb-password || random > secrets/mariadb-password
chmod 644 secrets/*
echo "secrets/ ready: $(ls secrets | tr '\n' ' ')"
