#!/usr/bin/env bash
# Marks the images of one ref that no environment runs any more, so that the registry's lifecycle
# rule "retired-" (deployments/03_projects, ProjectRegistry) may expire them:
#   retire-images.sh <repository> <ref slug> [<digest to keep>]
# after `env up` of the ref: every other build of the ref (the environment runs the kept digest);
# after `env dispose` of the ref: every build of the ref (no digest kept).
# A build of the ref is tagged <ref slug>-<12 hex of the commit>-<run id>-<run attempt> (the
# environments workflow); it is retired by adding the tag retired-<that tag> (tags are immutable:
# a tag is never moved, only added, as in ECR User Guide "Retagging an image").
# Needs the AWS CLI (ecr:DescribeImages, ecr:BatchGetImage, ecr:PutImage on the repository) and jq.
set -euo pipefail
repository="$1"
slug="$2"
keep="${3:-}"

aws ecr describe-images --repository-name "$repository" --filter tagStatus=TAGGED --output json \
  | jq -r --arg slug "$slug" --arg keep "$keep" '
      .imageDetails[]
      | select(.imageDigest != $keep)
      | select([.imageTags[] | startswith("retired-")] | any | not)
      | .imageTags[]
      | select(startswith($slug + "-") and (.[($slug | length) + 1:] | test("^[0-9a-f]{12}-[0-9]+-[0-9]+$")))' \
  | while read -r tag; do
      manifest="$(aws ecr batch-get-image --repository-name "$repository" --image-ids imageTag="$tag" \
        --query 'images[0].imageManifest' --output text)"
      aws ecr put-image --repository-name "$repository" --image-tag "retired-$tag" --image-manifest "$manifest" > /dev/null
      echo "retired $repository:$tag"
    done
