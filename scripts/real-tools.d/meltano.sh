# Meltano (what the Layer 4 pods run), and the AWS side it talks to, on loopback: moto's server
# (S3 for the state backend and artifacts, Secrets Manager for the project's secrets, CloudWatch
# Logs for the failed-run alarm's log group) and the AWS CLI (the secrets init container's
# command). Two virtual environments from PyPI, every top-level package pinned and every
# transitive one constrained by the lock files next to this recipe:
#   meltano.lock.txt  meltano[s3] (the S3 state backend needs boto3)
#   moto.lock.txt     moto[server], awscli (one botocore for both)
# The locks resolve on Python 3.10 to 3.13 (r3: networkx 3.7 needs 3.12, so a machine whose
# python3 is 3.11 could not build r2).
# Executables: meltano, moto_server, aws (sh launchers into the venvs). real-tools.sh builds in
# <dest>.partial and renames it, so every console script of the venvs gets a relocatable shebang
# (Meltano re-executes its own bin/meltano for `schedule run`).
meltano_version=4.4.1
moto_version=5.2.5
awscli_version=1.46.3
recipe_revision=3
version="$meltano_version-moto-$moto_version-awscli-$awscli_version-r$recipe_revision"

build() {
  local dest="$1" here python
  here="$(dirname "${BASH_SOURCE[0]}")"
  python="${MELTANODATA_PYTHON:-python3}"
  "$python" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 10) else "Meltano 4 needs Python 3.10+, got " + sys.version)'
  "$python" -m venv "$dest/meltano"
  "$dest/meltano/bin/pip" install --no-input -c "$here/meltano.lock.txt" "meltano[s3]==$meltano_version"
  "$python" -m venv "$dest/aws"
  "$dest/aws/bin/pip" install --no-input -c "$here/moto.lock.txt" "moto[server]==$moto_version" "awscli==$awscli_version"
  relocatable "$dest/meltano"
  relocatable "$dest/aws"
  launcher "$dest" meltano meltano
  launcher "$dest" aws moto_server
  launcher "$dest" aws aws
  "$dest/bin/meltano" --version
  "$dest/bin/aws" --version
}

# relocatable <venv>: its console scripts find the venv's python next to their own real path
# instead of at the absolute path pip wrote (the sh/python polyglot pip itself uses for long paths).
relocatable() {
  local script
  for script in "$1"/bin/*; do
    [ -f "$script" ] && [ ! -L "$script" ] || continue
    head -n 1 "$script" | grep -q "^#!$1/bin/python" || continue
    {
      echo '#!/bin/sh'
      echo "'''exec' \"\$(dirname \"\$(readlink -f \"\$0\")\")/python3\" \"\$0\" \"\$@\""
      echo "' '''"
      tail -n +2 "$script"
    } > "$script.tmp"
    chmod +x "$script.tmp"
    mv "$script.tmp" "$script"
  done
}

# launcher <dest> <venv> <script>: <dest>/bin/<script> runs <venv>'s <script> wherever <dest> is.
launcher() {
  cat > "$1/bin/$3" <<EOF
#!/bin/sh
root="\$(cd "\$(dirname "\$(readlink -f "\$0")")/.." && pwd)"
exec "\$root/$2/bin/$3" "\$@"
EOF
  chmod +x "$1/bin/$3"
}
