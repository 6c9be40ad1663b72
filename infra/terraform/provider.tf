# DigitalOcean provider. The token comes from TF_VAR_do_token (or a *.tfvars file kept out of
# git), never from a committed file.
terraform {
  required_version = ">= 1.5.0"

  required_providers {
    digitalocean = {
      source  = "digitalocean/digitalocean"
      version = "~> 2.40"
    }
  }
}

provider "digitalocean" {
  token = var.do_token
}
