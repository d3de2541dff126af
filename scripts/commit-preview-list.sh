#!/usr/bin/env bash
# Commits the applied preview list (Pulumi.<stack>.yaml) to the default branch, so the repository always shows
# what was last deployed. Used only by .github/workflows/preview-environments.yml; $1 is the commit message.
set -euo pipefail
file="Pulumi.${STACK:?STACK is not set}.yaml"
if git diff --quiet -- "$file"; then
  echo "preview list unchanged; nothing to commit"
  exit 0
fi
git config user.name "github-actions[bot]"
git config user.email "41898282+github-actions[bot]@users.noreply.github.com"
git add -- "$file"
git commit -m "$1"
branch="$(git rev-parse --abbrev-ref HEAD)"
git pull --rebase origin "$branch"
git push origin "HEAD:$branch"
