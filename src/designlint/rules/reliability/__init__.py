"""DL7xx: reliability and latency (interview phase 4): regions, failover, replicas, budgets."""
