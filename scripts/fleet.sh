#!/usr/bin/env bash
# Writes a fleet of stack files, generated from the bundled example's, into DIR: the example itself
# (its fabrics, sites, project and environments) plus SITES sites on the example's `dev` fabric, each
# with PROJECTS projects (copies of acme.analytics) of ENVIRONMENTS activated environments each
# (main -> prod, a release tag -> staging, feature branches -> dev). Run `meltanodata preview --root DIR`
# on it. Usage: scripts/fleet.sh DIR SITES [PROJECTS=3] [ENVIRONMENTS=4]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dir="$1"; sites="$2"; projects="${3:-3}"; environments="${4:-4}"
[ "$environments" -ge 1 ] && [ "$environments" -le 8 ] || { echo "fleet.sh: ENVIRONMENTS must be 1..8" >&2; exit 64; }
rm -rf "$dir"; mkdir -p "$dir/deployments"
ln -s "$root/examples" "$dir/examples"
for layer in "$root"/deployments/0*/; do
  name=$(basename "$layer"); mkdir -p "$dir/deployments/$name"
  cp "$layer"Pulumi*.yaml "$dir/deployments/$name/"
done
d="$dir/deployments"
site_file="$root/deployments/02_site_instances/Pulumi.acme.yaml"
project_file="$root/deployments/03_projects/Pulumi.acme.analytics.yaml"
prod="$root/deployments/04_environments/Pulumi.acme.analytics.prod.main.yaml"
feature="$root/deployments/04_environments/Pulumi.acme.analytics.dev.feature-login-78f299f7.yaml"
for s in $(seq 1 "$sites"); do
  site=$(printf 'site%03d' "$s")
  sed "s/acme/$site/g" "$site_file" >"$d/02_site_instances/Pulumi.$site.yaml"
  for p in $(seq 1 "$projects"); do
    project="p$p"
    sed -e "s#siteStack: organization/meltanodata-site-instance/acme#siteStack: organization/meltanodata-site-instance/$site#" \
        -e "s#repository: acme/analytics#repository: $site/$project#" "$project_file" \
        >"$d/03_projects/Pulumi.$site.$project.yaml"
    stack="projectStack: organization/meltanodata-hosted-project/$site.$project"
    envs="$d/04_environments/Pulumi.$site.$project"
    for e in $(seq 1 "$environments"); do
      case $e in
        1) sed "s#projectStack: .*#$stack#" "$prod" >"$envs.prod.main.yaml" ;;
        2) sed "s#projectStack: .*#$stack#" "$feature" >"$envs.dev.feature-login.yaml" ;;
        3) sed -e "s#projectStack: .*#$stack#" -e "s#ref: refs/heads/main#ref: refs/tags/v1.0#" \
               -e "s#environment: prod#environment: staging#" \
               -e "s#schedules: .*#schedules: [postgres-nightly, transform-weekdays]#" -e "/services:/d" \
               "$prod" >"$envs.staging.tag-v1.0.yaml" ;;
        *) sed -e "s#projectStack: .*#$stack#" -e "s#ref: refs/heads/feature/login#ref: refs/heads/feature/f$e#" \
               "$feature" >"$envs.dev.feature-f$e.yaml" ;;
      esac
    done
  done
done
find "$d" -name 'Pulumi.*.yaml' | wc -l
