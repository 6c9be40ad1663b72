#!/usr/bin/env bats
# infra/terraform without terraform: every .tf file parsed by @cdktf/hcl2json (lib/hcl2json.cjs),
# then the promised resources, variables, outputs and firewall rules asserted with jq.

# Terraform's ${…} interpolations are compared as literal text.
# shellcheck disable=SC2016

load test_helper

TF_DIR=$REPO_DIR/infra/terraform

setup_file() {
  node "$TESTS_DIR/lib/hcl2json.cjs" "$TF_DIR" >"$BATS_FILE_TMPDIR/tf.json"
}

q() { jq -e "$1" "$BATS_FILE_TMPDIR/tf.json" >/dev/null; }
# Raw value of an attribute of one resource: attr TYPE NAME ATTR
attr() { jq -r --arg t "$1" --arg n "$2" --arg a "$3" '.resource[$t][$n][0][$a]' "$BATS_FILE_TMPDIR/tf.json"; }

@test "the four Terraform files and the cloud-init template exist and parse" {
  for f in provider.tf variables.tf main.tf outputs.tf; do
    q ".files | has(\"$f\")"
  done
  [ -f "$TF_DIR/cloud-init.yaml" ]
  q '.provider | has("digitalocean")'
  q '.terraform[0].required_providers[0].digitalocean.source == "digitalocean/digitalocean"'
}

@test "the seed's resource names exist" {
  for r in digitalocean_droplet.projectmeats_dev digitalocean_droplet.projectmeats_uat \
    digitalocean_droplet.projectmeats_prod digitalocean_database_cluster.projectmeats_uat_db \
    digitalocean_database_cluster.projectmeats_prod_db digitalocean_ssh_key.deploy_key \
    digitalocean_record.dev_dns digitalocean_record.uat_dns digitalocean_record.prod_dns; do
    echo "$r"
    q ".resource.${r%%.*}.${r#*.}"
  done
}

@test "droplets: sizes from variables with the seed's values, Ubuntu 22.04 LTS, region variable nyc3" {
  q '.variable.dev_droplet_size[0].default == "s-2vcpu-2gb"'
  q '.variable.uat_droplet_size[0].default == "s-2vcpu-2gb"'
  q '.variable.prod_droplet_size[0].default == "s-4vcpu-8gb"'
  q '.variable.region[0].default == "nyc3"'
  q '.variable.droplet_image[0].default == "ubuntu-22-04-x64"'
  for e in dev uat prod; do
    [ "$(attr digitalocean_droplet "projectmeats_$e" size)" = "\${var.${e}_droplet_size}" ]
    [ "$(attr digitalocean_droplet "projectmeats_$e" region)" = '${var.region}' ]
    [ "$(attr digitalocean_droplet "projectmeats_$e" image)" = '${var.droplet_image}' ]
    [ "$(attr digitalocean_droplet "projectmeats_$e" user_data)" = '${local.user_data}' ]
    q ".resource.digitalocean_droplet.projectmeats_${e}[0].ssh_keys == [\"\${digitalocean_ssh_key.deploy_key.id}\"]"
  done
}

@test "PostgreSQL 15 clusters for UAT and PROD (and none for DEV)" {
  q '.variable.postgres_version[0].default == "15"'
  for e in uat prod; do
    [ "$(attr digitalocean_database_cluster "projectmeats_${e}_db" engine)" = pg ]
    [ "$(attr digitalocean_database_cluster "projectmeats_${e}_db" version)" = '${var.postgres_version}' ]
    [ "$(attr digitalocean_database_cluster "projectmeats_${e}_db" region)" = '${var.region}' ]
  done
  [ "$(jq '.resource.digitalocean_database_cluster | length' "$BATS_FILE_TMPDIR/tf.json")" -eq 2 ]
}

@test "each database firewall admits only its own environment's droplet" {
  [ "$(jq '.resource.digitalocean_database_firewall | length' "$BATS_FILE_TMPDIR/tf.json")" -eq 2 ]
  for e in uat prod; do
    fw=$(jq -c --arg c "\${digitalocean_database_cluster.projectmeats_${e}_db.id}" \
      '[.resource.digitalocean_database_firewall[][] | select(.cluster_id == $c)]' "$BATS_FILE_TMPDIR/tf.json")
    echo "$e: $fw"
    [ "$(jq 'length' <<<"$fw")" -eq 1 ]
    [ "$(jq -c '[.[0].rule[] | {type, value}]' <<<"$fw")" = "[{\"type\":\"droplet\",\"value\":\"\${digitalocean_droplet.projectmeats_$e.id}\"}]" ]
  done
}

