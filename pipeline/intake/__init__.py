"""Taking files in: durable storage, archive expansion, and processing by worker processes."""
