output "dev_ip" {
  description = "DEV droplet public IPv4 (GitHub environment dev: secret SSH_HOST)."
  value       = digitalocean_droplet.projectmeats_dev.ipv4_address
}

output "uat_ip" {
  description = "UAT droplet public IPv4 (GitHub environment uat: secret SSH_HOST)."
  value       = digitalocean_droplet.projectmeats_uat.ipv4_address
}

output "prod_ip" {
  description = "PROD droplet public IPv4 (GitHub environment prod: secret SSH_HOST)."
  value       = digitalocean_droplet.projectmeats_prod.ipv4_address
}

output "dev_domain" {
  description = "DEV host name (GitHub environment dev: variable APP_DOMAIN)."
  value       = local.domains.dev
}

output "uat_domain" {
  description = "UAT host name (GitHub environment uat: variable APP_DOMAIN)."
  value       = local.domains.uat
}

output "prod_domain" {
  description = "PROD host name (GitHub environment prod: variable APP_DOMAIN)."
  value       = local.domains.prod
}

# DATABASE_URL for the app, over the private network (the droplet and the cluster share the
# region's VPC). Read with: terraform output -raw uat_database_uri
output "uat_database_uri" {
  description = "UAT DATABASE_URL (GitHub environment uat: secret DATABASE_URL)."
  value       = "postgres://${digitalocean_database_user.projectmeats_uat.name}:${urlencode(digitalocean_database_user.projectmeats_uat.password)}@${digitalocean_database_cluster.projectmeats_uat_db.private_host}:${digitalocean_database_cluster.projectmeats_uat_db.port}/${digitalocean_database_db.projectmeats_uat.name}?sslmode=require"
  sensitive   = true
}

output "prod_database_uri" {
  description = "PROD DATABASE_URL (GitHub environment prod: secret DATABASE_URL)."
  value       = "postgres://${digitalocean_database_user.projectmeats_prod.name}:${urlencode(digitalocean_database_user.projectmeats_prod.password)}@${digitalocean_database_cluster.projectmeats_prod_db.private_host}:${digitalocean_database_cluster.projectmeats_prod_db.port}/${digitalocean_database_db.projectmeats_prod.name}?sslmode=require"
  sensitive   = true
}

# doadmin on the app's database, for the one-time grant PostgreSQL 15 needs (only the owner may
# create in schema public) and for an operator's psql. Reachable from the droplet only.
output "uat_database_admin_uri" {
  description = "UAT doadmin URI on the projectmeats database (operators only)."
  value       = "postgres://${digitalocean_database_cluster.projectmeats_uat_db.user}:${urlencode(digitalocean_database_cluster.projectmeats_uat_db.password)}@${digitalocean_database_cluster.projectmeats_uat_db.private_host}:${digitalocean_database_cluster.projectmeats_uat_db.port}/${digitalocean_database_db.projectmeats_uat.name}?sslmode=require"
  sensitive   = true
}

output "prod_database_admin_uri" {
  description = "PROD doadmin URI on the projectmeats database (operators only)."
  value       = "postgres://${digitalocean_database_cluster.projectmeats_prod_db.user}:${urlencode(digitalocean_database_cluster.projectmeats_prod_db.password)}@${digitalocean_database_cluster.projectmeats_prod_db.private_host}:${digitalocean_database_cluster.projectmeats_prod_db.port}/${digitalocean_database_db.projectmeats_prod.name}?sslmode=require"
  sensitive   = true
}