@test "one DigitalOcean firewall opens 22, 80 and 443 on all three droplets, nothing else inbound but ping" {
  fw=$(jq -c '.resource.digitalocean_firewall | to_entries[0].value[0]' "$BATS_FILE_TMPDIR/tf.json")
  [ "$(jq -c '[.inbound_rule[] | select(.protocol == "tcp") | .port_range] | sort' <<<"$fw")" = '["22","443","80"]' ]
  [ "$(jq -c '[.inbound_rule[] | select(.protocol != "tcp" and .protocol != "icmp")] | length' <<<"$fw")" = 0 ]
  for e in dev uat prod; do
    jq -e --arg d "\${digitalocean_droplet.projectmeats_$e.id}" '.droplet_ids | index($d)' <<<"$fw" >/dev/null
  done
}

@test "DNS A records point each domain at its own droplet" {
  for e in dev uat prod; do
    [ "$(attr digitalocean_record "${e}_dns" type)" = A ]
    [ "$(attr digitalocean_record "${e}_dns" value)" = "\${digitalocean_droplet.projectmeats_$e.ipv4_address}" ]
    [ "$(attr digitalocean_record "${e}_dns" name)" = "\${var.${e}_record_name}" ]
  done
  q '.variable.domain[0].default == "meatscentral.com"'
  q '.variable.dev_record_name[0].default == "dev"'
  q '.variable.uat_record_name[0].default == "uat"'
  q '.variable.prod_record_name[0].default == "@"'
}

@test "outputs: IPs, domains and database URIs, the URIs marked sensitive" {
  for o in dev_ip uat_ip prod_ip dev_domain uat_domain prod_domain uat_database_uri prod_database_uri; do
    echo "$o"
    q ".output.${o}[0].value"
  done
  # Any output whose value touches a database cluster, user or password is sensitive.
  leaks=$(jq -r '.output | to_entries[] | select((.value[0].value | tostring | test("database|password")) and (.value[0].sensitive != true)) | .key' "$BATS_FILE_TMPDIR/tf.json")
  [ -z "$leaks" ] || { echo "not sensitive: $leaks"; false; }
  q '.output.uat_database_uri[0].sensitive == true and .output.prod_database_uri[0].sensitive == true'
  q '.variable.do_token[0].sensitive == true'
}

@test "each database URI output is built from its own environment's cluster only" {
  for e in uat prod; do
    other=$([ "$e" = uat ] && echo prod || echo uat)
    v=$(jq -r ".output.${e}_database_uri[0].value" "$BATS_FILE_TMPDIR/tf.json")
    [[ $v == postgres://* && $v == *"projectmeats_${e}_db"* && $v == *"sslmode=require"* ]]
    [[ $v != *"$other"* ]]
  done
}

@test "every var.* used is declared in variables.tf" {
  used=$(grep -ohE 'var\.[a-z_][a-z0-9_]*' "$TF_DIR"/*.tf | sort -u | sed 's/^var\.//')
  for v in $used; do
    echo "$v"
    q ".files[\"variables.tf\"].variable | has(\"$v\")"
  done
}

@test "cloud-init: deploy user, Docker with the Compose plugin, UFW, /opt/projectmeats owned by deploy" {
  # Placeholders in the template must be exactly the keys main.tf passes to templatefile().
  placeholders=$(grep -oE '\$\{[a-z_]+\}' "$TF_DIR/cloud-init.yaml" | sort -u | tr -d '${}')
  passed=$(sed -n '/templatefile(/,/})/p' "$TF_DIR/main.tf" | sed 1d | sed -n 's/^ *\([a-z_]*\) *=.*/\1/p' | sort -u)
  [ "$placeholders" = "$passed" ]
  # Render it as Terraform would (sample values) and read it as YAML.
  sed -e 's|${deploy_ssh_public_key}|ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIExample deploy@ci|' \
    -e 's|${app_dir}|/opt/projectmeats|g' "$TF_DIR/cloud-init.yaml" >"$BATS_TEST_TMPDIR/user-data.yaml"
  head -1 "$BATS_TEST_TMPDIR/user-data.yaml" | grep -qx '#cloud-config'
  yaml_json "$BATS_TEST_TMPDIR/user-data.yaml" >"$BATS_TEST_TMPDIR/ci.json"
  ci() { jq -e "$1" "$BATS_TEST_TMPDIR/ci.json" >/dev/null; }
  ci '.users | any(type == "object" and .name == "deploy" and (.groups | index("docker")) and (.groups | index("sudo")) and (.ssh_authorized_keys | length == 1) and .lock_passwd == true)'
  ci '.groups | index("docker")'
  ci '.packages | index("ufw")'
  ci '.runcmd | map(tostring) | any(test("apt-get install .*docker-ce .*docker-compose-plugin"))'
  ci '.runcmd | index("ufw allow OpenSSH") and index("ufw allow 80/tcp") and index("ufw allow 443/tcp") and index("ufw --force enable")'
  ci '.runcmd | index("install -d -o deploy -g deploy -m 0750 /opt/projectmeats /opt/projectmeats/env /opt/projectmeats/bin")'
  ci '.write_files | any(.path == "/etc/ssh/sshd_config.d/60-projectmeats.conf" and (.content | test("PasswordAuthentication no")))'
}
