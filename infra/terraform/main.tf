# ProjectMeats infrastructure: three droplets (DEV, UAT, PROD), managed PostgreSQL 15 for UAT
# and PROD, DNS, and firewalls. Apply from this directory: terraform init && terraform apply.

locals {
  app_dir = "/opt/projectmeats"
  # The same first-boot setup for every droplet: deploy user, Docker + Compose plugin, UFW,
  # /opt/projectmeats owned by deploy.
  user_data = templatefile("${path.module}/cloud-init.yaml", {
    deploy_ssh_public_key = trimspace(var.ssh_public_key)
    app_dir               = local.app_dir
  })
  domains = {
    dev  = var.dev_record_name == "@" ? var.domain : "${var.dev_record_name}.${var.domain}"
    uat  = var.uat_record_name == "@" ? var.domain : "${var.uat_record_name}.${var.domain}"
    prod = var.prod_record_name == "@" ? var.domain : "${var.prod_record_name}.${var.domain}"
  }
}

resource "digitalocean_ssh_key" "deploy_key" {
  name       = "projectmeats-deploy"
  public_key = var.ssh_public_key
}

# --- droplets ------------------------------------------------------------------------------

resource "digitalocean_droplet" "projectmeats_dev" {
  name       = "projectmeats-dev"
  image      = var.droplet_image
  size       = var.dev_droplet_size
  region     = var.region
  ssh_keys   = [digitalocean_ssh_key.deploy_key.id]
  user_data  = local.user_data
  monitoring = true
  tags       = ["projectmeats", "projectmeats-dev"]

  lifecycle {
    # cloud-init runs on first boot only; a changed template must not replace a live droplet
    # (and wipe DEV's SQLite volume). New droplets pick the change up.
    ignore_changes = [user_data, image]
  }
}

resource "digitalocean_droplet" "projectmeats_uat" {
  name       = "projectmeats-uat"
  image      = var.droplet_image
  size       = var.uat_droplet_size
  region     = var.region
  ssh_keys   = [digitalocean_ssh_key.deploy_key.id]
  user_data  = local.user_data
  monitoring = true
  tags       = ["projectmeats", "projectmeats-uat"]

  lifecycle {
    ignore_changes = [user_data, image]
  }
}

resource "digitalocean_droplet" "projectmeats_prod" {
  name       = "projectmeats-prod"
  image      = var.droplet_image
  size       = var.prod_droplet_size
  region     = var.region
  ssh_keys   = [digitalocean_ssh_key.deploy_key.id]
  user_data  = local.user_data
  monitoring = true
  tags       = ["projectmeats", "projectmeats-prod"]

  lifecycle {
    ignore_changes = [user_data, image]
    # PROD holds live sessions and certificates: a plan that would destroy it must be looked at.
    prevent_destroy = true
  }
}

# --- managed PostgreSQL 15 (UAT, PROD) ------------------------------------------------------

resource "digitalocean_database_cluster" "projectmeats_uat_db" {
  name       = "projectmeats-uat-db"
  engine     = "pg"
  version    = var.postgres_version
  size       = var.db_size
  region     = var.region
  node_count = var.db_node_count
  tags       = ["projectmeats", "projectmeats-uat"]
}

resource "digitalocean_database_cluster" "projectmeats_prod_db" {
  name       = "projectmeats-prod-db"
  engine     = "pg"
  version    = var.postgres_version
  size       = var.db_size
  region     = var.region
  node_count = var.db_node_count
  tags       = ["projectmeats", "projectmeats-prod"]

  lifecycle {
    prevent_destroy = true
  }
}

# The app gets its own database and user rather than doadmin, so its URL cannot drop the cluster.
resource "digitalocean_database_db" "projectmeats_uat" {
  cluster_id = digitalocean_database_cluster.projectmeats_uat_db.id
  name       = "projectmeats"
}

resource "digitalocean_database_user" "projectmeats_uat" {
  cluster_id = digitalocean_database_cluster.projectmeats_uat_db.id
  name       = "projectmeats"
}

resource "digitalocean_database_db" "projectmeats_prod" {
  cluster_id = digitalocean_database_cluster.projectmeats_prod_db.id
  name       = "projectmeats"
}

resource "digitalocean_database_user" "projectmeats_prod" {
  cluster_id = digitalocean_database_cluster.projectmeats_prod_db.id
  name       = "projectmeats"
}

# Each database admits its own environment's droplet and nothing else: not the other
# environments, not the internet.
resource "digitalocean_database_firewall" "projectmeats_uat_db" {
  cluster_id = digitalocean_database_cluster.projectmeats_uat_db.id

  rule {
    type  = "droplet"
    value = digitalocean_droplet.projectmeats_uat.id
  }
}

resource "digitalocean_database_firewall" "projectmeats_prod_db" {
  cluster_id = digitalocean_database_cluster.projectmeats_prod_db.id

  rule {
    type  = "droplet"
    value = digitalocean_droplet.projectmeats_prod.id
  }
}

# --- network firewall ----------------------------------------------------------------------

# Cloud firewall in front of all three droplets: SSH, HTTP (ACME challenge + redirect), HTTPS.
# It also covers the ports Docker publishes, which bypass UFW's rules on the droplet itself.
resource "digitalocean_firewall" "projectmeats" {
  name = "projectmeats-web"
  droplet_ids = [
    digitalocean_droplet.projectmeats_dev.id,
    digitalocean_droplet.projectmeats_uat.id,
    digitalocean_droplet.projectmeats_prod.id,
  ]

  inbound_rule {
    protocol         = "tcp"
    port_range       = "22"
    source_addresses = var.ssh_allowed_cidrs
  }

  inbound_rule {
    protocol         = "tcp"
    port_range       = "80"
    source_addresses = ["0.0.0.0/0", "::/0"]
  }

  inbound_rule {
    protocol         = "tcp"
    port_range       = "443"
    source_addresses = ["0.0.0.0/0", "::/0"]
  }

  inbound_rule {
    protocol         = "icmp"
    source_addresses = ["0.0.0.0/0", "::/0"]
  }

  outbound_rule {
    protocol              = "tcp"
    port_range            = "1-65535"
    destination_addresses = ["0.0.0.0/0", "::/0"]
  }

  outbound_rule {
    protocol              = "udp"
    port_range            = "1-65535"
    destination_addresses = ["0.0.0.0/0", "::/0"]
  }

  outbound_rule {
    protocol              = "icmp"
    destination_addresses = ["0.0.0.0/0", "::/0"]
  }
}

# --- DNS -----------------------------------------------------------------------------------

# The zone must already exist in DigitalOcean; reading it here fails the plan early if not.
data "digitalocean_domain" "main" {
  name = var.domain
}

resource "digitalocean_record" "dev_dns" {
  domain = data.digitalocean_domain.main.id
  type   = "A"
  name   = var.dev_record_name
  value  = digitalocean_droplet.projectmeats_dev.ipv4_address
  ttl    = var.dns_ttl
}

resource "digitalocean_record" "uat_dns" {
  domain = data.digitalocean_domain.main.id
  type   = "A"
  name   = var.uat_record_name
  value  = digitalocean_droplet.projectmeats_uat.ipv4_address
  ttl    = var.dns_ttl
}

resource "digitalocean_record" "prod_dns" {
  domain = data.digitalocean_domain.main.id
  type   = "A"
  name   = var.prod_record_name
  value  = digitalocean_droplet.projectmeats_prod.ipv4_address
  ttl    = var.dns_ttl
}
