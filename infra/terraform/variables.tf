variable "do_token" {
  description = "DigitalOcean API token (read/write). Pass as TF_VAR_do_token."
  type        = string
  sensitive   = true
}

variable "region" {
  description = "DigitalOcean region for droplets and databases (same region: private networking)."
  type        = string
  default     = "nyc3"
}

variable "droplet_image" {
  description = "Droplet OS image: Ubuntu 22.04 LTS."
  type        = string
  default     = "ubuntu-22-04-x64"
}

variable "dev_droplet_size" {
  description = "DEV droplet size: low-spec, SQLite, one app replica."
  type        = string
  default     = "s-2vcpu-2gb"
}

variable "uat_droplet_size" {
  description = "UAT droplet size: mirrors PROD's layout (two replicas) on a smaller machine."
  type        = string
  default     = "s-2vcpu-2gb"
}

variable "prod_droplet_size" {
  description = "PROD droplet size."
  type        = string
  default     = "s-4vcpu-8gb"
}

variable "db_size" {
  description = "Managed PostgreSQL node size for UAT and PROD (1 vCPU / 1 GB, 10 GiB, 22 connections). A larger plan allows more connections: set DB_CONNECTION_LIMIT and DB_POOL_SIZE to match (docs/deploying.md)."
  type        = string
  default     = "db-s-1vcpu-1gb"
}

variable "db_node_count" {
  description = "Nodes per PostgreSQL cluster (2+ adds a standby for failover)."
  type        = number
  default     = 1
}

variable "postgres_version" {
  description = "PostgreSQL major version."
  type        = string
  default     = "15"
}

variable "ssh_public_key" {
  description = "Public half of the deploy key (the private half is the SSH_PRIVATE_KEY secret in GitHub)."
  type        = string
}

variable "ssh_allowed_cidrs" {
  description = "Sources allowed to reach SSH (22). GitHub-hosted runners have no fixed addresses, hence the default."
  type        = list(string)
  default     = ["0.0.0.0/0", "::/0"]
}

variable "domain" {
  description = "DNS zone already managed by DigitalOcean (Networking -> Domains)."
  type        = string
  default     = "meatscentral.com"
}

variable "dev_record_name" {
  description = "A record for DEV inside var.domain."
  type        = string
  default     = "dev"
}

variable "uat_record_name" {
  description = "A record for UAT inside var.domain."
  type        = string
  default     = "uat"
}

variable "prod_record_name" {
  description = "A record for PROD inside var.domain (\"@\" is the apex, meatscentral.com)."
  type        = string
  default     = "@"
}

variable "dns_ttl" {
  description = "TTL of the A records, in seconds."
  type        = number
  default     = 300
}
